import { describe, expect, it } from 'vitest';
import { barTable } from './bar-table.ts';
import { codewordCharacters } from './codeword-characters.ts';

describe('IMb tables', () => {
  it('builds the 5-of-13 and 2-of-13 characters as USPS-B-3200 tables 19 and 20 list them', () => {
    expect(codewordCharacters).toHaveLength(1365);
    expect(new Set(codewordCharacters).size).toBe(1365);
    expect(codewordCharacters.slice(0, 6)).toEqual([31, 7936, 47, 7808, 55, 7552]);
    expect(codewordCharacters.slice(1284, 1291)).toEqual([856, 744, 496, 3, 6144, 5, 5120]);
    expect(codewordCharacters.slice(-4)).toEqual([1028, 520, 272, 160]);
  });

  it('maps each of the 130 extenders to a distinct bit of the ten 13-bit characters', () => {
    expect(barTable).toHaveLength(65);
    const bits = barTable.flatMap(({ descender, ascender }) => [descender, ascender]).map(({ character, bit }) => character * 13 + bit);
    expect(new Set(bits).size).toBe(130);
    expect(Math.max(...bits)).toBe(129);
  });
});
