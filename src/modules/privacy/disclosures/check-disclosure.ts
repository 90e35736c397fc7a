import { recordTypes, type RecordType } from '../../../catalog/index.ts';
import { accountableTables, type AccountableTable } from './accountable-tables.ts';
import {
  disclosureNatures,
  recipientKinds,
  type DisclosureNature,
  type DisclosureRecipient,
  type DisclosureRecipientKind,
  type NewDisclosure,
} from './disclosure.ts';
import { parseRoutineUse, resolveRoutineUse } from './routine-uses.ts';

/** A value the disclosure cannot take; `field` is its path in the input ('routineUse', 'recipient/name'); the message never repeats it. */
export class InvalidDisclosureField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidDisclosureField';
    this.field = field;
    this.reason = reason;
  }
}

export interface CheckedDisclosure {
  readonly table: AccountableTable;
  readonly recordId: string;
  /** Null when the record's own type is to be used. */
  readonly recordType: RecordType | null;
  readonly disclosedAt: Date;
  readonly nature: DisclosureNature;
  readonly purpose: string;
  readonly recipient: DisclosureRecipient;
  readonly recipientKind: DisclosureRecipientKind;
  readonly lawEnforcementRequest: boolean;
  /** As given, trimmed; checked against the record's notice once the record type is known (checkRoutineUse). */
  readonly routineUse: string;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An entry made a few minutes ahead by a fast clock is not an error; one dated next week is. */
const futureSlackMs = 5 * 60_000;

export const maxPurposeLength = 2000;
export const maxRecipientNameLength = 300;
export const maxRecipientAddressLength = 1000;

function text(field: string, value: unknown, max: number): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw new InvalidDisclosureField(field, 'is required');
  if (trimmed.length > max) throw new InvalidDisclosureField(field, `must be at most ${max} characters`);
  return trimmed;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new InvalidDisclosureField(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** The table a record lives in, when its records can be accounted for. */
export function checkRecordTable(value: unknown, field = 'recordTable'): AccountableTable {
  const table = typeof value === 'string' ? accountableTables().get(value) : undefined;
  if (!table) throw new InvalidDisclosureField(field, `must be a table of records: ${[...accountableTables().keys()].sort().join(', ')}`);
  return table;
}

export function checkUuid(field: string, value: unknown): string {
  if (typeof value !== 'string' || !uuidPattern.test(value)) throw new InvalidDisclosureField(field, 'must be a UUID');
  return value.toLowerCase();
}

export function checkRecordType(value: unknown, field = 'recordType'): RecordType {
  const recordType = typeof value === 'string' ? recordTypes.get(value) : undefined;
  if (!recordType) throw new InvalidDisclosureField(field, 'is not a record type of the catalog');
  return recordType;
}

/** Validates and normalises what was entered; InvalidDisclosureField names the first bad field. Pure. */
export function checkDisclosure(input: NewDisclosure, now: Date): CheckedDisclosure {
  const table = checkRecordTable(input.recordTable);
  const recordId = checkUuid('recordId', input.recordId);
  const recordType = input.recordType == null ? null : checkRecordType(input.recordType);
  const disclosedAt = input.disclosedAt ?? now;
  if (!(disclosedAt instanceof Date) || Number.isNaN(disclosedAt.getTime()))
    throw new InvalidDisclosureField('disclosedAt', 'is not a date');
  if (disclosedAt.getTime() > now.getTime() + futureSlackMs) throw new InvalidDisclosureField('disclosedAt', 'is in the future');
  const nature = oneOf('nature', input.nature, disclosureNatures);
  const purpose = text('purpose', input.purpose, maxPurposeLength);
  if (typeof input.recipient !== 'object' || input.recipient === null) throw new InvalidDisclosureField('recipient', 'is required');
  const recipient = {
    name: text('recipient/name', input.recipient.name, maxRecipientNameLength),
    address: text('recipient/address', input.recipient.address, maxRecipientAddressLength),
  };
  const recipientKind = oneOf('recipientKind', input.recipientKind, recipientKinds);
  const lawEnforcementRequest = input.lawEnforcementRequest ?? recipientKind === 'law_enforcement';
  if (typeof lawEnforcementRequest !== 'boolean') throw new InvalidDisclosureField('lawEnforcementRequest', 'must be true or false');
  if (lawEnforcementRequest && recipientKind !== 'law_enforcement' && recipientKind !== 'agency')
    throw new InvalidDisclosureField('lawEnforcementRequest', 'only an agency or a law-enforcement body makes a law-enforcement request');
  const routineUse = typeof input.routineUse === 'string' ? input.routineUse.trim() : '';
  if (parseRoutineUse(routineUse) === null)
    throw new InvalidDisclosureField('routineUse', "must cite a routine use of the catalog as '<notice>:<number>' or 'standard:<number>'");
  return { table, recordId, recordType, disclosedAt, nature, purpose, recipient, recipientKind, lawEnforcementRequest, routineUse };
}

/** The routine use's canonical citation, when a record of `recordType` may be disclosed under it. */
export function checkRoutineUse(reference: string, recordType: RecordType): string {
  const resolved = resolveRoutineUse(reference, recordType);
  if ('problem' in resolved) throw new InvalidDisclosureField('routineUse', resolved.problem);
  return resolved.use;
}
