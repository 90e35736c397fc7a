import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { disposeAfter } from './dispose-after.ts';
import type { Period, RecordHistory, RetentionRule } from './types.ts';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const zones = ['America/New_York', 'Pacific/Honolulu', 'America/Anchorage', 'UTC'] as const;

/** The wall clock of an instant in a zone, read straight from Intl: 'YYYY-MM-DD HH:mm:ss'. */
function local(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

const localDay = (instant: Date, zone: string): string => local(instant, zone).slice(0, 10);

function disposeAt(rule: RetentionRule, history: RecordHistory, timeZone?: string): Date {
  const due = disposeAfter(rule, history, timeZone === undefined ? {} : { timeZone });
  if (due === null) throw new Error('expected a disposal date');
  return due;
}

const fromCreation = (amount: number, unit: Period['unit']): RetentionRule => ({ kind: 'from_creation', period: { amount, unit } });

describe('disposeAfter, examples', () => {
  it('falls due at the start of the local day after the period ends, in New York by default', () => {
    // 2025-01-15 10:00 EST + 90 days = 2025-04-15; due 2025-04-16 00:00 EDT.
    expect(disposeAt(fromCreation(90, 'days'), { createdAt: new Date('2025-01-15T15:00:00Z') }).toISOString()).toBe(
      '2025-04-16T04:00:00.000Z',
    );
  });

  it('counts from the local date, not the UTC date', () => {
    // 2025-06-01T03:30Z is still May 31 in New York, but June 1 in UTC.
    const history = { createdAt: new Date('2025-06-01T03:30:00Z') };
    expect(disposeAt(fromCreation(1, 'days'), history).toISOString()).toBe('2025-06-02T04:00:00.000Z');
    expect(disposeAt(fromCreation(1, 'days'), history, 'UTC').toISOString()).toBe('2025-06-03T00:00:00.000Z');
  });

  it('clamps month ends and leap days', () => {
    const at = (iso: string, rule: RetentionRule): string => disposeAt(rule, { createdAt: new Date(iso) }, 'UTC').toISOString();
    expect(at('2025-01-31T12:00:00Z', fromCreation(1, 'months'))).toBe('2025-03-01T00:00:00.000Z'); // Feb 28, then next day
    expect(at('2024-01-31T12:00:00Z', fromCreation(1, 'months'))).toBe('2024-03-01T00:00:00.000Z'); // Feb 29, then next day
    expect(at('2024-02-29T12:00:00Z', fromCreation(1, 'years'))).toBe('2025-03-01T00:00:00.000Z'); // Feb 28, then next day
    expect(at('2024-02-29T12:00:00Z', fromCreation(4, 'years'))).toBe('2028-03-01T00:00:00.000Z'); // Feb 29, then next day
    expect(at('2024-03-31T12:00:00Z', fromCreation(6, 'months'))).toBe('2024-10-01T00:00:00.000Z'); // Sep 30, then next day
    expect(at('2024-08-31T12:00:00Z', fromCreation(6, 'months'))).toBe('2025-03-01T00:00:00.000Z'); // Feb 28, then next day
  });

  it('lands on local midnight across daylight saving changes', () => {
    // New York springs forward on 2024-03-10 and falls back on 2024-11-03.
    expect(disposeAt(fromCreation(1, 'days'), { createdAt: new Date('2024-03-09T17:00:00Z') }).toISOString()).toBe(
      '2024-03-11T04:00:00.000Z',
    );
    expect(disposeAt(fromCreation(1, 'days'), { createdAt: new Date('2024-11-02T16:00:00Z') }).toISOString()).toBe(
      '2024-11-04T05:00:00.000Z',
    );
    // Anchorage is UTC-9 in winter, UTC-8 in summer.
    expect(disposeAt(fromCreation(1, 'days'), { createdAt: new Date('2024-03-09T20:00:00Z') }, 'America/Anchorage').toISOString()).toBe(
      '2024-03-11T08:00:00.000Z',
    );
    // Honolulu keeps UTC-10 all year.
    expect(disposeAt(fromCreation(1, 'days'), { createdAt: new Date('2024-03-09T20:00:00Z') }, 'Pacific/Honolulu').toISOString()).toBe(
      '2024-03-11T10:00:00.000Z',
    );
  });

  it('starts a day at its first instant when midnight does not exist', () => {
    // Santiago moved its clocks from 24:00 on 2024-09-07 to 01:00 on 2024-09-08 (UTC-4 to UTC-3).
    const due = disposeAt(fromCreation(1, 'days'), { createdAt: new Date('2024-09-06T15:00:00Z') }, 'America/Santiago');
    expect(due.toISOString()).toBe('2024-09-08T04:00:00.000Z');
    expect(local(due, 'America/Santiago')).toBe('2024-09-08 01:00:00');
    expect(localDay(new Date(due.getTime() - 1), 'America/Santiago')).toBe('2024-09-07');
  });

  it('anchors calendar rules on the next anchor day after creation', () => {
    const santa: RetentionRule = { kind: 'calendar_anchored', anchor: { month: 1, day: 1 }, period: { amount: 6, unit: 'months' } };
    expect(disposeAt(santa, { createdAt: new Date('2024-12-20T15:00:00Z') }).toISOString()).toBe('2025-07-01T04:00:00.000Z');
    // A letter of January 1 waits for the next new year, not the one it arrived on.
    expect(disposeAt(santa, { createdAt: new Date('2025-01-01T15:00:00Z') }).toISOString()).toBe('2026-07-01T04:00:00.000Z');
    const fiscal: RetentionRule = { kind: 'calendar_anchored', anchor: { month: 10, day: 1 }, period: { amount: 1, unit: 'years' } };
    expect(disposeAt(fiscal, { createdAt: new Date('2025-09-30T15:00:00Z') }).toISOString()).toBe('2026-10-01T04:00:00.000Z');
    expect(disposeAt(fiscal, { createdAt: new Date('2025-10-01T15:00:00Z') }).toISOString()).toBe('2027-10-01T04:00:00.000Z');
  });

  it('treats a reopened record as unresolved until it is resolved again', () => {
    const rule: RetentionRule = { kind: 'from_resolution', period: { amount: 2, unit: 'years' } };
    const createdAt = new Date('2025-01-02T15:00:00Z');
    const resolvedAt = new Date('2025-02-03T15:00:00Z');
    expect(disposeAfter(rule, { createdAt })).toBeNull();
    expect(disposeAfter(rule, { createdAt, resolvedAt: null })).toBeNull();
    expect(disposeAfter(rule, { createdAt, resolvedAt })?.toISOString()).toBe('2027-02-04T05:00:00.000Z');
    expect(disposeAfter(rule, { createdAt, resolvedAt, reopenedAt: new Date('2025-03-01T15:00:00Z') })).toBeNull();
    expect(disposeAfter(rule, { createdAt, resolvedAt, reopenedAt: resolvedAt })).toBeNull();
    const reResolved = { createdAt, resolvedAt: new Date('2025-04-01T15:00:00Z'), reopenedAt: new Date('2025-03-01T15:00:00Z') };
    expect(disposeAfter(rule, reResolved)?.toISOString()).toBe('2027-04-02T04:00:00.000Z');
  });

  it('waits for the end of the relationship and for ending events', () => {
    const createdAt = new Date('2020-01-01T12:00:00Z');
    const relationship: RetentionRule = { kind: 'from_relationship_end', period: { amount: 4, unit: 'years' } };
    expect(disposeAfter(relationship, { createdAt, relationshipEndedAt: null })).toBeNull();
    expect(disposeAfter(relationship, { createdAt, relationshipEndedAt: new Date('2025-01-31T20:00:00Z') })?.toISOString()).toBe(
      '2029-02-01T05:00:00.000Z',
    );
    const ceased: RetentionRule = { kind: 'until_event', event: 'ceased_to_participate' };
    expect(disposeAfter(ceased, { createdAt })).toBeNull();
    expect(disposeAfter(ceased, { createdAt, ceasedAt: new Date('2025-05-10T14:00:00Z') })?.toISOString()).toBe('2025-05-11T04:00:00.000Z');
    const ceasedThenYear: RetentionRule = { kind: 'until_event', event: 'ceased_to_participate', after: { amount: 1, unit: 'years' } };
    expect(disposeAfter(ceasedThenYear, { createdAt, ceasedAt: new Date('2025-05-10T14:00:00Z') })?.toISOString()).toBe(
      '2026-05-11T04:00:00.000Z',
    );
  });

  it('rejects an invalid trigger date and an unknown time zone', () => {
    expect(() => disposeAfter(fromCreation(1, 'days'), { createdAt: new Date('not a date') })).toThrow(RangeError);
    expect(() => disposeAfter(fromCreation(1, 'days'), { createdAt: new Date() }, { timeZone: 'Mars/Olympus_Mons' })).toThrow(RangeError);
  });
});

const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.record({ amount: fc.integer({ min: 1, max: 800 }), unit: fc.constant('days' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 60 }), unit: fc.constant('months' as const) }),
  fc.record({ amount: fc.integer({ min: 1, max: 10 }), unit: fc.constant('years' as const) }),
);

