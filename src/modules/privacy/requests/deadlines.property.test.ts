import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  agencyDateOf,
  appealWindowEnd,
  businessDaysBetween,
  deadlineStatus,
  formatAgencyDate,
  isBusinessDay,
  privacyActDeadlines,
  privacyRequestKinds,
} from './deadlines.ts';
import type { DeadlineStatus } from './deadlines.ts';
import type { LocalDate } from '../../../catalog/index.ts';

const dayMs = 86_400_000;
const dayNumber = (d: LocalDate): number => Date.UTC(d.year, d.month - 1, d.day) / dayMs;
const fromDayNumber = (n: number): LocalDate => {
  const d = new Date(n * dayMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};
const calendarDaysFrom = (a: LocalDate, b: LocalDate): number => dayNumber(b) - dayNumber(a);

// Receipts anywhere from 1990 to 2060, and crowded around the days that trip calendars up:
// year ends (Dec 24 – Jan 2), the day before Thanksgiving, and July 4th on a Saturday
// (observed Friday: 2026, 2037) or a Sunday (observed Monday: 2027, 2032).
const anyDay = fc
  .integer({ min: dayNumber({ year: 1990, month: 1, day: 1 }), max: dayNumber({ year: 2060, month: 12, day: 31 }) })
  .map(fromDayNumber);
const yearEnd = fc
  .tuple(fc.integer({ min: 1990, max: 2059 }), fc.integer({ min: 0, max: 9 }))
  .map(([year, offset]) => fromDayNumber(dayNumber({ year, month: 12, day: 24 }) + offset));
const beforeThanksgiving = fc.integer({ min: 1990, max: 2060 }).map((year) => {
  const first = { year, month: 11, day: 1 };
  const firstThursday = 1 + ((4 - new Date(dayNumber(first) * dayMs).getUTCDay() + 7) % 7);
  return { year, month: 11, day: firstThursday + 21 - 1 };
});
const aroundJuly4 = fc
  .tuple(fc.constantFrom(2026, 2027, 2032, 2037, 2038), fc.integer({ min: -5, max: 3 }))
  .map(([year, offset]) => fromDayNumber(dayNumber({ year, month: 7, day: 4 }) + offset));
const receipt = fc.oneof(anyDay, yearEnd, beforeThanksgiving, aroundJuly4);
const count = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 300 }));
const positive = fc.integer({ min: 1, max: 60 });

const compare = (a: LocalDate, b: LocalDate): number => dayNumber(a) - dayNumber(b);

describe('business-day deadline properties', () => {
  it('the due date is always a business day', () => {
    fc.assert(
      fc.property(receipt, positive, (from, n) => {
        expect(isBusinessDay(addBusinessDays(from, n))).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('counting back from the due date gives n, and the day before it n − 1 (it is the first such day)', () => {
    fc.assert(
      fc.property(receipt, count, (from, n) => {
        const due = addBusinessDays(from, n);
        expect(businessDaysBetween(from, due)).toBe(n);
        expect(businessDaysBetween(due, from)).toBe(0 - n);
        if (n > 0) expect(businessDaysBetween(from, addCalendarDays(due, -1))).toBe(n - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('is strictly increasing in n', () => {
    fc.assert(
      fc.property(receipt, count, count, (from, a, b) => {
        fc.pre(a !== b);
        const [low, high] = a < b ? [a, b] : [b, a];
        expect(compare(addBusinessDays(from, low), addBusinessDays(from, high))).toBeLessThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never moves earlier for a later receipt', () => {
    fc.assert(
      fc.property(receipt, fc.integer({ min: 0, max: 20 }), count, (from, later, n) => {
        const second = addCalendarDays(from, later);
        expect(compare(addBusinessDays(from, n), addBusinessDays(second, n))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });

  it('adds in steps: n + m business days are n and then m', () => {
    fc.assert(
      fc.property(receipt, count, count, (from, n, m) => {
        expect(addBusinessDays(addBusinessDays(from, n), m)).toEqual(addBusinessDays(from, n + m));
      }),
      { numRuns: 200 },
    );
  });

  it('spans at least 14 calendar days for 10 business days from a business day (12 from a weekend day)', () => {
    fc.assert(
      fc.property(receipt, (from) => {
        const span = calendarDaysFrom(from, addBusinessDays(from, 10));
        // Ten business days hold two weekends; a Saturday or Sunday receipt has already used part of one.
        expect(span).toBeGreaterThanOrEqual(isBusinessDay(from) ? 14 : 12);
        // At most four holidays are observed in any three weeks (Christmas and New Year's Day, …).
        expect(span).toBeLessThanOrEqual(14 + 4);
      }),
      { numRuns: 400 },
    );
  });

  it('skips exactly the weekend days and observed holidays between receipt and due date', () => {
    fc.assert(
      fc.property(receipt, count, (from, n) => {
        const due = addBusinessDays(from, n);
        let closed = 0;
        for (let day = dayNumber(from) + 1; day <= dayNumber(due); day += 1) if (!isBusinessDay(fromDayNumber(day))) closed += 1;
        expect(calendarDaysFrom(from, due)).toBe(n + closed);
      }),
      { numRuns: 150 },
    );
  });

  it('reads an instant as its New York date', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }), count, (ms, n) => {
        const at = new Date(ms);
        expect(addBusinessDays(at, n)).toEqual(addBusinessDays(agencyDateOf(at), n));
      }),
      { numRuns: 200 },
    );
  });

  it('puts each deadline’s instant at the end of its due day in New York, in order', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...privacyRequestKinds),
        fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }),
        (kind, ms) => {
          const { received, deadlines } = privacyActDeadlines(kind, new Date(ms));
          expect(received).toEqual(agencyDateOf(new Date(ms)));
          let previous = received;
          for (const d of deadlines) {
            expect(formatAgencyDate(agencyDateOf(d.dueAt))).toBe(formatAgencyDate(d.due));
            expect(formatAgencyDate(agencyDateOf(new Date(d.dueAt.getTime() + 1)))).toBe(formatAgencyDate(addCalendarDays(d.due, 1)));
            expect(businessDaysBetween(received, d.due)).toBe(d.businessDays);
            expect(compare(previous, d.due)).toBeLessThan(0);
            previous = d.due;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('closes the appeal window 90 calendar days after the denial, at the end of that day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('1990-01-01T00:00:00Z'), max: Date.parse('2060-01-01T00:00:00Z') }), (ms) => {
        const window = appealWindowEnd(new Date(ms));
        expect(calendarDaysFrom(window.denied, window.lastDay)).toBe(90);
        expect(agencyDateOf(window.endsAt)).toEqual(window.lastDay);
        expect(compare(agencyDateOf(new Date(window.endsAt.getTime() + 1)), window.lastDay)).toBe(1);
      }),
      { numRuns: 150 },
    );
  });

  it('only moves forward from ok to due soon to overdue as time passes', () => {
    const rank: Record<DeadlineStatus, number> = { ok: 0, due_soon: 1, overdue: 2 };
    fc.assert(
      fc.property(
        receipt,
        positive,
        fc.integer({ min: 0, max: 120 * dayMs }),
        fc.integer({ min: 0, max: 30 * dayMs }),
        (from, n, t, step) => {
          const deadline = { due: addBusinessDays(from, n) };
          const start = Date.UTC(from.year, from.month - 1, from.day) + t;
          const earlier = deadlineStatus(deadline, new Date(start));
          const later = deadlineStatus(deadline, new Date(start + step));
          expect(rank[later]).toBeGreaterThanOrEqual(rank[earlier]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
