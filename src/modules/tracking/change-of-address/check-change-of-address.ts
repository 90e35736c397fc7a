import { localDateOf, type LocalDate } from '../../../catalog/index.ts';
import { AddressError, normaliseAddress, type AddressInput, type NormalisedAddress } from '../../customers/index.ts';
import {
  moveDurations,
  moveTypes,
  verificationMethods,
  verificationOutcomes,
  type NewChangeOfAddress,
  type VerificationMethod,
  type VerificationOutcome,
} from './change-of-address.ts';

/** A value the request cannot take; `field` is its path in the input ('effectiveDate', 'newAddress/zip'); the message never repeats it. */
export class InvalidChangeOfAddressField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

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
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CheckedChangeOfAddress {
  readonly name: string;
  readonly effectiveDate: string;
  readonly endDate: string | null;
  readonly oldAddress: NormalisedAddress;
  readonly newAddress: NormalisedAddress;
  readonly verification: {
    readonly method: VerificationMethod;
    readonly outcome: VerificationOutcome;
    readonly verifiedBy: string | null;
    readonly verifiedAt: Date;
  };
  readonly ipAddress: string | null;
  readonly deviceFingerprint: string | null;
}

/** Days since 1970-01-01 of a calendar date, so dates compare and add as integers. */
function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

function parseDate(field: string, value: string): LocalDate {
  const m = isoDate.exec(value);
  if (!m) throw new InvalidChangeOfAddressField(field, 'must be a date as YYYY-MM-DD');
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day)
    throw new InvalidChangeOfAddressField(field, 'is not a calendar date');
  return date;
}

function address(field: 'oldAddress' | 'newAddress', input: AddressInput): NormalisedAddress {
  try {
    return normaliseAddress(input);
  } catch (error) {
    if (error instanceof AddressError) throw new InvalidChangeOfAddressField(`${field}/${error.field}`, error.reason);
    throw error;
  }
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidChangeOfAddressField(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * Validates and normalises a change-of-address request as entered; InvalidChangeOfAddressField
 * names the first bad field. `now` and `timeZone` give "today" in the agency's calendar. Pure.
 */
export function checkChangeOfAddress(input: NewChangeOfAddress, now: Date, timeZone: string): CheckedChangeOfAddress {
  oneOf('moveType', input.moveType, moveTypes);
  const duration = oneOf('duration', input.duration, moveDurations);
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || !/[\p{L}\p{N}]/u.test(name)) throw new InvalidChangeOfAddressField('name', 'must hold a name');
  if (name.length > maxNameLength) throw new InvalidChangeOfAddressField('name', `must be at most ${maxNameLength} characters`);

  const today = dayNumber(localDateOf(now.getTime(), timeZone));
  const effective = parseDate('effectiveDate', input.effectiveDate);
  const start = dayNumber(effective);
  if (start > today + maxDaysAhead) throw new InvalidChangeOfAddressField('effectiveDate', `must be at most ${maxDaysAhead} days ahead`);
  if (start < today - maxDaysBack)
    throw new InvalidChangeOfAddressField('effectiveDate', `must be at most ${maxDaysBack} days in the past`);

  let endDate: string | null = null;
  if (duration === 'temporary') {
    if (input.endDate == null) throw new InvalidChangeOfAddressField('endDate', 'is required for a temporary move');
    const end = parseDate('endDate', input.endDate);
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

  const method = oneOf('verification/method', input.verification.method, verificationMethods);
  const outcome = oneOf('verification/outcome', input.verification.outcome, verificationOutcomes);
  const verifiedBy = input.verification.verifiedBy?.trim() || null;
  if (verifiedBy !== null && !verifiedByPattern.test(verifiedBy))
    throw new InvalidChangeOfAddressField('verification/verifiedBy', 'must be a staff actor or a service name of at most 120 characters');
  const verifiedAt = input.verification.verifiedAt ?? now;
  if (Number.isNaN(verifiedAt.getTime())) throw new InvalidChangeOfAddressField('verification/verifiedAt', 'is not a date');
  // A verification is done before the request is entered (a clock a few minutes fast aside), and not weeks before.
  if (verifiedAt.getTime() > now.getTime() + 5 * 60_000)
    throw new InvalidChangeOfAddressField('verification/verifiedAt', 'is in the future');
  if (verifiedAt.getTime() < now.getTime() - 24 * 3_600_000)
    throw new InvalidChangeOfAddressField('verification/verifiedAt', 'must be within the last 24 hours');

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
    verification: { method, outcome, verifiedBy, verifiedAt },
    ipAddress: ipAddress?.toLowerCase() ?? null,
    deviceFingerprint,
  };
}
