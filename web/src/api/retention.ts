import { api } from './client.ts';

/** Shapes of src/http/routes/retention.ts. */
export interface RetentionRule {
  readonly id: string;
  readonly name: string;
  /** The rule in one phrase, as the sweep applies it: '2 years after resolution'. */
  readonly rule: string;
  /** The notice's retention item, verbatim. */
  readonly retentionStatement: string;
}

export interface NoticeRules {
  readonly id: string;
  readonly designation: string;
  readonly name: string;
  readonly retentionPreamble: string | null;
  readonly disposal: string;
  readonly recordTypes: readonly RetentionRule[];
}

export interface ForecastLine {
  readonly recordTable: string;
  readonly recordType: string;
  readonly rule: string;
  /** Due by the end of the window and not held: what the sweep will dispose of. */
  readonly due: number;
  /** Due by then but kept by a legal hold. */
  readonly held: number;
  readonly dueFrom: string;
  readonly dueTo: string;
}

export interface Forecast {
  readonly until: string;
  readonly lines: readonly ForecastLine[];
}

export interface RetentionCheck {
  readonly passed: boolean;
  readonly checkedAt: string;
  readonly graceHours: number;
  readonly overdue: readonly ForecastLine[];
  readonly held: readonly ForecastLine[];
}

export interface CertificateLine {
  readonly recordTable: string;
  readonly recordType: string;
  readonly rule: string;
  readonly method: string;
  readonly records: number;
  readonly files: number;
  readonly keysDestroyed: number;
  readonly dueFrom: string;
  readonly dueTo: string;
  readonly idsSha256: string;
}

export interface DisposalCertificate {
  readonly runId: string;
  readonly runBy: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly lines: readonly CertificateLine[];
}

export interface HoldScope {
  readonly subjectId: string | null;
  readonly caseId: string | null;
  readonly recordType: string | null;
  readonly businessArea: string | null;
  readonly createdFrom: string | null;
  readonly createdTo: string | null;
}

export interface LegalHold {
  readonly id: string;
  readonly scope: HoldScope;
  readonly reason: string;
  readonly owner: string;
  /** YYYY-MM-DD */
  readonly reviewOn: string;
  /** 'staff:<user id>' or 'system:<job>' */
  readonly placedBy: string;
  readonly placedAt: string;
  readonly releasedBy: string | null;
  readonly releasedAt: string | null;
  readonly releaseNote: string | null;
}

export interface HoldInput {
  readonly scope: Partial<HoldScope>;
  readonly reason: string;
  readonly owner: string;
  readonly reviewOn: string;
}

export const fetchRetentionRules = () => api.get<NoticeRules[]>('/api/retention/rules');
export const fetchForecast = (days: number) => api.get<Forecast>('/api/retention/forecast', { query: { days } });
export const fetchRetentionCheck = () => api.get<RetentionCheck>('/api/retention/check');
export const listCertificates = (from: string, to: string) =>
  api.get<DisposalCertificate[]>('/api/retention/certificates', { query: { from, to } });
export const listHolds = (active?: boolean) =>
  api.get<LegalHold[]>('/api/retention/holds', { query: { active: active === undefined ? undefined : String(active) } });
export const placeHold = (input: HoldInput) => api.post<LegalHold>('/api/retention/holds', input);
export const releaseHold = (id: string, note: string) =>
  api.post<LegalHold>(`/api/retention/holds/${encodeURIComponent(id)}/release`, { note });
