import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessCalendar, businessMinutesBetween, isOpen } from './business-calendar.ts';
import { eastern, holidayHeavy, overnight, splitShift } from './calendars.test-support.ts';

const add = (calendar = eastern, start: string, minutes: number): string =>
  addBusinessMinutes(calendar, new Date(start), minutes).toISOString();
const between = (calendar = eastern, from: string, to: string): number => businessMinutesBetween(calendar, new Date(from), new Date(to));

describe('businessCalendar', () => {
  it('refuses malformed calendars without echoing more than the weekday', () => {
    const spec = { timeZone: 'America/New_York', hours: { monday: [{ opens: '08:00', closes: '17:00' }] } };
    expect(() => businessCalendar({ ...spec, timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
    expect(() => businessCalendar({ ...spec, hours: {} })).toThrow('must open on some weekday');
    expect(() => businessCalendar({ ...spec, hours: { monday: [{ opens: '8:00', closes: '17:00' }] } })).toThrow('HH:MM');
    expect(() => businessCalendar({ ...spec, hours: { monday: [{ opens: '08:00', closes: '24:01' }] } })).toThrow('HH:MM');
    expect(() => businessCalendar({ ...spec, hours: { friday: [{ opens: '17:00', closes: '08:00' }] } })).toThrow(
      'on friday must close after',
    );
    const overlapping = [
      { opens: '08:00', closes: '12:30' },
      { opens: '12:00', closes: '17:00' },
    ];
    expect(() => businessCalendar({ ...spec, hours: { monday: overlapping } })).toThrow('overlap');
    expect(() => businessCalendar({ ...spec, closedDates: ['2025-02-30'] })).toThrow(RangeError);
  });

  it('joins ranges that touch, so a handover is no closing time', () => {
    const joined = businessCalendar({
      timeZone: 'UTC',
      hours: {
        monday: [
          { opens: '12:00', closes: '17:00' },
          { opens: '08:00', closes: '12:00' },
        ],
      },
    });
    expect(joined.hours[1]).toEqual([{ opens: 480, closes: 1020 }]);
  });
});

describe('isOpen', () => {
  it('is open from opening time up to, not including, closing time', () => {
    expect(isOpen(eastern, new Date('2025-03-07T13:00:00Z'))).toBe(true); // Fri 08:00 EST
    expect(isOpen(eastern, new Date('2025-03-07T12:59:59.999Z'))).toBe(false);
    expect(isOpen(eastern, new Date('2025-03-07T22:00:00Z'))).toBe(false); // Fri 17:00 EST
    expect(isOpen(eastern, new Date('2025-03-08T15:00:00Z'))).toBe(false); // Saturday
    expect(isOpen(splitShift, new Date('2025-03-08T15:00:00Z'))).toBe(true); // Saturday 10:00
    expect(isOpen(splitShift, new Date('2025-03-07T17:30:00Z'))).toBe(false); // lunch
  });

  it('is closed on observed holidays and extra closed dates', () => {
    expect(isOpen(eastern, new Date('2025-12-25T15:00:00Z'))).toBe(false);
    expect(isOpen(eastern, new Date('2026-07-03T15:00:00Z'))).toBe(false); // Independence Day observed
    expect(isOpen(eastern, new Date('2027-12-31T15:00:00Z'))).toBe(false); // New Year's Day 2028 observed
    expect(isOpen(eastern, new Date('2027-12-30T15:00:00Z'))).toBe(true);
    expect(isOpen(holidayHeavy, new Date('2027-12-30T15:00:00Z'))).toBe(false);
  });
});

describe('addBusinessMinutes', () => {
  it('carries a Friday afternoon case to Monday morning, across the spring change of clocks', () => {
    // Friday 2025-03-07 16:30 EST + 60 = Monday 2025-03-10 08:30 EDT.
    expect(add(eastern, '2025-03-07T21:30:00Z', 60)).toBe('2025-03-10T12:30:00.000Z');
  });

  it('carries across the autumn change of clocks', () => {
    // Friday 2024-11-01 16:30 EDT + 60 = Monday 2024-11-04 08:30 EST.
    expect(add(eastern, '2024-11-01T20:30:00Z', 60)).toBe('2024-11-04T13:30:00.000Z');
  });

  it('skips Christmas and the year end', () => {
    // Wednesday 2025-12-24 16:30 + 60: Christmas is closed, due Friday 08:30.
    expect(add(eastern, '2025-12-24T21:30:00Z', 60)).toBe('2025-12-26T13:30:00.000Z');
    // Thursday 2027-12-30 16:00 + 120: Friday is New Year's Day 2028 observed; due Monday 2028-01-03 09:00.
    expect(add(eastern, '2027-12-30T21:00:00Z', 120)).toBe('2028-01-03T14:00:00.000Z');
    // After Wednesday 2027-12-22 17:30, the office closing between the holidays too is
    // next open on Tuesday 2028-01-04 at 09:00.
    expect(add(holidayHeavy, '2027-12-22T22:30:00Z', 60)).toBe('2028-01-04T15:00:00.000Z');
  });

  it('starts counting at the next opening when closed', () => {
    expect(add(eastern, '2025-03-08T15:00:00Z', 0)).toBe('2025-03-10T12:00:00.000Z');
    expect(add(eastern, '2025-03-08T15:00:00Z', 30)).toBe('2025-03-10T12:30:00.000Z');
    expect(add(eastern, '2025-03-10T12:00:00Z', 0)).toBe('2025-03-10T12:00:00.000Z');
  });

  it('is due at closing time, not the next opening, when the minutes run out at close', () => {
    // Monday 2025-03-10 16:00 EDT + 60 = 17:00 EDT that day.
    expect(add(eastern, '2025-03-10T20:00:00Z', 60)).toBe('2025-03-10T21:00:00.000Z');
    expect(add(eastern, '2025-03-10T20:00:00Z', 61)).toBe('2025-03-11T12:01:00.000Z');
    // The split shift's lunch: 11:30 + 30 is due at 12:00.
    expect(add(splitShift, '2025-03-10T15:30:00Z', 30)).toBe('2025-03-10T16:00:00.000Z');
  });

  it('counts the hour the clocks repeat and not the one they skip', () => {
    // Overnight hours: from Saturday 2025-11-01 22:00 EDT, 5 h 30 min reach 02:30 EST, since
    // 01:00–02:00 happens twice; from Saturday 2025-03-08 22:00 EST, the night holds only
    // 4 hours (02:00–03:00 is skipped) and the rest runs to 23:30 EDT the next night.
    expect(add(overnight, '2025-11-02T02:00:00Z', 330)).toBe('2025-11-02T07:30:00.000Z');
    expect(add(overnight, '2025-03-09T03:00:00Z', 330)).toBe('2025-03-10T03:30:00.000Z');
  });

  it('reaches many days ahead without walking minute by minute', () => {
    // 250 working days of 540 minutes from the first opening of 2025 is the end of 2025.
    const started = performance.now();
    expect(add(eastern, '2025-01-01T00:00:00Z', 250 * 540)).toBe('2025-12-31T22:00:00.000Z');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses negative or non-finite minutes and invalid dates', () => {
    expect(() => add(eastern, '2025-03-10T12:00:00Z', -1)).toThrow(RangeError);
    expect(() => add(eastern, '2025-03-10T12:00:00Z', Infinity)).toThrow(RangeError);
    expect(() => add(eastern, 'not a date', 1)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('counts only open minutes', () => {
    expect(between(eastern, '2025-03-07T21:30:00Z', '2025-03-10T12:30:00Z')).toBe(60);
    expect(between(eastern, '2025-12-24T13:00:00Z', '2025-12-27T00:00:00Z')).toBe(1080); // Christmas not counted
    expect(between(splitShift, '2025-03-10T12:00:00Z', '2025-03-11T04:00:00Z')).toBe(510);
    expect(between(eastern, '2025-03-10T12:00:00Z', '2025-03-10T12:00:30Z')).toBe(0.5);
  });

  it('is negative when the interval runs backwards', () => {
    expect(between(eastern, '2025-03-10T12:30:00Z', '2025-03-07T21:30:00Z')).toBe(-60);
  });

  it('counts the working year of 2025 and the holiday-heavy 2027', () => {
    expect(between(eastern, '2025-01-01T05:00:00Z', '2026-01-01T05:00:00Z')).toBe(250 * 540);
    // 2027: 261 weekdays, 12 observed federal holidays and 10 further closed dates in the year.
    expect(between(holidayHeavy, '2027-01-01T05:00:00Z', '2028-01-01T05:00:00Z')).toBe((261 - 12 - 10) * 480);
  });
});
