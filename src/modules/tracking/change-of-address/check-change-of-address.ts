import { localDateOf } from '../../../catalog/index.ts';
import { AddressError, normaliseAddress, type AddressInput, type NormalisedAddress } from '../../customers/index.ts';
import { dayNumber, InvalidField, oneOf, parseIsoDate, type InvalidFieldClass } from '../check-fields.ts';
import {
  moveDurations,
  moveTypes,
  verificationMethods,
  verificationOutcomes,
  type NewChangeOfAddress,
  type NewVerification,
  type VerificationMethod,
  type VerificationOutcome,
} from './change-of-address.ts';

/** A value the request cannot take, e.g. 'effectiveDate' or 'newAddress/zip'. */
export class InvalidChangeOfAddressField extends InvalidField {}

/**
 * The date limits, after USPS's own (usps.com "Change of Address – The Basics" and the
 * Mover's Guide; PS Form 3575): a request may be filed up to three months before the
 * move, so forwarding may start at most 90 days after the day it is entered. USPS also
 * takes late requests, but forwarding cannot catch mail already delivered: we allow a
 * start at most 7 days back (a week's mail is still in the carrier's hands or at the old
 * address) and refuse older dates rather than pretend to forward them.
 */
export const maxDaysAhead = 90;
export const maxDaysBack = 7;
/**
 * Temporary forwarding: USPS forwards temporarily for at least 15 days and at most one
 * year; past a year the customer files a permanent change instead.
 */
export const minTemporaryDays = 15;
export const maxTemporaryYears = 1;
/** The longest name line of an address block is 40 characters (Pub 28, 34); a name field this long is a paste error. */
export const maxNameLength = 200;

