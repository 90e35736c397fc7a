import type { CaseChannel } from '../cases/index.ts';
import type { Percentiles } from './nearest-rank.ts';

export interface CaseReportQuery {
  /** First and last local day of the period (YYYY-MM-DD) in the agency's time zone, both included. */
  readonly from: string;
  readonly to: string;
}

/** A count for each channel. */
export type ChannelCounts = Readonly<Record<CaseChannel, number>>;

export interface DayVolume {
  /** The local day, YYYY-MM-DD. */
  readonly day: string;
  readonly total: number;
  readonly byChannel: ChannelCounts;
}

export interface AreaCount {
  /** The business area id; null: the shared queue. */
  readonly area: string | null;
  readonly label: string;
  readonly count: number;
}

/** Cases opened in the period. */
export interface VolumeReport {
  readonly total: number;
  /** Every day of the period, days without cases included. */
  readonly byDay: readonly DayVolume[];
  readonly byChannel: ChannelCounts;
  /** Areas with cases, by label. */
  readonly byArea: readonly AreaCount[];
}

/** How long a step took, for the cases opened in the period that have taken it. */
export interface DurationStats {
  readonly count: number;
  /** Wall-clock hours, to the hundredth; null without cases. */
  readonly elapsedHours: Percentiles | null;
  /** Hours the agency's calendar was open, to the hundredth; null without cases. */
  readonly businessHours: Percentiles | null;
}

export interface ChannelDurations extends DurationStats {
  readonly channel: CaseChannel;
}

export interface DurationReport {
  readonly all: DurationStats;
  /** The channels with at least one case, in the order of caseChannels. */
  readonly byChannel: readonly ChannelDurations[];
}

/** Open-case age classes, by elapsed time since the case was opened; each lower bound is included in its class. */
export const backlogBuckets = [
  { key: 'under_1_day', label: 'Under 1 day', fromHours: 0 },
  { key: 'days_1_to_3', label: '1–3 days', fromHours: 24 },
  { key: 'days_3_to_7', label: '3–7 days', fromHours: 72 },
  { key: 'weeks_1_to_4', label: '1–4 weeks', fromHours: 168 },
  { key: 'over_4_weeks', label: 'Over 4 weeks', fromHours: 672 },
] as const;
export type BacklogBucket = (typeof backlogBuckets)[number]['key'];

export interface BacklogCounts {
  /** How many open cases in each class of backlogBuckets, in that order. */
  readonly buckets: readonly number[];
  readonly total: number;
  /** Age of the oldest open case, in wall-clock hours to the hundredth; null without open cases. */
  readonly oldestAgeHours: number | null;
}

export interface BacklogArea extends BacklogCounts {
  readonly area: string | null;
  readonly label: string;
}

/** Cases open at the moment of the report (new, open, pending or reopened), whatever the period. */
export interface BacklogReport {
  readonly asOf: Date;
  readonly byArea: readonly BacklogArea[];
  readonly all: BacklogCounts;
}

export interface AlertCounts {
  readonly warning: number;
  readonly breached: number;
}

/** SLA warnings and breaches announced in the period. */
export interface SlaAlertReport {
  readonly firstResponse: AlertCounts;
  readonly resolution: AlertCounts;
}

/** Aggregates of the cases the reader may see: counts and durations, never a case, a customer or a text. */
export interface CaseReport {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly volume: VolumeReport;
  /** From opening to the first reply. */
  readonly firstResponse: DurationReport;
  /** From opening to the last resolution, for cases resolved or closed now. */
  readonly resolution: DurationReport;
  readonly backlog: BacklogReport;
  readonly sla: SlaAlertReport;
}
