import type { LocalDate } from '../../catalog/index.ts';

/**
 * A value a tracking request cannot take; `field` is its path in the input ('beginDate',
 * 'address/zip'); the message never repeats the value. Each feature throws a subclass of its
 * own, and the routes answer every subclass alike, naming the field.
 */
export class InvalidField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

/** The feature's subclass, for the checks below to throw what its callers catch. */
export type InvalidFieldClass = new (field: string, reason: string) => InvalidField;

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a calendar date, so dates compare and add as integers. */
export function dayNumber(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
}

/** 'YYYY-MM-DD' of a calendar date. */
export function isoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The calendar date written as 'YYYY-MM-DD', or `Invalid` naming `field`. */
export function parseIsoDate(Invalid: InvalidFieldClass, field: string, value: unknown): LocalDate {
  const m = typeof value === 'string' ? isoPattern.exec(value) : null;
  if (!m) throw new Invalid(field, 'must be a date as YYYY-MM-DD');
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const check = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (check.getUTCFullYear() !== date.year || check.getUTCMonth() !== date.month - 1 || check.getUTCDate() !== date.day)
    throw new Invalid(field, 'is not a calendar date');
  return date;
}

/** The value if it is one of `allowed`, or `Invalid` naming `field` and listing them. */
export function oneOf<T extends string>(Invalid: InvalidFieldClass, field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new Invalid(field, `must be one of ${allowed.join(', ')}`);
  return value as T;
}