// Daylight saving changes in the zones under test, to probe instants near them.
const transitions = [
  '2024-03-10T07:00:00Z',
  '2024-11-03T06:00:00Z',
  '2031-03-09T07:00:00Z',
  '2031-11-02T06:00:00Z', // New York
  '2024-03-10T11:00:00Z',
  '2024-11-03T10:00:00Z',
  '2027-03-14T11:00:00Z',
  '2027-11-07T10:00:00Z', // Anchorage
].map((iso) => Date.parse(iso));

const instantArb: fc.Arbitrary<Date> = fc.oneof(
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2090-12-31T00:00:00Z'), noInvalidDate: true }),
  fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -3 * dayMs, max: 3 * dayMs })).map(([at, offset]) => new Date(at + offset)),
);

const zoneArb = fc.constantFrom(...zones);

/** The rules whose period runs from one event, built around a given period. */
const periodRuleArb = (period: Period): fc.Arbitrary<RetentionRule> =>
  fc.constantFrom<RetentionRule>(
    { kind: 'from_creation', period },
    { kind: 'from_resolution', period },
    { kind: 'from_relationship_end', period },
    { kind: 'until_event', event: 'ceased_to_participate', after: period },
  );

/** A history in which every trigger happened at the same instant. */
const allAt = (instant: Date): RecordHistory => ({
  createdAt: instant,
  resolvedAt: instant,
  relationshipEndedAt: instant,
  ceasedAt: instant,
});

