import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jaroWinkler } from './jaro-winkler.ts';

describe('jaroWinkler', () => {
  it('reproduces the textbook values (Winkler 1990 / Wikipedia)', () => {
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 4);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal strings and 0 for strings with nothing in common', () => {
    expect(jaroWinkler('', '')).toBe(1);
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('abc', '')).toBe(0);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const forward = jaroWinkler(a, b);
        expect(forward).toBe(jaroWinkler(b, a));
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
      }),
    );
  });
});
