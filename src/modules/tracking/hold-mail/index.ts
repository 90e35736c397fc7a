// The hold mail part of the tracking module: holds with identity verification, the fraud screen, its review and the delivery unit's list.
export {
  checkHoldDates,
  checkHoldMail,
  holdMaxDays,
  holdMaxDaysAhead,
  holdMaxInstructionsLength,
  holdMaxNameLength,
  holdMinDays,
  InvalidHoldMailField,
  type CheckedHoldMail,
} from './check-hold-mail.ts';
export {
  endActions,
  holdMailPhases,
  holdMailStatuses,
  holdScreeningOutcomes,
  type EndAction,
  type HeldDelivery,
  type HoldMail,
  type HoldMailPhase,
  type HoldMailStatus,
  type HoldScreening,
  type HoldScreeningOutcome,
  type NewHoldMail,
  type NewOwnHoldMail,
} from './hold-mail.ts';
export { holdMailRules, holdMailWindows, otherHoldsLimit, type HoldMailRule, type HoldMailSignals } from './hold-mail-rules.ts';
export { holdMailMover } from './hold-mail-merge-mover.ts';
export {
  createHoldMailService,
  deliveryListLimit,
  HoldMailConflict,
  HoldMailNotFound,
  holdMailRecordType,
  portalVerifier,
  type HoldMailService,
  type HoldMailServiceOptions,
} from './hold-mail-service.ts';
export { holdScreeningThresholds, screenHoldMail } from './screen-hold-mail.ts';
