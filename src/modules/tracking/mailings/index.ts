// The mailings part of the tracking module: business mailers' mailings from their postage statements, and how their pieces are doing.
export {
  businessMailingRecordType,
  createMailingService,
  dropShipRecordType,
  MailingConflict,
  MailingNotFound,
  mailingRecordType,
  nextStatuses as mailingStatusTransitions,
  type MailingService,
} from './mailing-service.ts';
export {
  checkMailing,
  checkProblems,
  InvalidMailingField,
  maxAppointmentDays,
  maxContainerLabels,
  maxDaysAhead as maxMailingDaysAhead,
  maxDaysBack as maxMailingDaysBack,
  maxPieceCount,
  maxPostageCents,
  maxProblemsLength,
  maxWeightGrams,
  type CheckedMailing,
} from './check-mailing.ts';
export {
  entryPoints,
  mailClasses,
  mailingStatuses,
  permitTypes,
  presortLevels,
  processingCategories,
  replyKinds,
  type EntryPoint,
  type MailClass,
  type Mailing,
  type MailingPerformance,
  type MailingStatus,
  type MailingUpdate,
  type NewMailing,
  type PermitType,
  type PresortLevel,
  type ProcessingCategory,
  type ReplyKind,
  type ReplyMailpiece,
} from './mailing.ts';
export { performanceWindow, summarisePerformance } from './mailing-performance.ts';
export { mailingMover } from './mailing-mover.ts';
