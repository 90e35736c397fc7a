import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIndexValueError } from './errors.ts';
import { namePhoneticCodes } from './name-phonetic-codes.ts';
import { normaliseName } from './normalise-name.ts';

describe('normaliseName', () => {
  it('folds case, accents, punctuation and whitespace', () => {
    expect(normaliseName('  José   MARÍA  de la Peña-Núñez ')).toBe('jose maria de la pena nunez');
    expect(normaliseName("O'Brien, Seán")).toBe('obrien sean');
    expect(normaliseName('Straße Łukasz Øster')).toBe('strasse lukasz oster');
  });

  it.each(['', '  ', "'-.,"])('rejects %j', (value) => {
    expect(() => normaliseName(value)).toThrow(InvalidIndexValueError);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (value) => {
        let once: string;
        try {
          once = normaliseName(value);
        } catch {
          return;
        }
        expect(normaliseName(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe('namePhoneticCodes', () => {
  it('gives sound-alike spellings a common code', () => {
    expect(namePhoneticCodes('jon')).toEqual(namePhoneticCodes('john'));
    expect(namePhoneticCodes('smyth')).toEqual(namePhoneticCodes('smith'));
  });

  it('lists a code once when primary and secondary agree, and none for digits', () => {
    expect(namePhoneticCodes('muller')).toEqual(['MLR']);
    expect(namePhoneticCodes('1984')).toEqual([]);
  });
});
