import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addCalendarDays,
  appealWindowEnd,
  businessDaysBetween,
  deadlineStatus,
  endOfAgencyDay,
  formatAgencyDate,
  isBusinessDay,
  privacyActDeadlines,
} from './deadlines.ts';
import type { LocalDate } from '../../../catalog/index.ts';

const date = (text: string): LocalDate => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const add = (from: string, n: number): string => formatAgencyDate(addBusinessDays(date(from), n));
// Noon in New York, whichever offset is in force: safely inside the day.
const noonIn = (text: string): Date => new Date(`${text}T17:00:00Z`);

describe('isBusinessDay', () => {
  it('is Monday to Friday without an observed federal holiday', () => {
    expect(isBusinessDay(date('2026-11-25'))).toBe(true); // Wednesday
    expect(isBusinessDay(date('2026-11-26'))).toBe(false); // Thanksgiving
    expect(isBusinessDay(date('2026-11-28'))).toBe(false); // Saturday
    expect(isBusinessDay(date('2026-11-29'))).toBe(false); // Sunday
    expect(isBusinessDay(date('2026-07-03'))).toBe(false); // Independence Day (Saturday) observed on Friday
    expect(isBusinessDay(date('2027-07-05'))).toBe(false); // Independence Day (Sunday) observed on Monday
    expect(isBusinessDay(date('2027-12-31'))).toBe(false); // New Year's Day 2028 (Saturday) observed on Friday
  });
});

