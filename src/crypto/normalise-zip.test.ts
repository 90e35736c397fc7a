import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIndexValueError } from './errors.ts';
import { normaliseZip } from './normalise-zip.ts';

describe('normaliseZip', () => {
  it('keeps a 5-digit ZIP', () => {
    expect(normaliseZip(' 20260 ')).toBe('20260');
  });

  it.each(['20260-0004', '20260 0004', '202600004'])('writes ZIP+4 %j as 9 digits', (value) => {
    expect(normaliseZip(value)).toBe('202600004');
  });

  it.each(['2026', '202600', '20260-04', 'ABCDE', ''])('rejects %j', (value) => {
    expect(() => normaliseZip(value)).toThrow(InvalidIndexValueError);
  });

  it('is idempotent', () => {
    const zip = fc.stringMatching(/^\d{5}$/);
    const plus4 = fc.option(fc.stringMatching(/^\d{4}$/));
    fc.assert(
      fc.property(zip, plus4, fc.constantFrom('-', ' ', ''), (zip, plus4, sep) => {
        const once = normaliseZip(plus4 === null ? zip : `${zip}${sep}${plus4}`);
        expect(normaliseZip(once)).toBe(once);
      }),
    );
  });
});
