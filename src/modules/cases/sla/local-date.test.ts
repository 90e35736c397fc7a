import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberOf, formatLocalDate, localDateOfDayNumber, parseLocalDate, weekdayOf } from './local-date.ts';

describe('local dates', () => {
  it('numbers days from 1970-01-01 and knows their weekdays', () => {
    expect(dayNumberOf({ year: 1970, month: 1, day: 1 })).toBe(0);
    expect(weekdayOf({ year: 1970, month: 1, day: 1 })).toBe(4); // a Thursday
    expect(weekdayOf({ year: 2025, month: 12, day: 25 })).toBe(4);
    expect(localDateOfDayNumber(dayNumberOf({ year: 2024, month: 2, day: 28 }) + 1)).toEqual({ year: 2024, month: 2, day: 29 });
  });

  it('parses and formats YYYY-MM-DD, refusing days a month lacks', () => {
    expect(parseLocalDate('2027-12-31')).toEqual({ year: 2027, month: 12, day: 31 });
    expect(formatLocalDate({ year: 2027, month: 1, day: 4 })).toBe('2027-01-04');
    expect(() => parseLocalDate('2027-02-29')).toThrow(RangeError);
    expect(() => parseLocalDate('2027-1-4')).toThrow(RangeError);
  });

  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => {
        expect(dayNumberOf(localDateOfDayNumber(n))).toBe(n);
        expect(parseLocalDate(formatLocalDate(localDateOfDayNumber(n)))).toEqual(localDateOfDayNumber(n));
      }),
    );
  });
});
