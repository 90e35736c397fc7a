import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidIndexValueError } from './errors.ts';
import { normalisePhone } from './normalise-phone.ts';

describe('normalisePhone', () => {
  it.each(['(202) 268-2000', '202.268.2000', '+1 202 268 2000', '2022682000', '1-202-268-2000'])('reads %s as +12022682000', (value) => {
    expect(normalisePhone(value)).toBe('+12022682000');
  });

  it('keeps foreign numbers given with their country code', () => {
    expect(normalisePhone('+44 20 7946 0018')).toBe('+442079460018');
  });

  it.each(['555-555-5555', '12', 'not a phone', ''])('rejects %j', (value) => {
    expect(() => normalisePhone(value)).toThrow(InvalidIndexValueError);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.constantFrom('202', '212', '312', '415', '617'), fc.integer({ min: 2_000_000, max: 9_999_999 }), (area, local) => {
        let once: string;
        try {
          once = normalisePhone(`${area}${local}`);
        } catch {
          return;
        }
        expect(normalisePhone(once)).toBe(once);
      }),
    );
  });
});
