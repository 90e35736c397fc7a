import { localDateOf, type LocalDate } from '../../../catalog/index.ts';
import { AddressError, normaliseAddress, type NormalisedAddress } from '../../customers/index.ts';
import {
  verificationMethods,
  verificationOutcomes,
  type VerificationMethod,
  type VerificationOutcome,
} from '../change-of-address/index.ts';
import { endActions, type EndAction, type NewHoldMail } from './hold-mail.ts';

/** A value the request cannot take; `field` is its path in the input ('beginDate', 'address/zip'); the message never repeats it. */
export class InvalidHoldMailField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/**
 * USPS's limits (usps.com, "Hold Mail Service"): mail is held for
 * at least 3 and at most 30 days, counting the first and the last day; a request starts
 * the next day at the earliest (the carrier's route is already out today) and may be made
 * up to 30 days ahead.
 */
export const holdMinDays = 3;
export const holdMaxDays = 30;
export const holdMaxDaysAhead = 30;
export const holdMaxNameLength = 200;
export const holdMaxInstructionsLength = 500;

const verifiedByPattern = /^[\p{L}\p{N} .:_@'-]{1,120}$/u;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CheckedHoldMail {
  readonly name: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly address: NormalisedAddress;
  readonly endAction: EndAction;
  readonly instructions: string | null;
  readonly verification: {
    readonly method: VerificationMethod;
    readonly outcome: VerificationOutcome;
    readonly verifiedBy: string | null;
    readonly verifiedAt: Date;
  };
}

/** Days since 1970-01-01 of a calendar date, so dates compare and add as integers. */
export function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

/** 'YYYY-MM-DD' of a calendar date. */
export function isoOf(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' of the day `now` falls on in the zone. */
export function isoDay(now: Date, timeZone: string): string {
  return isoOf(localDateOf(now.getTime(), timeZone));
}

/** The calendar date written as 'YYYY-MM-DD', or InvalidHoldMailField naming `field`. */
export function parseDate(field: string, value: string): LocalDate {
  const m = isoDate.exec(value);
  if (!m) throw new InvalidHoldMailField(field, 'must be a date as YYYY-MM-DD');
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day)
    throw new InvalidHoldMailField(field, 'is not a calendar date');
  return date;
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InvalidHoldMailField(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/**
 * The dates of a hold against the limits; InvalidHoldMailField names 'beginDate' or
 * 'endDate'. `today` is the agency's day the request is made. Pure.
 */
export function checkHoldDates(beginDate: string, endDate: string, today: LocalDate): void {
  const begin = dayNumber(parseDate('beginDate', beginDate));
  const now = dayNumber(today);
  if (begin <= now) throw new InvalidHoldMailField('beginDate', 'must be tomorrow or later');
  if (begin > now + holdMaxDaysAhead) throw new InvalidHoldMailField('beginDate', `must be at most ${holdMaxDaysAhead} days ahead`);
  const end = dayNumber(parseDate('endDate', endDate));
  if (end <= begin) throw new InvalidHoldMailField('endDate', 'must be after the begin date');
  const days = end - begin + 1;
  if (days < holdMinDays) throw new InvalidHoldMailField('endDate', `a hold lasts at least ${holdMinDays} days`);
  if (days > holdMaxDays) throw new InvalidHoldMailField('endDate', `a hold lasts at most ${holdMaxDays} days`);
}

/** The address held, normalised (Publication 28); a PO box is refused: its mail waits at the Post Office anyway. */
export function holdAddress(input: NewHoldMail['address']): NormalisedAddress {
  let address: NormalisedAddress;
  try {
    address = normaliseAddress(input);
  } catch (error) {
    if (error instanceof AddressError) throw new InvalidHoldMailField(`address/${error.field}`, error.reason);
    throw error;
  }
  if (address.kind === 'po-box') throw new InvalidHoldMailField('address', 'a PO box’s mail is held at its Post Office already');
  return address;
}

/**
 * Validates and normalises a hold mail request as entered; InvalidHoldMailField names the
 * first bad field. `now` and `timeZone` give "today" in the agency's calendar. Pure.
 */
export function checkHoldMail(input: NewHoldMail, now: Date, timeZone: string): CheckedHoldMail {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || !/[\p{L}\p{N}]/u.test(name)) throw new InvalidHoldMailField('name', 'must hold a name');
  if (name.length > holdMaxNameLength) throw new InvalidHoldMailField('name', `must be at most ${holdMaxNameLength} characters`);
  checkHoldDates(input.beginDate, input.endDate, localDateOf(now.getTime(), timeZone));
  const address = holdAddress(input.address);
  const endAction = oneOf('endAction', input.endAction, endActions);
  const instructions = input.instructions?.trim() || null;
  if (instructions !== null && instructions.length > holdMaxInstructionsLength)
    throw new InvalidHoldMailField('instructions', `must be at most ${holdMaxInstructionsLength} characters`);

  const method = oneOf('verification/method', input.verification.method, verificationMethods);
  const outcome = oneOf('verification/outcome', input.verification.outcome, verificationOutcomes);
  const verifiedBy = input.verification.verifiedBy?.trim() || null;
  if (verifiedBy !== null && !verifiedByPattern.test(verifiedBy))
    throw new InvalidHoldMailField('verification/verifiedBy', 'must be a staff actor or a service name of at most 120 characters');
  const verifiedAt = input.verification.verifiedAt ?? now;
  if (Number.isNaN(verifiedAt.getTime())) throw new InvalidHoldMailField('verification/verifiedAt', 'is not a date');
  // A verification is done before the request is entered (a clock a few minutes fast aside), and not days before.
  if (verifiedAt.getTime() > now.getTime() + 5 * 60_000) throw new InvalidHoldMailField('verification/verifiedAt', 'is in the future');
  if (verifiedAt.getTime() < now.getTime() - 24 * 3_600_000)
    throw new InvalidHoldMailField('verification/verifiedAt', 'must be within the last 24 hours');

  return {
    name,
    beginDate: input.beginDate,
    endDate: input.endDate,
    address,
    endAction,
    instructions,
    verification: { method, outcome, verifiedBy, verifiedAt },
  };
}
