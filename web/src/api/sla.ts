import { api } from './client.ts';
import type { CaseChannel, CasePriority, CaseStatus } from './cases.ts';

/** Shapes of src/http/routes/sla.ts. */
export type ClockState = 'met' | 'running' | 'paused' | 'warning' | 'breached';

export interface SlaClock {
  readonly state: ClockState;
  /** Business minutes allowed, on the agency calendar. */
  readonly targetMinutes: number;
  /** Business minutes run so far (paused while the case waits for the customer). */
  readonly elapsedMinutes: number;
  readonly dueAt: string | null;
  readonly warnAt: string | null;
  readonly metAt: string | null;
}

export interface SlaClocks {
  readonly firstResponse: SlaClock;
  readonly resolution: SlaClock;
}

export interface AtRiskCase {
  readonly id: string;
  readonly number: string;
  readonly businessArea: string | null;
  readonly assignee: string | null;
  readonly channel: CaseChannel;
  readonly priority: CasePriority;
  readonly status: CaseStatus;
  readonly target: 'first_response' | 'resolution';
  readonly state: 'warning' | 'breached';
  readonly dueAt: string;
}

export const fetchCaseSla = (caseId: string) => api.get<SlaClocks>(`/api/cases/${encodeURIComponent(caseId)}/sla`);
export const fetchAtRisk = () => api.get<AtRiskCase[]>('/api/sla/at-risk');

/** One agent's open cases in one area, or the area's queue (assignee null): GET /api/workload. */
export interface WorkloadRow {
  readonly businessArea: string | null;
  readonly assignee: string | null;
  readonly displayName: string | null;
  readonly open: number;
  readonly byStatus: Readonly<Partial<Record<CaseStatus, number>>>;
  readonly oldestCreatedAt: string;
}

export const fetchWorkload = () => api.get<WorkloadRow[]>('/api/workload');
