// The accounting of disclosures' public face (5 U.S.C. 552a(c)): what was disclosed of whom,
// to whom, why and under which routine use; the subject's view of it; a record's recipients.
export {
  accountingRetention,
  createDisclosureService,
  DisclosureSubjectNotFound,
  type DisclosureService,
  type DisclosureServiceOptions,
} from './disclosure-service.ts';
export {
  checkDisclosure,
  checkRoutineUse,
  InvalidDisclosureField,
  maxPurposeLength,
  maxRecipientAddressLength,
  maxRecipientNameLength,
  type CheckedDisclosure,
} from './check-disclosure.ts';
export {
  disclosureNatures,
  recipientKinds,
  type Disclosure,
  type DisclosureNature,
  type DisclosureRecipient,
  type DisclosureRecipientKind,
  type ListOptions,
  type NewDisclosure,
  type RecordRecipient,
} from './disclosure.ts';
export { catalogRoutineUses, parseRoutineUse, resolveRoutineUse, type RoutineUse, type RoutineUseCitation } from './routine-uses.ts';
export { accountableTables, type AccountableTable } from './accountable-tables.ts';
export { disclosureMover } from './disclosure-merge-mover.ts';
