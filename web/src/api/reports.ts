import type { CaseChannel } from './cases.ts';
import { api } from './client.ts';

/** GET /api/reports/cases (src/http/routes/case-report-schema.ts): counts and durations only. */
export interface Percentiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}
export interface DurationStats {
  readonly count: number;
  readonly elapsedHours: Percentiles | null;
  readonly businessHours: Percentiles | null;
}
export interface DurationReport {
  readonly all: DurationStats;
  readonly byChannel: readonly (DurationStats & { readonly channel: CaseChannel })[];
}
export interface BacklogCounts {
  readonly buckets: readonly number[];
  readonly total: number;
  readonly oldestAgeHours: number | null;
}
export interface CaseReport {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly volume: {
    readonly total: number;
    readonly byDay: readonly { readonly day: string; readonly total: number; readonly byChannel: Readonly<Record<CaseChannel, number>> }[];
    readonly byChannel: Readonly<Record<CaseChannel, number>>;
    readonly byArea: readonly { readonly area: string | null; readonly label: string; readonly count: number }[];
  };
  readonly firstResponse: DurationReport;
  readonly resolution: DurationReport;
  readonly backlog: {
    readonly asOf: string;
    readonly bucketLabels: readonly string[];
    readonly byArea: readonly (BacklogCounts & { readonly area: string | null; readonly label: string })[];
    readonly all: BacklogCounts;
  };
  readonly sla: {
    readonly firstResponse: { readonly warning: number; readonly breached: number };
    readonly resolution: { readonly warning: number; readonly breached: number };
  };
}

export interface CaseReportQuery {
  readonly from: string;
  readonly to: string;
}

export const fetchCaseReport = (query: CaseReportQuery) => api.get<CaseReport>('/api/reports/cases', { query: { ...query } });
