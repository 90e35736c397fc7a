import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { federalHolidays, firstModelledYear, observedFederalHoliday } from './federal-holidays.ts';
import { formatLocalDate, weekdayOf } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

const observedDates = (year: number): string[] => federalHolidays(year).map((h) => formatLocalDate(h.observed));

describe('federalHolidays', () => {
  it('matches OPM’s published lists', () => {
    // https://www.opm.gov/policy-data-oversight/pay-leave/federal-holidays/
    expect(observedDates(2024)).toEqual([
      '2024-01-01', '2024-01-15', '2024-02-19', '2024-05-27', '2024-06-19', '2024-07-04',
      '2024-09-02', '2024-10-14', '2024-11-11', '2024-11-28', '2024-12-25',
    ]); // prettier-ignore
    expect(observedDates(2026)).toEqual([
      '2026-01-01', '2026-01-19', '2026-02-16', '2026-05-25', '2026-06-19', '2026-07-03',
      '2026-09-07', '2026-10-12', '2026-11-11', '2026-11-26', '2026-12-25',
    ]); // prettier-ignore
    expect(observedDates(2027)).toEqual([
      '2027-01-01', '2027-01-18', '2027-02-15', '2027-05-31', '2027-06-18', '2027-07-05',
      '2027-09-06', '2027-10-11', '2027-11-11', '2027-11-25', '2027-12-24',
    ]); // prettier-ignore
  });

  it('names each holiday as the statute does and keeps its statutory date', () => {
    const independence = federalHolidays(2026).find((h) => h.name === 'Independence Day');
    expect(independence).toEqual({
      name: 'Independence Day',
      date: { year: 2026, month: 7, day: 4 },
      observed: { year: 2026, month: 7, day: 3 },
    });
  });

  it('adds Juneteenth from 2021, when it was first observed on Friday June 18', () => {
    expect(federalHolidays(2020).map((h) => h.name)).not.toContain('Juneteenth National Independence Day');
    expect(federalHolidays(2021).find((h) => h.name === 'Juneteenth National Independence Day')?.observed).toEqual({
      year: 2021,
      month: 6,
      day: 18,
    });
  });

  it('observes a Saturday New Year’s Day on December 31 of the year before', () => {
    const newYear2022 = federalHolidays(2022)[0];
    expect(newYear2022?.observed).toEqual({ year: 2021, month: 12, day: 31 });
    expect(observedFederalHoliday({ year: 2021, month: 12, day: 31 })?.name).toBe("New Year's Day");
    expect(observedFederalHoliday({ year: 2027, month: 12, day: 31 })?.date).toEqual({ year: 2028, month: 1, day: 1 });
    expect(observedFederalHoliday({ year: 2022, month: 1, day: 1 })).toBeUndefined();
    // A Sunday New Year's Day moves to Monday January 2.
    expect(observedFederalHoliday({ year: 2023, month: 1, day: 2 })?.name).toBe("New Year's Day");
  });

  it('refuses years before the list took its present shape', () => {
    expect(() => federalHolidays(firstModelledYear - 1)).toThrow(RangeError);
    expect(() => federalHolidays(2025.5)).toThrow(RangeError);
  });

  it('always observes on a weekday, at most a day from the statutory date, Monday holidays on Mondays', () => {
    const mondays = ['Birthday of Martin Luther King, Jr.', "Washington's Birthday", 'Memorial Day', 'Labor Day', 'Columbus Day'];
    fc.assert(
      fc.property(fc.integer({ min: firstModelledYear, max: 2200 }), (year) => {
        const holidays = federalHolidays(year);
        expect(holidays).toHaveLength(year >= 2021 ? 11 : 10);
        for (const { name, date, observed } of holidays) {
          expect([1, 2, 3, 4, 5]).toContain(weekdayOf(observed));
          expect(
            Math.abs(Date.UTC(observed.year, observed.month - 1, observed.day) - Date.UTC(date.year, date.month - 1, date.day)),
          ).toBeLessThanOrEqual(86_400_000);
          if (mondays.includes(name)) expect(weekdayOf(date)).toBe(1);
          expect(observedFederalHoliday(observed)?.name).toBe(name);
        }
        const thanksgiving = holidays.find((h) => h.name === 'Thanksgiving Day')?.date as LocalDate;
        expect(weekdayOf(thanksgiving)).toBe(4);
        expect(thanksgiving.day).toBeGreaterThanOrEqual(22);
        expect(thanksgiving.day).toBeLessThanOrEqual(28);
        expect(holidays.find((h) => h.name === 'Memorial Day')?.date.day).toBeGreaterThanOrEqual(25);
      }),
    );
  });
});
