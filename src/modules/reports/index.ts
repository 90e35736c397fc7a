// The reports module's public face: aggregate reports over other modules' records for the
// supervisors (reports.read) — counts and durations, never a case, a customer or a text.
// The satisfaction report lives with the surveys it counts (src/modules/surveys).
export { createCaseReports, type CaseReports, type CaseReportsOptions } from './case-reports.ts';
export { InvalidReportField } from './report-errors.ts';
export { maxReportDays, reportPeriod, type ReportPeriod } from './report-period.ts';
export { businessAreaNames } from './case-report-repository.ts';
export { nearestRank, percentilesOf, type Percentiles } from './nearest-rank.ts';
export {
  backlogBuckets,
  type AlertCounts,
  type AreaCount,
  type BacklogArea,
  type BacklogBucket,
  type BacklogCounts,
  type BacklogReport,
  type CaseReport,
  type CaseReportQuery,
  type ChannelCounts,
  type ChannelDurations,
  type DayVolume,
  type DurationReport,
  type DurationStats,
  type SlaAlertReport,
  type VolumeReport,
} from './case-report.ts';
