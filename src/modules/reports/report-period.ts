import { startOfLocalDay, type LocalDate } from '../../catalog/index.ts';
import { InvalidReportField } from './report-errors.ts';

/** The longest period a report covers, in local days (a leap year). */
export const maxReportDays = 366;

/** A report's period: local days `from` to `to`, both included, and the instants they span. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
  /** Every local day of the period, 'YYYY-MM-DD', in order. */
  readonly days: readonly string[];
  /** Local midnight starting `from`, and the one ending `to`. */
  readonly start: Date;
  readonly end: Date;
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function localDate(field: 'from' | 'to', text: string): LocalDate {
  const match = isoDate.exec(text);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  const valid =
    date !== null &&
    date.year >= 1970 &&
    date.month >= 1 &&
    date.month <= 12 &&
    date.day >= 1 &&
    date.day <= new Date(Date.UTC(date.year, date.month, 0)).getUTCDate();
  if (!valid) throw new InvalidReportField(field, 'must be a date (YYYY-MM-DD)');
  return date;
}

const utcDayOf = (date: LocalDate) => Date.UTC(date.year, date.month - 1, date.day);
const isoOf = (utcDay: number) => new Date(utcDay).toISOString().slice(0, 10);

/** Checks `from` and `to` (InvalidReportField naming the one at fault) and finds the instants they span in `timeZone`. */
export function reportPeriod(from: string, to: string, timeZone: string): ReportPeriod {
  const first = localDate('from', from);
  const last = localDate('to', to);
  const count = (utcDayOf(last) - utcDayOf(first)) / 86_400_000 + 1;
  if (count < 1) throw new InvalidReportField('to', 'must not be before from');
  if (count > maxReportDays) throw new InvalidReportField('to', `must be at most ${maxReportDays} days after from`);
  const days = Array.from({ length: count }, (_, i) => isoOf(utcDayOf(first) + i * 86_400_000));
  const after = new Date(utcDayOf(last) + 86_400_000);
  const end = startOfLocalDay({ year: after.getUTCFullYear(), month: after.getUTCMonth() + 1, day: after.getUTCDate() }, timeZone);
  return { from, to, days, start: new Date(startOfLocalDay(first, timeZone)), end: new Date(end) };
}
