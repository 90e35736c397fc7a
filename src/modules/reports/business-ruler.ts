import { firstInstantReading, localDateOf, startOfLocalDay, type LocalDate } from '../../catalog/index.ts';
import { businessMinutesBetween, type BusinessCalendar } from '../cases/index.ts';

/** Business minutes between two instants, on one calendar, for many pairs at a time. */
export interface BusinessRuler {
  /** Business minutes (fractional) in [from, to); negative when `to` is before `from`. */
  minutesBetween(from: Date, to: Date): number;
}

const dayMs = 86_400_000;
const minuteMs = 60_000;
/** Beyond this many days the ruler is not worth its table: pairs are measured one by one. */
const maxDays = 20_000;

interface Day {
  /** The instant of local midnight. */
  readonly start: number;
  /** Business minutes from the ruler's first midnight to this one. */
  readonly before: number;
  /** The day's open intervals as instants; null: measure within the day with the calendar itself. */
  readonly open: readonly (readonly [number, number])[] | null;
}

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * The open intervals of a day whose business minutes are `total`: its weekday's hours read
 * on the wall clock, as the calendar reads them (an hour the clocks skip is no time). A day
 * the calendar keeps shut (a holiday) has none. When the intervals do not add up to the
 * day's total, null: that day is measured by the calendar itself.
 */
function openIntervals(calendar: BusinessCalendar, date: LocalDate, total: number): Day['open'] {
  if (total === 0) return [];
  const midnight = Date.UTC(date.year, date.month - 1, date.day);
  const hours = calendar.hours[new Date(midnight).getUTCDay()] ?? [];
  const instant = (minutes: number) => firstInstantReading(midnight + minutes * minuteMs, calendar.timeZone);
  const open = hours.map((range) => [instant(range.opens), instant(range.closes)] as const).filter(([start, end]) => end > start);
  const length = open.reduce((sum, [start, end]) => sum + (end - start) / minuteMs, 0);
  return Math.abs(length - total) < 1e-9 ? open : null;
}

/**
 * A ruler over `span`: each local day of the span is read once from the calendar (its
 * business minutes and its open intervals), so measuring a pair of instants is arithmetic,
 * however far apart they are — a report measures a hundred thousand cases over a year.
 * Instants outside the span are measured by the calendar; every answer is the same as
 * businessMinutesBetween's.
 */
export function businessRuler(calendar: BusinessCalendar, span: { readonly from: Date; readonly to: Date }): BusinessRuler {
  const direct: BusinessRuler = { minutesBetween: (from, to) => businessMinutesBetween(calendar, from, to) };
  const first = span.from.getTime();
  const last = span.to.getTime();
  if (!(last >= first) || (last - first) / dayMs > maxDays) return direct;
  // Local midnights from the one at or before `from` to the first one after `to`.
  const days: Day[] = [];
  let date = localDateOf(first, calendar.timeZone);
  let start = startOfLocalDay(date, calendar.timeZone);
  let before = 0;
  while (start <= last) {
    const following = nextDay(date);
    const end = startOfLocalDay(following, calendar.timeZone);
    const total = businessMinutesBetween(calendar, new Date(start), new Date(end));
    days.push({ start, before, open: openIntervals(calendar, date, total) });
    before += total;
    date = following;
    start = end;
  }
  const beyond = start;
  /** Business minutes from the first midnight to `at`; null outside the table. */
  const position = (at: Date): number | null => {
    const instant = at.getTime();
    if (!(instant >= days[0]!.start) || instant >= beyond) return null;
    let low = 0;
    let high = days.length;
    // The last midnight at or before the instant.
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (days[middle]!.start <= instant) low = middle;
      else high = middle;
    }
    const day = days[low]!;
    if (day.open === null) return day.before + businessMinutesBetween(calendar, new Date(day.start), at);
    return day.open.reduce((sum, [opens, closes]) => sum + Math.max(0, Math.min(closes, instant) - opens) / minuteMs, day.before);
  };
  return {
    minutesBetween(from, to) {
      const a = position(from);
      const b = position(to);
      return a === null || b === null ? direct.minutesBetween(from, to) : b - a;
    },
  };
}
