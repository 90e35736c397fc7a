import { localDateOf, startOfLocalDay, type LocalDate } from '../../catalog/index.ts';
import { businessMinutesBetween, type BusinessCalendar } from '../cases/index.ts';

/** Business minutes between two instants, on one calendar, for many pairs at a time. */
export interface BusinessRuler {
  /** Business minutes (fractional) in [from, to); negative when `to` is before `from`. */
  minutesBetween(from: Date, to: Date): number;
}

const dayMs = 86_400_000;
/** Beyond this many days the ruler is not worth its table: pairs are measured one by one. */
const maxDays = 20_000;

function nextDay(date: LocalDate): LocalDate {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}

/**
 * A ruler over `span`: the business minutes before each local midnight in the span are
 * summed once, so a pair of instants costs two single-day walks of the calendar however
 * far apart they are (a report measures thousands of cases over a year). Instants outside
 * the span are measured directly; the answer is the same as businessMinutesBetween's.
 */
export function businessRuler(calendar: BusinessCalendar, span: { readonly from: Date; readonly to: Date }): BusinessRuler {
  const direct: BusinessRuler = { minutesBetween: (from, to) => businessMinutesBetween(calendar, from, to) };
  const first = span.from.getTime();
  const last = span.to.getTime();
  if (!(last >= first) || (last - first) / dayMs > maxDays) return direct;
  // Local midnights from the one at or before `from` to the first one after `to`.
  const midnights: number[] = [];
  let date = localDateOf(first, calendar.timeZone);
  for (;;) {
    const start = startOfLocalDay(date, calendar.timeZone);
    midnights.push(start);
    if (start > last) break;
    date = nextDay(date);
  }
  const before: number[] = [0];
  for (let i = 1; i < midnights.length; i++)
    before.push(before[i - 1]! + businessMinutesBetween(calendar, new Date(midnights[i - 1]!), new Date(midnights[i]!)));
  /** Business minutes from the first midnight to `at`; null outside the table. */
  const position = (at: Date): number | null => {
    const instant = at.getTime();
    if (!(instant >= midnights[0]!) || instant >= midnights.at(-1)!) return null;
    let low = 0;
    let high = midnights.length - 1;
    // The last midnight at or before the instant.
    while (high - low > 1) {
      const middle = (low + high) >> 1;
      if (midnights[middle]! <= instant) low = middle;
      else high = middle;
    }
    return before[low]! + businessMinutesBetween(calendar, new Date(midnights[low]!), at);
  };
  return {
    minutesBetween(from, to) {
      const start = position(from);
      const end = position(to);
      return start === null || end === null ? direct.minutesBetween(from, to) : end - start;
    },
  };
}