const verifiedByPattern = /^[\p{L}\p{N} .:_@'-]{1,120}$/u;

export interface CheckedChangeOfAddress {
  readonly name: string;
  readonly effectiveDate: string;
  readonly endDate: string | null;
  readonly oldAddress: NormalisedAddress;
  readonly newAddress: NormalisedAddress;
  readonly verification: CheckedVerification;
  readonly ipAddress: string | null;
  readonly deviceFingerprint: string | null;
}

export interface CheckedVerification {
  readonly method: VerificationMethod;
  readonly outcome: VerificationOutcome;
  readonly verifiedBy: string | null;
  readonly verifiedAt: Date;
}

/**
 * The identity verification of a request (a change of address or a hold mail, whose
 * verifications share one table), or `Invalid` naming its field under 'verification/'.
 */
export function checkVerification(Invalid: InvalidFieldClass, input: NewVerification, now: Date): CheckedVerification {
  const method = oneOf(Invalid, 'verification/method', input.method, verificationMethods);
  const outcome = oneOf(Invalid, 'verification/outcome', input.outcome, verificationOutcomes);
  const verifiedBy = input.verifiedBy?.trim() || null;
  if (verifiedBy !== null && !verifiedByPattern.test(verifiedBy))
    throw new Invalid('verification/verifiedBy', 'must be a staff actor or a service name of at most 120 characters');
  const verifiedAt = input.verifiedAt ?? now;
  if (Number.isNaN(verifiedAt.getTime())) throw new Invalid('verification/verifiedAt', 'is not a date');
  // A verification is done before the request is entered (a clock a few minutes fast aside), and not days before.
  if (verifiedAt.getTime() > now.getTime() + 5 * 60_000) throw new Invalid('verification/verifiedAt', 'is in the future');
  if (verifiedAt.getTime() < now.getTime() - 24 * 3_600_000)
    throw new Invalid('verification/verifiedAt', 'must be within the last 24 hours');
  return { method, outcome, verifiedBy, verifiedAt };
}

const maxReasonLength = 2000;

/** The reason of a fraud reviewer's decision on a held request, trimmed; or `Invalid` naming 'decision' or 'reason'. */
export function checkReviewReason(Invalid: InvalidFieldClass, input: { readonly decision: string; readonly reason: string }): string {
  if (input.decision !== 'approve' && input.decision !== 'deny') throw new Invalid('decision', 'must be approve or deny');
  const reason = input.reason.trim();
  if (reason === '') throw new Invalid('reason', 'is required: say why');
  if (reason.length > maxReasonLength) throw new Invalid('reason', `must be at most ${maxReasonLength} characters`);
  return reason;
}

function address(field: 'oldAddress' | 'newAddress', input: AddressInput): NormalisedAddress {
  try {
    return normaliseAddress(input);
  } catch (error) {
    if (error instanceof AddressError) throw new InvalidChangeOfAddressField(`${field}/${error.field}`, error.reason);
    throw error;
  }
}

/**
 * Validates and normalises a change-of-address request as entered; InvalidChangeOfAddressField
 * names the first bad field. `now` and `timeZone` give "today" in the agency's calendar. Pure.
 */
export function checkChangeOfAddress(input: NewChangeOfAddress, now: Date, timeZone: string): CheckedChangeOfAddress {
  oneOf(InvalidChangeOfAddressField, 'moveType', input.moveType, moveTypes);
  const duration = oneOf(InvalidChangeOfAddressField, 'duration', input.duration, moveDurations);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || !/[\p{L}\p{N}]/u.test(name)) throw new InvalidChangeOfAddressField('name', 'must hold a name');
  if (name.length > maxNameLength) throw new InvalidChangeOfAddressField('name', `must be at most ${maxNameLength} characters`);

  const today = dayNumber(localDateOf(now.getTime(), timeZone));
  const effective = parseIsoDate(InvalidChangeOfAddressField, 'effectiveDate', input.effectiveDate);
  const start = dayNumber(effective);
  if (start > today + maxDaysAhead) throw new InvalidChangeOfAddressField('effectiveDate', `must be at most ${maxDaysAhead} days ahead`);
  if (start < today - maxDaysBack)
    throw new InvalidChangeOfAddressField('effectiveDate', `must be at most ${maxDaysBack} days in the past`);

  let endDate: string | null = null;
  if (duration === 'temporary') {
    if (input.endDate == null) throw new InvalidChangeOfAddressField('endDate', 'is required for a temporary move');
    const end = parseIsoDate(InvalidChangeOfAddressField, 'endDate', input.endDate);
    if (dayNumber(end) < start + minTemporaryDays - 1)
      throw new InvalidChangeOfAddressField('endDate', `must be at least ${minTemporaryDays} days after the effective date`);
    const yearOn = { ...effective, year: effective.year + maxTemporaryYears };
    // 29 February plus a year is 28 February (Date.UTC would roll it to 1 March).
    const lastAllowed = dayNumber(yearOn.month === 2 && yearOn.day === 29 ? { ...yearOn, day: 28 } : yearOn);
    if (dayNumber(end) > lastAllowed)
      throw new InvalidChangeOfAddressField('endDate', `must be at most ${maxTemporaryYears} year after the effective date`);
    endDate = input.endDate;
  } else if (input.endDate != null) throw new InvalidChangeOfAddressField('endDate', 'is for temporary moves only');

  const oldAddress = address('oldAddress', input.oldAddress);
  const newAddress = address('newAddress', input.newAddress);
  if (oldAddress.deliveryLine === newAddress.deliveryLine && oldAddress.zip5 === newAddress.zip5)
    throw new InvalidChangeOfAddressField('newAddress', 'is the same address as the old one');

  const verification = checkVerification(InvalidChangeOfAddressField, input.verification, now);

  const ipAddress = input.origin?.ipAddress?.trim() || null;
  if (ipAddress !== null && (ipAddress.length > 45 || !/^[0-9a-fA-F:.]+$/.test(ipAddress)))
    throw new InvalidChangeOfAddressField('origin/ipAddress', 'must be an IPv4 or IPv6 address');
  const deviceFingerprint = input.origin?.deviceFingerprint?.trim() || null;
  if (deviceFingerprint !== null && deviceFingerprint.length > 200)
    throw new InvalidChangeOfAddressField('origin/deviceFingerprint', 'must be at most 200 characters');

  return {
    name,
    effectiveDate: input.effectiveDate,
    endDate,
    oldAddress,
    newAddress,
    verification,
    ipAddress: ipAddress?.toLowerCase() ?? null,
    deviceFingerprint,
  };
}
