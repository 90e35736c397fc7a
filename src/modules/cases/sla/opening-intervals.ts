import { dayNumberOf, localDateOfDayNumber } from './local-date.ts';
import type { LocalDate } from './local-date.ts';
import { firstInstantReading, localDateOf, offsetAt } from '../../../catalog/index.ts';

/** Wall-clock minutes after local midnight, [opens, closes); closes may be 1440. */
export interface MinuteRange {
  readonly opens: number;
  readonly closes: number;
}

/** Epoch milliseconds, [start, end). */
export interface Interval {
  readonly start: number;
  readonly end: number;
}

/** What the day-by-day walk needs to know of a calendar. */
export interface DaySchedule {
  readonly timeZone: string;
  /** The day's opening hours, sorted and apart; none on a closed day. */
  hoursOn(date: LocalDate): readonly MinuteRange[];
}

const dayMs = 86_400_000;
const minuteMs = 60_000;

function intervalsOn(schedule: DaySchedule, dayNumber: number, hours: readonly MinuteRange[]): Interval[] {
  const { timeZone } = schedule;
  const midnight = dayNumber * dayMs;
  // Most days are nowhere near a change of offset: when the offset is the same a day
  // before and two days after local midnight, every reading of the day is under it.
  const offset = offsetAt(midnight - dayMs, timeZone);
  const instant =
    offset === offsetAt(midnight + 2 * dayMs, timeZone)
      ? (minutes: number): number => midnight + minutes * minuteMs - offset
      : (minutes: number): number => firstInstantReading(midnight + minutes * minuteMs, timeZone);
  return hours
    .map((range) => ({ start: instant(range.opens), end: instant(range.closes) }))
    .filter((interval) => interval.end > interval.start); // hours wholly inside a skipped hour
}

/**
 * The calendar's open intervals that have not ended by `from`, in time order. A range opens the first time the wall clock
 * reads its opening time and closes the first time it reads its closing time, so its
 * length is the time really elapsed: 9 h of wall clock across a spring-forward is 8 h.
 * Closed days cost no time-zone arithmetic. Endless: the caller stops.
 */
export function* openIntervalsFrom(schedule: DaySchedule, from: number): Generator<Interval, never> {
  for (let dayNumber = dayNumberOf(localDateOf(from, schedule.timeZone)); ; dayNumber++) {
    const hours = schedule.hoursOn(localDateOfDayNumber(dayNumber));
    if (hours.length === 0) continue;
    for (const interval of intervalsOn(schedule, dayNumber, hours)) if (interval.end > from) yield interval;
  }
}
