export {
  createLegalHolds,
  HoldNotFound,
  InvalidHold,
  type HoldInput,
  type HoldScope,
  type LegalHold,
  type LegalHolds,
} from './legal-holds.ts';
export {
  createRetentionSweep,
  disposalMethod,
  partitionDropMethod,
  type CertificateLine,
  type RemoveOrphanFiles,
  type RetentionSweep,
  type SweepOptions,
  type SweepResult,
} from './retention-sweep.ts';
export { retentionCheck, retentionForecast, type ForecastLine, type RetentionCheck } from './retention-forecast.ts';
export {
  createRelationshipEnds,
  InvalidRelationshipEnd,
  SubjectNotFound,
  type RelationshipEnd,
  type RelationshipEnds,
} from './relationship-end.ts';
export { listCertificates, type DisposalCertificate } from './disposal-certificates.ts';
export { startRetentionSchedule, type RetentionSchedule, type RetentionScheduleOptions } from './retention-schedule.ts';
