import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../../../catalog/index.ts';
import { checkHoldDates, holdMaxDays, holdMaxDaysAhead, holdMinDays, InvalidHoldMailField } from './check-hold-mail.ts';

const dayMs = 86_400_000;
/** The calendar date `n` days after `from`, as 'YYYY-MM-DD'. */
const plus = (from: LocalDate, n: number) => new Date(Date.UTC(from.year, from.month - 1, from.day) + n * dayMs).toISOString().slice(0, 10);
const today = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }));
const fieldOf = (begin: string, end: string, on: LocalDate): string | null => {
  try {
    checkHoldDates(begin, end, on);
    return null;
  } catch (error) {
    if (error instanceof InvalidHoldMailField) return error.field;
    throw error;
  }
};

describe('hold mail date limits', () => {
  it('accepts any hold of 3 to 30 days starting from tomorrow to 30 days ahead', () => {
    fc.assert(
      fc.property(
        today,
        fc.integer({ min: 1, max: holdMaxDaysAhead }),
        fc.integer({ min: holdMinDays, max: holdMaxDays }),
        (on, ahead, days) => {
          expect(fieldOf(plus(on, ahead), plus(on, ahead + days - 1), on)).toBeNull();
        },
      ),
    );
  });

  it('refuses any hold longer than 30 days, naming the end date', () => {
    fc.assert(
      fc.property(
        today,
        fc.integer({ min: 1, max: holdMaxDaysAhead }),
        fc.integer({ min: holdMaxDays + 1, max: 400 }),
        (on, ahead, days) => {
          expect(fieldOf(plus(on, ahead), plus(on, ahead + days - 1), on)).toBe('endDate');
        },
      ),
    );
  });

  it('refuses any hold starting today or in the past, naming the begin date', () => {
    fc.assert(
      fc.property(today, fc.integer({ min: 0, max: 400 }), fc.integer({ min: holdMinDays, max: holdMaxDays }), (on, back, days) => {
        expect(fieldOf(plus(on, -back), plus(on, -back + days - 1), on)).toBe('beginDate');
      }),
    );
  });

  it('refuses any hold starting more than 30 days ahead, naming the begin date', () => {
    fc.assert(
      fc.property(today, fc.integer({ min: holdMaxDaysAhead + 1, max: 400 }), (on, ahead) => {
        expect(fieldOf(plus(on, ahead), plus(on, ahead + holdMinDays), on)).toBe('beginDate');
      }),
    );
  });
});