describe('addBusinessDays', () => {
  it('skips Thanksgiving, Christmas and New Year’s Day from a receipt on Wednesday 2026-11-25', () => {
    // Fri 27 (1), Mon 30 (2), Dec 1–4 (3–6), Dec 7–10 (7–10).
    expect(add('2026-11-25', 10)).toBe('2026-12-10');
    // … Dec 21–24 (17–20).
    expect(add('2026-11-25', 20)).toBe('2026-12-24');
    // Fri Dec 25 closed; Dec 28–31 (21–24); Fri Jan 1 closed; Jan 4–8 (25–29), Mon Jan 11 (30).
    expect(add('2026-11-25', 30)).toBe('2027-01-11');
  });

  it('counts from the next business day: day 0 is the day of receipt, whatever it is', () => {
    expect(add('2026-11-25', 1)).toBe('2026-11-27');
    expect(add('2026-11-26', 1)).toBe('2026-11-27'); // received on Thanksgiving
    expect(add('2026-11-28', 1)).toBe('2026-11-30'); // received on a Saturday
    expect(add('2026-11-25', 0)).toBe('2026-11-25');
  });

  it('skips Independence Day observed on Friday (2026) and on Monday (2027)', () => {
    // Fri 2026-07-03 closed: Mon 6 (1) … Fri 10 (5), Mon 13 (6) … Fri 17 (10).
    expect(add('2026-07-02', 10)).toBe('2026-07-17');
    // Mon 2027-07-05 closed: Tue 6 (1) … Fri 9 (4), Mon 12 (5) … Fri 16 (9), Mon 19 (10).
    expect(add('2027-07-02', 10)).toBe('2027-07-19');
  });

  it('crosses a year end whose Christmas and New Year’s Day both fall on Saturdays', () => {
    // Fri 2027-12-24 and Fri 2027-12-31 closed: Dec 27–30 (1–4), Jan 3–7 2028 (5–9), Mon Jan 10 (10).
    expect(add('2027-12-23', 10)).toBe('2028-01-10');
    // Mon 2028-01-17 is Martin Luther King Jr. Day: Jan 11–14 (11–14), Tue Jan 18 (15).
    expect(add('2027-12-23', 15)).toBe('2028-01-18');
  });

  it('takes an instant’s date in New York, not in UTC', () => {
    // 03:00 UTC on the 26th is 22:00 on Wednesday the 25th in New York.
    expect(formatAgencyDate(addBusinessDays(new Date('2026-11-26T03:00:00Z'), 10))).toBe('2026-12-10');
    // 05:30 UTC on the 26th is 00:30 on Thanksgiving in New York: still the first business day is Friday.
    expect(formatAgencyDate(addBusinessDays(new Date('2026-11-26T05:30:00Z'), 1))).toBe('2026-11-27');
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addBusinessDays(date('2026-11-25'), -1)).toThrow(RangeError);
    expect(() => addBusinessDays(date('2026-11-25'), 1.5)).toThrow(RangeError);
    expect(() => addBusinessDays(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('addCalendarDays and businessDaysBetween', () => {
  it('adds calendar days across month and year ends', () => {
    expect(formatAgencyDate(addCalendarDays(date('2026-12-25'), 10))).toBe('2027-01-04');
    expect(formatAgencyDate(addCalendarDays(date('2028-02-28'), 1))).toBe('2028-02-29');
    expect(formatAgencyDate(addCalendarDays(date('2026-03-01'), -1))).toBe('2026-02-28');
  });

  it('counts the business days after the first date up to and including the second', () => {
    expect(businessDaysBetween(date('2026-11-25'), date('2026-12-10'))).toBe(10);
    expect(businessDaysBetween(date('2026-12-10'), date('2026-11-25'))).toBe(-10);
    expect(businessDaysBetween(date('2026-11-25'), date('2026-11-25'))).toBe(0);
    expect(businessDaysBetween(date('2026-11-25'), date('2026-11-29'))).toBe(1);
  });
});

describe('privacyActDeadlines', () => {
  it('gives an amendment 10 business days to acknowledge and 30 to decide (5 U.S.C. 552a(d)(2))', () => {
    const result = privacyActDeadlines('amendment', noonIn('2026-11-25'));
    expect(formatAgencyDate(result.received)).toBe('2026-11-25');
    expect(result.deadlines.map((d) => [d.name, d.businessDays, formatAgencyDate(d.due)])).toEqual([
      ['acknowledge', 10, '2026-12-10'],
      ['decide', 30, '2027-01-11'],
    ]);
    // The end of the due day in New York (EST, UTC−5).
    expect(result.deadlines[0]!.dueAt.toISOString()).toBe('2026-12-11T04:59:59.999Z');
    expect(result.deadlines[1]!.dueAt.toISOString()).toBe('2027-01-12T04:59:59.999Z');
    expect(result.deadlines[0]!.authority).toMatch(/552a\(d\)\(2\)\(A\)/);
  });

  it('gives access and notification 20 working days to answer, an appeal 30 to decide', () => {
    for (const kind of ['access', 'notification'] as const) {
      const [answer, ...rest] = privacyActDeadlines(kind, noonIn('2026-11-25')).deadlines;
      expect(rest).toEqual([]);
      expect(answer).toMatchObject({ name: 'answer', businessDays: 20 });
      expect(formatAgencyDate(answer!.due)).toBe('2026-12-24');
    }
    const [decide] = privacyActDeadlines('appeal', noonIn('2026-11-25')).deadlines;
    expect(decide).toMatchObject({ name: 'decide', businessDays: 30 });
    expect(formatAgencyDate(decide!.due)).toBe('2027-01-11');
    expect(decide!.authority).toMatch(/552a\(d\)\(3\)/);
  });

  it('ends a due day in daylight saving time at 03:59:59.999 UTC', () => {
    expect(endOfAgencyDay(date('2027-03-15')).toISOString()).toBe('2027-03-16T03:59:59.999Z');
    // The day the clocks fall back is 25 hours long.
    expect(endOfAgencyDay(date('2026-11-01')).toISOString()).toBe('2026-11-02T04:59:59.999Z');
  });
});

describe('appealWindowEnd', () => {
  it('closes 90 calendar days after the denial, at the end of that day in New York', () => {
    const window = appealWindowEnd(noonIn('2026-11-25'));
    // Nov 30 is day 5, Dec 31 day 36, Jan 31 day 67, Feb 23 day 90.
    expect(formatAgencyDate(window.lastDay)).toBe('2027-02-23');
    expect(window.endsAt.toISOString()).toBe('2027-02-24T04:59:59.999Z');
    expect(window.calendarDays).toBe(90);
  });
});

describe('deadlineStatus', () => {
  const deadline = { due: date('2026-12-10') };
  it('is ok, then due soon with three business days left, then overdue after the due day', () => {
    expect(deadlineStatus(deadline, noonIn('2026-12-04'))).toBe('ok'); // 4 left: Dec 7–10
    expect(deadlineStatus(deadline, noonIn('2026-12-05'))).toBe('ok'); // Saturday: still 4 left
    expect(deadlineStatus(deadline, noonIn('2026-12-07'))).toBe('due_soon'); // 3 left
    expect(deadlineStatus(deadline, new Date('2026-12-11T04:59:59.999Z'))).toBe('due_soon'); // last moment of the due day
    expect(deadlineStatus(deadline, new Date('2026-12-11T05:00:00.000Z'))).toBe('overdue');
  });

  it('counts only business days as left: a holiday weekend does not make a deadline due soon early', () => {
    // Due Tue 2026-12-01; on Tue Nov 24 the days left are Wed 25, Fri 27, Mon 30, Tue 1: four.
    expect(deadlineStatus({ due: date('2026-12-01') }, noonIn('2026-11-24'))).toBe('ok');
    expect(deadlineStatus({ due: date('2026-12-01') }, noonIn('2026-11-25'))).toBe('due_soon');
  });
});
