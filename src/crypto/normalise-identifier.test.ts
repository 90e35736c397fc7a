import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIndexValueError } from './errors.ts';
import { normaliseIdentifier } from './normalise-identifier.ts';

describe('normaliseIdentifier', () => {
  it('trims, upper-cases and removes grouping spaces and hyphens', () => {
    expect(normaliseIdentifier(' 9400 1000-0000 0000 0000 00 ')).toBe('9400100000000000000000');
    expect(normaliseIdentifier('ej 958 083 578 us')).toBe('EJ958083578US');
  });

  it('folds full-width characters', () => {
    expect(normaliseIdentifier('ＥＪ９５８')).toBe('EJ958');
  });

  it.each(['', ' - ', '\t'])('rejects %j', (value) => {
    expect(() => normaliseIdentifier(value)).toThrow(InvalidIndexValueError);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (value) => {
        let once: string;
        try {
          once = normaliseIdentifier(value);
        } catch {
          return;
        }
        expect(normaliseIdentifier(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});
