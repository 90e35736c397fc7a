// The change-of-address part of the tracking module: requests with identity verification, the fraud screen and its review queue.
export {
  changeOfAddressRecordType,
  ChangeOfAddressConflict,
  ChangeOfAddressNotFound,
  coaVerificationRecordType,
  screeningDigestPurpose,
  createChangeOfAddressService,
  coaPortalVerifier,
  type AddressOfRecord,
  type ChangeOfAddressService,
  type ChangeOfAddressServiceOptions,
  type CmraAddress,
  type PortalChangeOfAddress,
  type ReviewInput,
} from './change-of-address-service.ts';
export {
  checkChangeOfAddress,
  InvalidChangeOfAddressField,
  maxDaysAhead,
  maxDaysBack,
  maxNameLength,
  maxTemporaryYears,
  minTemporaryDays,
  type CheckedChangeOfAddress,
} from './check-change-of-address.ts';
export {
  changeOfAddressStatuses,
  moveDurations,
  moveTypes,
  screeningOutcomes,
  verificationMethods,
  verificationOutcomes,
  type ChangeOfAddress,
  type ChangeOfAddressStatus,
  type MoveDuration,
  type MoveType,
  type NewChangeOfAddress,
  type NewVerification,
  type RequestOrigin,
  type ReviewDecision,
  type Screening,
  type ScreeningOutcome,
  type ScreeningReason,
  type VerificationMethod,
  type VerificationOutcome,
  type Verification,
} from './change-of-address.ts';
export { fraudRules, velocityWindows, type FraudRule, type ScreeningSignals } from './fraud-rules.ts';
export { screenChangeOfAddress, screeningThresholds } from './screen-change-of-address.ts';
export { changeOfAddressMover } from './change-of-address-merge-mover.ts';
