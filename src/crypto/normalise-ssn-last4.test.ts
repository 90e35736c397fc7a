import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIndexValueError } from './errors.ts';
import { normaliseSsnLast4 } from './normalise-ssn-last4.ts';

describe('normaliseSsnLast4', () => {
  it('accepts exactly four digits', () => {
    expect(normaliseSsnLast4(' 6789 ')).toBe('6789');
  });

  it.each(['123', '12345', '123-45-6789', '12a4', '0000', ''])('rejects %j', (value) => {
    expect(() => normaliseSsnLast4(value)).toThrow(InvalidIndexValueError);
  });

  it('never puts the value in its error message', () => {
    expect(() => normaliseSsnLast4('123-45-6789')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('6789') }));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{4}$/).filter((d) => d !== '0000'),
        (digits) => {
          expect(normaliseSsnLast4(normaliseSsnLast4(digits))).toBe(normaliseSsnLast4(digits));
        },
      ),
    );
  });
});
