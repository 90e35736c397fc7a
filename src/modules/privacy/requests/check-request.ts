import type { MailingAddress } from '../../letters/index.ts';
import {
  decisionOutcomes,
  identityMethods,
  openableKinds,
  requestChannels,
  type Decision,
  type IdentityVerification,
  type NewAppeal,
  type NewPrivacyRequest,
  type Requester,
} from './request.ts';

/** A value a request cannot take; `field` is its path in the input ('requester/name', 'target'); the message never repeats the value. */
export class InvalidRequestField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** A step the request's state does not allow now (deciding a decided request, a report before identity is verified). */
export class RequestConflict extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

export const maxDetailsLength = 20_000;
export const maxNameLength = 200;
export const maxEvidenceLength = 2_000;
export const maxReasonLength = 10_000;
export const maxStatementLength = 10_000;
export const maxValueLength = 1_000;
/** A clock a few minutes fast is not an error; a letter dated next week is. */
const futureSlackMs = 5 * 60_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new InvalidRequestField(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

export function checkText(field: string, value: unknown, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') throw new InvalidRequestField(field, 'is required');
  if (text.length > max) throw new InvalidRequestField(field, `must be at most ${max} characters`);
  return text;
}

export function checkUuid(field: string, value: unknown): string {
  if (typeof value !== 'string' || !uuidPattern.test(value)) throw new InvalidRequestField(field, 'must be a UUID');
  return value.toLowerCase();
}

function checkWhen(field: string, value: Date | undefined, now: Date): Date {
  const at = value ?? now;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new InvalidRequestField(field, 'is not a date');
  if (at.getTime() > now.getTime() + futureSlackMs) throw new InvalidRequestField(field, 'is in the future');
  return at;
}

function checkAddress(address: MailingAddress): MailingAddress {
  const line = (field: string, value: unknown, max = 64) => checkText(`requester/address/${field}`, value, max);
  const state = line('state', address.state, 2).toUpperCase();
  if (!/^[A-Z]{2}$/.test(state)) throw new InvalidRequestField('requester/address/state', 'must be a two-letter state code');
  const zip5 = line('zip5', address.zip5, 5);
  if (!/^\d{5}$/.test(zip5)) throw new InvalidRequestField('requester/address/zip5', 'must be five digits');
  const zip4 = address.zip4?.trim() || null;
  if (zip4 !== null && !/^\d{4}$/.test(zip4)) throw new InvalidRequestField('requester/address/zip4', 'must be four digits');
  return {
    deliveryLine: line('deliveryLine', address.deliveryLine),
    unitDesignator: address.unitDesignator?.trim() || null,
    unitNumber: address.unitNumber?.trim() || null,
    city: line('city', address.city, 40),
    state,
    zip5,
    zip4,
  };
}

export function checkRequester(requester: Requester | undefined, channel: string): Requester {
  if (!requester || typeof requester !== 'object') throw new InvalidRequestField('requester', 'is required');
  const name = checkText('requester/name', requester.name, maxNameLength);
  const kind = requester.kind === undefined ? 'person' : oneOf('requester/kind', requester.kind, ['person', 'organisation'] as const);
  const address = requester.address ? checkAddress(requester.address) : null;
  const email = requester.email?.trim() || null;
  if (email !== null && (email.length > 254 || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)))
    throw new InvalidRequestField('requester/email', 'is not an e-mail address');
  // A request that came on paper is answered on paper.
  if ((channel === 'letter' || channel === 'fax') && address === null)
    throw new InvalidRequestField('requester/address', 'is required for a request received by letter or fax');
  return { name, kind, address, email };
}

export type CheckedRequest = Required<Pick<NewPrivacyRequest, 'kind' | 'channel' | 'requester' | 'details' | 'receivedAt'>> & {
  readonly customerId: string | null;
  readonly businessArea: string | null;
  readonly target: NewPrivacyRequest['target'];
};

/** Validates what the requester or agent entered; InvalidRequestField names the first bad field. Pure. */
export function checkRequest(input: NewPrivacyRequest, now: Date): CheckedRequest {
  const kind = oneOf('kind', input.kind, openableKinds);
  const channel = oneOf('channel', input.channel, requestChannels);
  const customerId = input.customerId == null ? null : checkUuid('customerId', input.customerId);
  if (customerId !== null && input.businessArea != null)
    throw new InvalidRequestField('businessArea', 'a known customer’s request is kept in the customer’s area');
  const requester = checkRequester(input.requester, channel);
  const details = checkText('details', input.details, maxDetailsLength);
  const receivedAt = checkWhen('receivedAt', input.receivedAt, now);
  let target: NewPrivacyRequest['target'] = null;
  if (kind === 'amendment') {
    if (!input.target) throw new InvalidRequestField('target', 'an amendment names the record and field to correct');
    if (customerId === null) throw new InvalidRequestField('customerId', 'an amendment corrects a known customer’s record');
    target = {
      recordTable: checkText('target/recordTable', input.target.recordTable, 63),
      recordId: checkUuid('target/recordId', input.target.recordId),
      field: checkText('target/field', input.target.field, 63),
      requestedValue: checkText('target/requestedValue', input.target.requestedValue, maxValueLength),
    };
  } else if (input.target) throw new InvalidRequestField('target', 'only an amendment names a record to correct');
  return { kind, channel, customerId, businessArea: input.businessArea ?? null, requester, details, receivedAt, target };
}

export function checkIdentity(input: IdentityVerification): IdentityVerification {
  return {
    method: oneOf('method', input.method, identityMethods),
    evidence: checkText('evidence', input.evidence, maxEvidenceLength),
  };
}

export function checkDecision(input: Decision): Required<Decision> {
  const outcome = oneOf('outcome', input.outcome, decisionOutcomes);
  const reason = input.reason?.trim() ? checkText('reason', input.reason, maxReasonLength) : null;
  if (outcome !== 'granted' && reason === null)
    throw new InvalidRequestField('reason', 'a denial gives its reasons (5 U.S.C. 552a(d)(2)(B)(ii))');
  return { outcome, reason };
}

export function checkAppeal(input: NewAppeal, now: Date): Required<NewAppeal> {
  return {
    channel: oneOf('channel', input.channel, requestChannels),
    details: checkText('details', input.details, maxDetailsLength),
    receivedAt: checkWhen('receivedAt', input.receivedAt, now),
  };
}
