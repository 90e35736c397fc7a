import { describe, expect, it } from 'vitest';
import { assertTimeZone, firstInstantReading, localDateOf, wallClockMs } from './local-calendar.ts';

const ny = 'America/New_York';
const wall = (iso: string): number => Date.parse(`${iso}Z`);
const at = (instant: number): string => new Date(instant).toISOString();

describe('wall clock', () => {
  it('reads an instant in a zone', () => {
    expect(wallClockMs(Date.parse('2025-03-07T21:30:00.250Z'), ny)).toBe(wall('2025-03-07T16:30:00.250'));
    expect(localDateOf(Date.parse('2025-06-01T03:30:00Z'), ny)).toEqual({ year: 2025, month: 5, day: 31 });
  });

  it('finds the instant a reading first happens, across New York’s changes of offset', () => {
    expect(at(firstInstantReading(wall('2025-03-09T01:30:00'), ny))).toBe('2025-03-09T06:30:00.000Z'); // EST
    // 02:30 on 2025-03-09 never happens: the clocks jump from 02:00 EST to 03:00 EDT.
    expect(at(firstInstantReading(wall('2025-03-09T02:30:00'), ny))).toBe('2025-03-09T07:00:00.000Z');
    expect(at(firstInstantReading(wall('2025-03-09T03:00:00'), ny))).toBe('2025-03-09T07:00:00.000Z');
    // 01:30 on 2025-11-02 happens twice, first in EDT.
    expect(at(firstInstantReading(wall('2025-11-02T01:30:00'), ny))).toBe('2025-11-02T05:30:00.000Z');
    expect(at(firstInstantReading(wall('2025-11-02T02:00:00'), ny))).toBe('2025-11-02T07:00:00.000Z'); // EST
  });

  it('refuses an unknown zone', () => {
    expect(() => assertTimeZone('America/Nowhere')).toThrow(RangeError);
  });
});
