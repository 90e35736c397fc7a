import type { LocalDate } from '../../../catalog/index.ts';

export type { LocalDate };

const dayMs = 86_400_000;

// Dates become whole numbers (days since 1970-01-01, proleptic Gregorian) so that
// stepping, comparing and finding weekdays is integer arithmetic.
export function dayNumberOf(date: LocalDate): number {
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999.
  return new Date(0).setUTCFullYear(date.year, date.month - 1, date.day) / dayMs;
}

export function localDateOfDayNumber(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * dayMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 for Sunday to 6 for Saturday, as Date#getUTCDay counts. */
export function weekdayOf(date: LocalDate): number {
  return new Date(dayNumberOf(date) * dayMs).getUTCDay();
}

/** 'YYYY-MM-DD': the key closed dates are configured and looked up by. */
export function formatLocalDate(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function parseLocalDate(text: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) throw new RangeError('a local date must be written YYYY-MM-DD');
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  // A day the month lacks (02-30) would roll over into the next month.
  if (formatLocalDate(localDateOfDayNumber(dayNumberOf(date))) !== text) throw new RangeError('a local date must exist on the calendar');
  return date;
}
