import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressError } from './address-error.ts';
import { deliveryPointCheckDigit } from './delivery-point-check-digit.ts';
import { isValidDeliveryPointCode } from './is-valid-delivery-point-code.ts';

const zip11 = fc.stringMatching(/^\d{11}$/).filter((zip) => !zip.startsWith('00000'));
const digitSum = (value: string) => [...value].reduce((total, digit) => total + Number(digit), 0);

describe('deliveryPointCheckDigit', () => {
  it('completes the digit sum to a multiple of 10', () => {
    // 2+0+2+6+0+0+0+0+4+9+9 = 32, so the check digit is 8.
    expect(deliveryPointCheckDigit('20260-0004-99')).toBe(8);
    // 5+5+5+5+5 = 25 → 5; a sum already on a multiple of 10 needs 0.
    expect(deliveryPointCheckDigit('55555')).toBe(5);
    expect(deliveryPointCheckDigit('12340')).toBe(0);
  });

  it('rejects what parseZip rejects, naming the zip field', () => {
    expect(() => deliveryPointCheckDigit('2026')).toThrow(AddressError);
  });

  it('makes the sum of all twelve digits ≡ 0 (mod 10)', () => {
    fc.assert(
      fc.property(zip11, (zip) => {
        const check = deliveryPointCheckDigit(zip);
        expect(check).toBeGreaterThanOrEqual(0);
        expect(check).toBeLessThanOrEqual(9);
        expect((digitSum(zip) + check) % 10).toBe(0);
        expect(isValidDeliveryPointCode(`${zip}${check}`)).toBe(true);
      }),
    );
  });
});

describe('isValidDeliveryPointCode', () => {
  it('accepts a correct code and rejects malformed ones', () => {
    expect(isValidDeliveryPointCode('202600004998')).toBe(true);
    expect(isValidDeliveryPointCode('202600004997')).toBe(false);
    expect(isValidDeliveryPointCode('20260-0004-99-8')).toBe(false);
    expect(isValidDeliveryPointCode('20260000499')).toBe(false);
    expect(isValidDeliveryPointCode('2026000049980')).toBe(false);
  });

  it('detects every single-digit error', () => {
    fc.assert(
      fc.property(zip11, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (zip, position, shift) => {
        const code = `${zip}${deliveryPointCheckDigit(zip)}`;
        const wrong = String((Number(code[position]) + shift) % 10);
        const corrupted = `${code.slice(0, position)}${wrong}${code.slice(position + 1)}`;
        expect(isValidDeliveryPointCode(corrupted)).toBe(false);
      }),
    );
  });
});
