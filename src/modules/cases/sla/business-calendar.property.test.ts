import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween, isOpen } from './business-calendar.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import { calendars, holidayHeavy, holidayHeavyClosedDates, holidayHeavyWithoutHolidays } from './calendars.test-support.ts';
import { federalHolidays } from './federal-holidays.ts';
import { dayNumberOf, formatLocalDate, localDateOfDayNumber, parseLocalDate, weekdayOf } from './local-date.ts';
import { firstInstantReading, localDateOf } from '../../../catalog/index.ts';

const minuteMs = 60_000;
const dayMs = 86_400_000;

// Instants near the days that trip calendars up: both changes of clocks in New York and
// on Lord Howe, Christmas, and year ends with a Saturday New Year's Day after them.
const hotSpots = [
  '2025-03-09T07:00:00Z',
  '2025-11-02T06:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2025-04-05T15:00:00Z',
  '2025-10-04T15:30:00Z',
  '2025-12-25T12:00:00Z',
  '2027-12-31T12:00:00Z',
  '2021-12-31T12:00:00Z',
].map(Date.parse);

const instant = fc.oneof(
  fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2029-01-01T00:00:00Z') }),
  fc.tuple(fc.constantFrom(...hotSpots), fc.integer({ min: -4 * dayMs, max: 4 * dayMs })).map(([at, shift]) => at + shift),
);
const minutes = fc.oneof(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 40_000 }));
const calendar = fc.constantFrom(...Object.entries(calendars));
const ms = (minutesValue: number): number => Math.round(minutesValue * minuteMs);
const add = (cal: BusinessCalendar, start: number, m: number): number => addBusinessMinutes(cal, new Date(start), m).getTime();
const between = (cal: BusinessCalendar, from: number, to: number): number => businessMinutesBetween(cal, new Date(from), new Date(to));

