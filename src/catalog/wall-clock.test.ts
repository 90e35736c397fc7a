import fc from 'fast-check';
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

  it('reads every instant as Intl does, however close to the last one read and to a change of offset', () => {
    // Intl's own reading, written out independently of the module's.
    const intl = (instant: number, timeZone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat('en-US', {
          timeZone,
          year: 'numeric',
          month: 'numeric',
          day: 'numeric',
          hour: 'numeric',
          minute: 'numeric',
          second: 'numeric',
          hourCycle: 'h23',
        })
          .formatToParts(instant)
          .map((part) => [part.type, Number(part.value)]),
      );
      const read = (type: string) => p[type] as number;
      return Date.UTC(
        read('year'),
        read('month') - 1,
        read('day'),
        read('hour'),
        read('minute'),
        read('second'),
        ((instant % 1000) + 1000) % 1000,
      );
    };
    // Instants a few seconds either side of New York's and Kolkata's, Lord Howe's (30 minutes) and Kathmandu's changes.
    const changes = ['2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2025-10-04T15:30:00Z', '1985-12-31T18:30:00Z'].map(Date.parse);
    const zones = [ny, 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Kolkata'];
    fc.assert(
      fc.property(
        fc.constantFrom(...changes),
        fc.array(fc.integer({ min: -3000, max: 3000 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...zones),
        (change, offsets, zone) => {
          for (const offset of offsets) expect(wallClockMs(change + offset, zone)).toBe(intl(change + offset, zone));
        },
      ),
    );
  });

  it('refuses an unknown zone', () => {
    expect(() => assertTimeZone('America/Nowhere')).toThrow(RangeError);
  });
});