const minDays: Record<Period['unit'], number> = { days: 1, months: 28, years: 365 };
const maxDays: Record<Period['unit'], number> = { days: 1, months: 31, years: 366 };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

describe('disposeAfter, properties', () => {
  it('never falls due before the trigger plus the shortest the period can be', () => {
    fc.assert(
      fc.property(
        instantArb,
        zoneArb,
        periodArb.chain((p) => fc.tuple(fc.constant(p), periodRuleArb(p))),
        (at, zone, [period, rule]) => {
          const due = disposeAt(rule, allAt(at), zone);
          // A spring-forward day is an hour short; any later one is paid back by a fall-back.
          expect(due.getTime() - at.getTime()).toBeGreaterThanOrEqual(period.amount * minDays[period.unit] * dayMs - hourMs);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('falls due no later than a day after the longest the period can be', () => {
    fc.assert(
      fc.property(
        instantArb,
        zoneArb,
        periodArb.chain((p) => fc.tuple(fc.constant(p), periodRuleArb(p))),
        (at, zone, [period, rule]) => {
          const due = disposeAt(rule, allAt(at), zone);
          expect(due.getTime() - at.getTime()).toBeLessThanOrEqual((period.amount * maxDays[period.unit] + 1) * dayMs + hourMs);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('falls due at the first instant of a local day', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, periodArb, (at, zone, period) => {
        const due = disposeAt({ kind: 'from_creation', period }, { createdAt: at }, zone);
        expect(local(due, zone).slice(11)).toBe('00:00:00');
        expect(localDay(new Date(due.getTime() - 1), zone)).not.toBe(localDay(due, zone));
      }),
      { numRuns: 300 },
    );
  });

  it('adds the period to the local calendar date, clamping to the end of short months', () => {
    fc.assert(
      fc.property(instantArb, zoneArb, periodArb, (at, zone, period) => {
        const due = disposeAt({ kind: 'from_creation', period }, { createdAt: at }, zone);
        const [y, m, d] = localDay(at, zone).split('-').map(Number) as [number, number, number];
        const [ey, em, ed] = localDay(new Date(due.getTime() - 1), zone)
          .split('-')
          .map(Number) as [number, number, number];
        if (period.unit === 'days') {
          expect((Date.UTC(ey, em - 1, ed) - Date.UTC(y, m - 1, d)) / dayMs).toBe(period.amount);
        } else {
          const months = period.unit === 'months' ? period.amount : 12 * period.amount;
          expect(ey * 12 + em - (y * 12 + m)).toBe(months);
          expect(ed).toBe(Math.min(d, daysInMonth(ey, em)));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is monotone in the trigger time', () => {
    fc.assert(
      fc.property(instantArb, instantArb, zoneArb, periodArb, (a, b, zone, period) => {
        const [early, late] = a.getTime() <= b.getTime() ? [a, b] : [b, a];
        const rule: RetentionRule = { kind: 'from_resolution', period };
        const dueEarly = disposeAt(rule, { createdAt: early, resolvedAt: early }, zone);
        const dueLate = disposeAt(rule, { createdAt: late, resolvedAt: late }, zone);
        expect(dueEarly.getTime()).toBeLessThanOrEqual(dueLate.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same instant for any two triggers on the same local day', () => {
    fc.assert(
      fc.property(
        instantArb,
        fc.integer({ min: -30 * hourMs, max: 30 * hourMs }),
        zoneArb,
        periodArb.chain((p) => periodRuleArb(p)),
        (at, shift, zone, rule) => {
          const other = new Date(at.getTime() + shift);
          fc.pre(localDay(at, zone) === localDay(other, zone));
          expect(disposeAt(rule, allAt(at), zone).getTime()).toBe(disposeAt(rule, allAt(other), zone).getTime());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('disposes of calendar-anchored records on July 1, local, of the year after creation', () => {
    const santa: RetentionRule = { kind: 'calendar_anchored', anchor: { month: 1, day: 1 }, period: { amount: 6, unit: 'months' } };
    fc.assert(
      fc.property(instantArb, zoneArb, (at, zone) => {
        const year = Number(localDay(at, zone).slice(0, 4));
        expect(local(disposeAt(santa, { createdAt: at }, zone), zone)).toBe(`${year + 1}-07-01 00:00:00`);
      }),
      { numRuns: 300 },
    );
  });

  it('is null while the trigger event has not happened', () => {
    const pendingRuleArb = periodArb.chain((period) =>
      fc.constantFrom<RetentionRule>(
        { kind: 'from_resolution', period },
        { kind: 'from_relationship_end', period },
        { kind: 'until_event', event: 'ceased_to_participate', after: period },
        { kind: 'until_event', event: 'superseded_or_removal_requested' },
      ),
    );
    fc.assert(
      fc.property(instantArb, pendingRuleArb, fc.constantFrom(null, undefined), (at, rule, missing) => {
        expect(disposeAfter(rule, { createdAt: at, resolvedAt: missing, relationshipEndedAt: missing, ceasedAt: missing })).toBeNull();
      }),
    );
  });

  it('is null for a resolution that a reopening has not been followed by', () => {
    fc.assert(
      fc.property(instantArb, instantArb, periodArb, (resolvedAt, reopenedAt, period) => {
        const rule: RetentionRule = { kind: 'from_resolution', period };
        const due = disposeAfter(rule, { createdAt: resolvedAt, resolvedAt, reopenedAt });
        if (resolvedAt.getTime() > reopenedAt.getTime()) {
          expect(due).toEqual(disposeAfter(rule, { createdAt: resolvedAt, resolvedAt }));
        } else {
          expect(due).toBeNull();
        }
      }),
    );
  });
});