describe('business calendar properties', () => {
  it('addBusinessMinutes is strictly increasing in minutes', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, minutes, ([, cal], start, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(add(cal, start, low)).toBeLessThan(add(cal, start, high));
      }),
      { numRuns: 150 },
    );
  });

  it('businessMinutesBetween(start, addBusinessMinutes(start, m)) is m', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, ([, cal], start, m) => {
        expect(between(cal, start, add(cal, start, m))).toBe(m);
      }),
      { numRuns: 200 },
    );
  });

  it('lands inside opening hours, or exactly at a closing time with open time just before', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, ([, cal], start, m) => {
        const due = add(cal, start, m);
        if (m === 0) expect(isOpen(cal, new Date(due))).toBe(true);
        else expect(isOpen(cal, new Date(due - 1))).toBe(true);
        // Where it is not open, it is a closing time: one millisecond earlier would leave a millisecond to run.
        if (!isOpen(cal, new Date(due)) && m > 0) expect(between(cal, due - 1, due)).toBe(1 / minuteMs);
      }),
      { numRuns: 200 },
    );
  });

  it('counting from a closed instant is counting from the next opening', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, ([, cal], start, m) => {
        const opening = add(cal, start, 0);
        expect(between(cal, start, opening)).toBe(0);
        expect(add(cal, opening, m)).toBe(add(cal, start, m));
      }),
    );
  });

  it('businessMinutesBetween adds up over consecutive intervals and never exceeds real time', () => {
    fc.assert(
      fc.property(
        calendar,
        instant,
        fc.integer({ min: 0, max: 20 * dayMs }),
        fc.integer({ min: 0, max: 20 * dayMs }),
        ([, cal], a, d1, d2) => {
          const [b, c] = [a + d1, a + d1 + d2];
          expect(ms(between(cal, a, b)) + ms(between(cal, b, c))).toBe(ms(between(cal, a, c)));
          expect(ms(between(cal, a, c))).toBeLessThanOrEqual(c - a);
          expect(ms(between(cal, c, a))).toBe(-ms(between(cal, a, c)));
        },
      ),
    );
  });

  it('is real time on a calendar that never closes', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 * dayMs }), (a, d) => {
        expect(ms(between(calendars.allHours, a, a + d))).toBe(d);
        expect(add(calendars.allHours, a, 90)).toBe(a + 90 * minuteMs);
      }),
    );
  });

  it('never counts a holiday: the holidays take away exactly their own opening hours', () => {
    const closed = (date: string): boolean =>
      holidayHeavyClosedDates.includes(date) ||
      [2026, 2027, 2028].some((y) => federalHolidays(y).some((h) => formatLocalDate(h.observed) === date));
    const zone = holidayHeavy.timeZone;
    const holidayInstant = fc.integer({ min: Date.parse('2026-10-01T00:00:00Z'), max: Date.parse('2028-02-01T00:00:00Z') });
    fc.assert(
      fc.property(holidayInstant, fc.integer({ min: 0, max: 40 * dayMs }), (a, d) => {
        const b = a + d;
        let holidayMs = 0;
        for (let day = dayNumberOf(localDateOf(a, zone)); day <= dayNumberOf(localDateOf(b, zone)); day++) {
          if (!closed(formatLocalDate(localDateOfDayNumber(day)))) continue;
          const dayStart = firstInstantReading(day * dayMs, zone);
          const dayEnd = firstInstantReading((day + 1) * dayMs, zone);
          expect(between(holidayHeavy, dayStart, dayEnd)).toBe(0);
          holidayMs += Math.max(0, ms(between(holidayHeavyWithoutHolidays, Math.max(a, dayStart), Math.min(b, dayEnd))));
        }
        expect(ms(between(holidayHeavy, a, b))).toBe(ms(between(holidayHeavyWithoutHolidays, a, b)) - holidayMs);
      }),
      { numRuns: 150 },
    );
  });

  it('never lands on a closed date and is never open on one', () => {
    const closedDates = [
      ...holidayHeavyClosedDates,
      ...[2026, 2027].flatMap((y) => federalHolidays(y).map((h) => formatLocalDate(h.observed))),
      '2027-12-31',
    ];
    fc.assert(
      fc.property(instant, minutes, fc.constantFrom(...closedDates), fc.integer({ min: 0, max: dayMs - 1 }), (start, m, date, into) => {
        const due = add(holidayHeavy, start, m);
        expect(closedDates).not.toContain(formatLocalDate(localDateOf(due - (m === 0 ? 0 : 1), holidayHeavy.timeZone)));
        const dayStart = firstInstantReading(dayNumberOf(parseLocalDate(date)) * dayMs, holidayHeavy.timeZone);
        expect(isOpen(holidayHeavy, new Date(dayStart + into))).toBe(false);
      }),
    );
  });
});

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether a calendar is open in the minute starting at `at`, read from Intl by a route independent of the code under test. */
function openByWallClock(cal: BusinessCalendar, closedDates: ReadonlySet<string>, at: number): boolean {
  const format =
    wallFormats.get(cal.timeZone) ??
    new Intl.DateTimeFormat('en-CA', {
      timeZone: cal.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  wallFormats.set(cal.timeZone, format);
  const parts = format.formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${get('year')}-${get('month')}-${get('day')}`;
  if (closedDates.has(date)) return false;
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  return (cal.hours[weekdayOf(parseLocalDate(date))] ?? []).some((r) => r.opens <= minute && minute < r.closes);
}

describe('business calendar against a minute-by-minute count', () => {
  it('agrees with reading the wall clock every minute, across changes of clocks and holidays', () => {
    const closedByCalendar = new Map(
      Object.entries(calendars).map(([name, cal]) => {
        const federal = cal.federalHolidays
          ? [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029].flatMap((y) =>
              federalHolidays(y).map((h) => formatLocalDate(h.observed)),
            )
          : [];
        return [name, new Set([...federal, ...cal.closedDates])];
      }),
    );
    const minuteInstant = instant.map((at) => Math.floor(at / minuteMs) * minuteMs);
    fc.assert(
      fc.property(calendar, minuteInstant, fc.integer({ min: 0, max: 3 * 24 * 60 }), ([name, cal], from, span) => {
        let open = 0;
        for (let k = 0; k < span; k++) if (openByWallClock(cal, closedByCalendar.get(name) ?? new Set(), from + k * minuteMs)) open++;
        expect(between(cal, from, from + span * minuteMs)).toBe(open);
      }),
      { numRuns: 40 },
    );
  });
});
