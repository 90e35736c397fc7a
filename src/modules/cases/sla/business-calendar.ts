import { observedFederalHoliday } from './federal-holidays.ts';
import { formatLocalDate, parseLocalDate, weekdayOf } from './local-date.ts';
import type { LocalDate } from './local-date.ts';
import { openIntervalsFrom } from './opening-intervals.ts';
import type { DaySchedule, MinuteRange } from './opening-intervals.ts';
import { assertTimeZone } from '../../../catalog/index.ts';

/** Indexed as Date#getUTCDay counts: 0 is Sunday. */
export const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof weekdays)[number];

/** Wall-clock 'HH:MM' times; `closes` may be '24:00'. A range does not run past midnight: split it in two. */
export interface OpeningHours {
  readonly opens: string;
  readonly closes: string;
}

export interface BusinessCalendarSpec {
  /** IANA zone the hours and dates are read in, e.g. 'America/New_York'. */
  readonly timeZone: string;
  /** A weekday left out, or given no ranges, is closed; a day may have several ranges. */
  readonly hours: Partial<Readonly<Record<Weekday, readonly OpeningHours[]>>>;
  /** Close on the observed U.S. federal holidays; true unless set to false. */
  readonly federalHolidays?: boolean;
  /** Further closed local dates, 'YYYY-MM-DD'. */
  readonly closedDates?: readonly string[];
}

export interface BusinessCalendar {
  readonly timeZone: string;
  /** Minutes after local midnight, sorted, apart, by weekday index (0 is Sunday). */
  readonly hours: readonly (readonly MinuteRange[])[];
  readonly federalHolidays: boolean;
  readonly closedDates: ReadonlySet<string>;
}

const minuteMs = 60_000;

function minutesOf(time: string): number {
  const match = /^(\d{2}):([0-5]\d)$/.exec(time);
  const minutes = match === null ? NaN : Number(match[1]) * 60 + Number(match[2]);
  if (!(minutes <= 1440)) throw new RangeError('opening hours must be HH:MM between 00:00 and 24:00');
  return minutes;
}

function rangesOf(weekday: Weekday, hours: readonly OpeningHours[]): MinuteRange[] {
  const ranges = hours.map((h) => ({ opens: minutesOf(h.opens), closes: minutesOf(h.closes) })).sort((a, b) => a.opens - b.opens);
  const merged: MinuteRange[] = [];
  for (const range of ranges) {
    if (range.closes <= range.opens) throw new RangeError(`opening hours on ${weekday} must close after they open`);
    const last = merged.at(-1);
    if (last !== undefined && range.opens < last.closes) throw new RangeError(`opening hours on ${weekday} overlap`);
    // Ranges that touch are one: a handover at noon is no closing time.
    if (last !== undefined && range.opens === last.closes) merged[merged.length - 1] = { opens: last.opens, closes: range.closes };
    else merged.push(range);
  }
  return merged;
}

/** Checks and normalises a calendar; throws a RangeError on an unknown zone or malformed hours or dates. */
export function businessCalendar(spec: BusinessCalendarSpec): BusinessCalendar {
  assertTimeZone(spec.timeZone);
  const hours = weekdays.map((weekday) => rangesOf(weekday, spec.hours[weekday] ?? []));
  if (hours.every((ranges) => ranges.length === 0)) throw new RangeError('a business calendar must open on some weekday');
  const closedDates = new Set((spec.closedDates ?? []).map((text) => formatLocalDate(parseLocalDate(text))));
  return { timeZone: spec.timeZone, hours, federalHolidays: spec.federalHolidays ?? true, closedDates };
}

function isClosedDate(calendar: BusinessCalendar, date: LocalDate): boolean {
  if (calendar.closedDates.has(formatLocalDate(date))) return true;
  return calendar.federalHolidays && observedFederalHoliday(date) !== undefined;
}

function scheduleOf(calendar: BusinessCalendar): DaySchedule {
  return {
    timeZone: calendar.timeZone,
    hoursOn: (date) => {
      const hours = calendar.hours[weekdayOf(date)] ?? [];
      return hours.length === 0 || isClosedDate(calendar, date) ? [] : hours;
    },
  };
}

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`${name} is an invalid date`);
  return instant;
}

export function isOpen(calendar: BusinessCalendar, at: Date): boolean {
  const instant = instantOf(at, 'isOpen: at');
  return openIntervalsFrom(scheduleOf(calendar), instant).next().value.start <= instant;
}

/**
 * The instant at which `minutes` business minutes have elapsed, counting from `start`
 * or, when the calendar is closed then, from its next opening. When the minutes run
 * out exactly as the calendar closes, the answer is that closing instant, not the next
 * opening: the target is due at close of business, and a reply after hours is late.
 * So the result is always open, or a closing instant with open time just before it.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError('addBusinessMinutes: minutes must be a finite number ≥ 0');
  const from = instantOf(start, 'addBusinessMinutes: start');
  let remaining = Math.round(minutes * minuteMs);
  const intervals = openIntervalsFrom(scheduleOf(calendar), from);
  for (;;) {
    const interval = intervals.next().value;
    const begin = Math.max(interval.start, from);
    if (remaining <= interval.end - begin) return new Date(begin + remaining);
    remaining -= interval.end - begin;
  }
}

/** Business minutes (fractional, to the millisecond) in [from, to); negative when `to` is before `from`. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const start = instantOf(from, 'businessMinutesBetween: from');
  const end = instantOf(to, 'businessMinutesBetween: to');
  if (end < start) return -businessMinutesBetween(calendar, to, from);
  let elapsed = 0;
  const intervals = openIntervalsFrom(scheduleOf(calendar), start);
  for (;;) {
    const interval = intervals.next().value;
    if (interval.start >= end) return elapsed / minuteMs;
    elapsed += Math.min(interval.end, end) - Math.max(interval.start, start);
  }
}
