import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, percentilesOf } from './nearest-rank.ts';

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 });

describe('nearestRank', () => {
  it('takes the element at rank ⌈p/100 × n⌉, as percentile_disc does', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([50, 90, 99, 100, 1].map((p) => nearestRank(ten, p))).toEqual([5, 9, 10, 10, 1]);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99].map((p) => nearestRank(hundred, p))).toEqual([50, 90, 99]);
    expect([50, 90, 99].map((p) => nearestRank([7], p))).toEqual([7, 7, 7]);
    // 0.99 × 101 = 99.99: rank 100, not 99 from a rounding error.
    expect(
      nearestRank(
        Array.from({ length: 101 }, (_, i) => i),
        99,
      ),
    ).toBe(99);
  });

  it('refuses an empty sample and a percent outside 1..100', () => {
    expect(() => nearestRank([], 50)).toThrow(RangeError);
    expect(() => nearestRank([1], 0)).toThrow(RangeError);
    expect(() => nearestRank([1], 101)).toThrow(RangeError);
    expect(() => nearestRank([1], 50.5)).toThrow(RangeError);
    expect(percentilesOf([])).toBeNull();
  });

  it('p50 ≤ p90 ≤ p99, within min..max, each the sorted element at its nearest rank', () => {
    fc.assert(
      fc.property(sample, (values) => {
        const p = percentilesOf(values)!;
        const sorted = [...values].sort((a, b) => a - b);
        expect(p.p50).toBeLessThanOrEqual(p.p90);
        expect(p.p90).toBeLessThanOrEqual(p.p99);
        expect(p.p50).toBeGreaterThanOrEqual(sorted[0]!);
        expect(p.p99).toBeLessThanOrEqual(sorted.at(-1)!);
        for (const [percent, value] of [
          [50, p.p50],
          [90, p.p90],
          [99, p.p99],
        ] as const) {
          const rank = Math.ceil((percent * sorted.length) / 100);
          expect(value).toBe(sorted[rank - 1]);
          // The definition: the smallest value with at least percent % of the sample at or below it.
          const atOrBelow = sorted.filter((v) => v <= value).length;
          expect(atOrBelow * 100).toBeGreaterThanOrEqual(percent * sorted.length);
          const below = sorted.filter((v) => v < value).length;
          expect(below * 100).toBeLessThan(percent * sorted.length);
        }
      }),
    );
  });

  it('does not reorder the sample it is given', () => {
    fc.assert(
      fc.property(sample, (values) => {
        const copy = [...values];
        percentilesOf(values);
        expect(values).toEqual(copy);
      }),
    );
  });
});
