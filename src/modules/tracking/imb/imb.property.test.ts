import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataDigits } from './data-digits.ts';
import { decodeImb, encodeImb, ImbError, type ImbErrorCode } from './index.ts';

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });

const tracking = fc.tuple(digits(1), fc.constantFrom(...'01234'), digits(18)).map(([first, second, rest]) => `${first}${second}${rest}`);
const routing = fc.constantFrom(0, 5, 9, 11).chain(digits);

function codeOf(run: () => unknown): ImbErrorCode | 'accepted' {
  try {
    run();
    return 'accepted';
  } catch (error) {
    if (error instanceof ImbError) return error.code;
    throw error;
  }
}

describe('IMb encode and decode', () => {
  it('decodes what it encodes', () => {
    fc.assert(
      fc.property(tracking, routing, (t, r) => {
        const parts = decodeImb(encodeImb(t, r));
        expect([parts.tracking, parts.routing]).toEqual([t, r]);
        expect(parts.barcodeId + parts.serviceType + parts.mailerId + parts.serial).toBe(t);
        expect(parts.mailerId).toHaveLength(t[5] === '9' ? 9 : 6);
      }),
    );
  });

  it('rejects every single-bar change, at each position to each other letter', () => {
    fc.assert(
      fc.property(tracking, routing, (t, r) => {
        const bars = encodeImb(t, r);
        for (let position = 0; position < 65; position++) {
          for (const letter of 'FADT'.replace(bars.charAt(position), '')) {
            const changed = bars.slice(0, position) + letter + bars.slice(position + 1);
            expect(codeOf(() => decodeImb(changed))).toBe('damaged-bar');
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('rejects a change to two bars that leaves every character readable, by its frame check sequence', () => {
    // Bars 1 and 34 turned T and F: both characters stay valid, and only the FCS shows the damage.
    const bars = encodeImb('01234567094987654321', '01234567891');
    const changed = `T${bars.slice(1, 33)}F${bars.slice(34)}`;
    expect(() => decodeImb(changed)).toThrow(/^frame check sequence mismatch/);
  });

  it('rejects bars of the wrong number or with other letters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'FADT'), maxLength: 80 }), (bars) => {
        fc.pre(bars.length !== 65);
        expect(codeOf(() => decodeImb(bars))).toBe('bar-count');
      }),
    );
    fc.assert(
      fc.property(tracking, fc.integer({ min: 0, max: 64 }), fc.constantFrom(...'fadtXB0 -'), (t, position, letter) => {
        const bars = encodeImb(t);
        const changed = bars.slice(0, position) + letter + bars.slice(position + 1);
        expect(() => decodeImb(changed)).toThrow(new ImbError('bar-letter', `bar ${position + 1} is "${letter}", not one of F, A, D, T`));
      }),
    );
  });

  it('rejects tracking and routing codes of the wrong length or with non-digits', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 30 })
          .filter((n) => n !== 20)
          .chain(digits),
        (t) => {
          expect(codeOf(() => encodeImb(t))).toBe('09');
        },
      ),
    );
    fc.assert(
      fc.property(tracking, fc.integer({ min: 0, max: 19 }), fc.constantFrom(...'xO-.+'), (t, position, letter) => {
        expect(codeOf(() => encodeImb(t.slice(0, position) + letter + t.slice(position + 1)))).toBe('10');
      }),
    );
    fc.assert(
      fc.property(tracking, fc.constantFrom(...'56789'), (t, second) => {
        expect(codeOf(() => encodeImb(t.charAt(0) + second + t.slice(2)))).toBe('11');
      }),
    );
    fc.assert(
      fc.property(
        tracking,
        fc
          .integer({ min: 1, max: 20 })
          .filter((n) => ![5, 9, 11].includes(n))
          .chain(digits),
        (t, r) => {
          expect(codeOf(() => encodeImb(t, r))).toBe('12');
        },
      ),
    );
    fc.assert(
      fc.property(
        tracking,
        routing.filter((r) => r !== ''),
        fc.constantFrom(...'xO-.+'),
        (t, r, letter) => {
          expect(codeOf(() => encodeImb(t, letter + r.slice(1)))).toBe('13');
        },
      ),
    );
  });

  it('refuses data whose routing value is beyond the 11-digit range', () => {
    // Codewords can carry a little more than the largest routing value; the FCS alone would not catch it.
    const routingScale = 5n * 10n ** 19n;
    expect(dataDigits(101_000_100_000n * routingScale).routing).toBe('99999999999');
    expect(codeOf(() => dataDigits(101_000_100_001n * routingScale))).toBe('routing-range');
  });
});
