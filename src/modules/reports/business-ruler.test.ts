import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agencySlaPolicy, businessMinutesBetween } from '../cases/index.ts';
import { businessRuler } from './business-ruler.ts';

const dayMs = 86_400_000;
const newYork = agencySlaPolicy('America/New_York').calendar;
// Half-hour daylight saving time, ahead of UTC: local midnights are nowhere near UTC's.
const lordHowe = agencySlaPolicy('Australia/Lord_Howe').calendar;

describe('businessRuler', () => {
  it('measures on the agency calendar: hours open, weekends and holidays not', () => {
    const ruler = businessRuler(newYork, { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-31T00:00:00Z') });
    // Friday 16:00 to Monday 09:00 Eastern: one hour on Friday, one on Monday.
    expect(ruler.minutesBetween(new Date('2026-11-06T21:00:00Z'), new Date('2026-11-09T14:00:00Z'))).toBe(120);
    // Wednesday 25 November 09:00 to Friday 27th 09:00: Thanksgiving (the 26th) is closed.
    expect(ruler.minutesBetween(new Date('2026-11-25T14:00:00Z'), new Date('2026-11-27T14:00:00Z'))).toBe(9 * 60);
    expect(ruler.minutesBetween(new Date('2026-11-27T14:00:00Z'), new Date('2026-11-25T14:00:00Z'))).toBe(-9 * 60);
  });

  it('agrees with businessMinutesBetween for any two instants, inside its span or not', () => {
    const spanStart = Date.parse('2026-01-01T00:00:00Z');
    const spanEnd = Date.parse('2027-01-01T00:00:00Z');
    // Anywhere, and near the changes of clocks, Thanksgiving and the span's ends.
    const hotSpots = [
      '2026-03-08T07:00:00Z',
      '2026-11-01T06:00:00Z',
      '2026-04-05T15:00:00Z',
      '2026-10-04T15:30:00Z',
      '2026-11-26T12:00:00Z',
    ]
      .map(Date.parse)
      .concat([spanStart, spanEnd]);
    const instant = fc.oneof(
      fc.integer({ min: spanStart - 20 * dayMs, max: spanEnd + 20 * dayMs }),
      fc.tuple(fc.constantFrom(...hotSpots), fc.integer({ min: -2 * dayMs, max: 2 * dayMs })).map(([at, shift]) => at + shift),
    );
    for (const calendar of [newYork, lordHowe]) {
      const ruler = businessRuler(calendar, { from: new Date(spanStart), to: new Date(spanEnd) });
      fc.assert(
        fc.property(instant, fc.integer({ min: -40 * dayMs, max: 40 * dayMs }), (a, shift) => {
          const b = a + shift;
          const expected = businessMinutesBetween(calendar, new Date(a), new Date(b));
          expect(ruler.minutesBetween(new Date(a), new Date(b))).toBeCloseTo(expected, 6);
        }),
        { numRuns: 500 },
      );
    }
  });
});
