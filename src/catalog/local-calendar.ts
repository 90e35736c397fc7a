import type { CalendarAnchor, Period } from './types.ts';

/** A date on the wall calendar of some time zone; month and day are 1-based. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const dayMs = 86_400_000;

// Building a formatter costs far more than using one; a process sees few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError unless Intl knows the IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

// The last offset read for each zone, by whole second: zone offsets change only at whole
// seconds, and a busy server asks about the same second many times (formatToParts is slow).
const lastOffsets = new Map<string, { second: number; offset: number }>();

/** The local wall-clock reading of an instant, as if that reading were UTC. */
export function wallClockMs(instant: number, timeZone: string): number {
  const second = Math.floor(instant / 1000);
  const last = lastOffsets.get(timeZone);
  if (last?.second === second) return instant + last.offset;
  const reading = readWallClock(instant, timeZone);
  lastOffsets.set(timeZone, { second, offset: reading - instant });
  return reading;
}

function readWallClock(instant: number, timeZone: string): number {
  const parts = new Map<string, number>();
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts.set(part.type, Number(part.value));
  const read = (type: Intl.DateTimeFormatPartTypes): number => parts.get(type) ?? 0;
  const millis = ((instant % 1000) + 1000) % 1000;
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  const reading = new Date(0);
  reading.setUTCFullYear(read('year'), read('month') - 1, read('day'));
  reading.setUTCHours(read('hour'), read('minute'), read('second'), millis);
  return reading.getTime();
}

export function offsetAt(instant: number, timeZone: string): number {
  return wallClockMs(instant, timeZone) - instant;
}

function fromUtcDay(ms: number): LocalDate {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function utcDay(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day);
}

export function localDateOf(instant: number, timeZone: string): LocalDate {
  return fromUtcDay(wallClockMs(instant, timeZone));
}

function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return utcDay(a) - utcDay(b);
}

/**
 * The first instant at which the zone's wall clock reads `wall` (a reading as if UTC) or
 * later. A reading the clocks pass twice (when they fall back) is taken the first time;
 * one they skip (when they spring forward) becomes the instant of the jump.
 */
export function firstInstantReading(wall: number, timeZone: string): number {
  // A zone changes its offset at most once in a couple of days, so the reading is reached
  // under the offset in force a day before or the one in force a day after.
  const candidates = [wall - offsetAt(wall - dayMs, timeZone), wall - offsetAt(wall + dayMs, timeZone)];
  const exact = candidates.filter((t) => wallClockMs(t, timeZone) === wall);
  if (exact.length > 0) return Math.min(...exact);
  // The reading falls in a gap: find the transition, which lies between the two, to the millisecond.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (wallClockMs(mid, timeZone) >= wall) after = mid;
    else before = mid;
  }
  return after;
}

/** The first instant whose local date is `date` or later. */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  return firstInstantReading(utcDay(date), timeZone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Adds whole days, months or years; a day the target month lacks clamps to its last. */
export function addPeriod(date: LocalDate, period: Period): LocalDate {
  if (period.unit === 'days') return fromUtcDay(Date.UTC(date.year, date.month - 1, date.day + period.amount));
  const months = period.unit === 'months' ? period.amount : period.amount * 12;
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** The first day after `date` that falls on the anchor (clamped in short months). */
export function nextAnchorDay(date: LocalDate, anchor: CalendarAnchor): LocalDate {
  const inYear = (year: number): LocalDate => ({
    year,
    month: anchor.month,
    day: Math.min(anchor.day, daysInMonth(year, anchor.month)),
  });
  const sameYear = inYear(date.year);
  return compareLocalDates(sameYear, date) > 0 ? sameYear : inYear(date.year + 1);
}
