import { api } from './client.ts';

/** Shapes of src/http/routes/privacy-incidents.ts (privacy incidents, OMB M-17-12). */
export const incidentSteps = ['contained', 'confirmed', 'reported_to_cisa', 'notification_completed'] as const;
export type IncidentStep = (typeof incidentSteps)[number];
export type IncidentStatus = 'open' | 'confirmed' | 'closed';
export type CisaClockStatus = 'not_started' | 'running' | 'overdue' | 'met' | 'late';

export interface CisaClock {
  readonly status: CisaClockStatus;
  readonly deadline: string | null;
  readonly secondsLeft: number | null;
}

export interface Incident {
  readonly id: string;
  /** 'PI-2026-000001' */
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly suspectedRoutes: readonly string[];
  readonly suspectedRelease: string | null;
  readonly status: IncidentStatus;
  readonly declaredBy: string;
  readonly declaredAt: string;
  readonly discoveredAt: string;
  readonly containedAt: string | null;
  readonly confirmedAt: string | null;
  readonly reportedToCisaAt: string | null;
  readonly notificationCompletedAt: string | null;
  readonly radiusComputedAt: string | null;
  readonly blockedResponses: number;
  readonly affectedCount: number;
  readonly cisaClock: CisaClock;
}

export interface AffectedPerson {
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly recordTypes: readonly string[];
  readonly fieldClasses: readonly string[];
  readonly routes: readonly string[];
  /** 'portal-session:<uuid>' or 'staff:<uuid>'. */
  readonly recipients: readonly string[];
  readonly responses: number;
  readonly firstExposedAt: string;
  readonly lastExposedAt: string;
  readonly letterGeneratedAt: string | null;
  readonly emailQueuedAt: string | null;
  readonly noticeCaseId: string | null;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly affected: readonly AffectedPerson[];
}

export interface NewIncident {
  readonly title: string;
  readonly description: string;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly suspectedRoutes?: readonly string[];
  readonly suspectedRelease?: string | null;
  readonly discoveredAt?: string;
}

export interface BlastRadius {
  readonly affected: number;
  readonly removed: number;
  readonly blockedResponses: number;
}

export interface EmailOutcome {
  readonly queued: number;
  readonly alreadyQueued: number;
  readonly notByEmail: number;
}

const base = '/api/privacy/incidents';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

export const listIncidents = () => api.get<Incident[]>(base);
export const getIncident = (id: string) => api.get<IncidentDetail>(one(id));
export const declareIncident = (input: NewIncident) => api.post<IncidentDetail>(base, input);
export const recomputeBlastRadius = (id: string) => api.post<BlastRadius>(`${one(id)}/blast-radius`);
export const recordStep = (id: string, step: IncidentStep, at?: string) =>
  api.post<IncidentDetail>(`${one(id)}/steps/${step}`, at ? { at } : {});
export const queueEmails = (id: string) => api.post<EmailOutcome>(`${one(id)}/emails`);

/** Links, not fetches: the browser opens the PDF itself, with the session cookie. */
export const lettersUrl = (id: string) => `${one(id)}/letters.pdf`;
export const letterUrl = (id: string, subjectId: string) => `${one(id)}/letters/${encodeURIComponent(subjectId)}.pdf`;
