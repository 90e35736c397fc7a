import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPickupNumber, newPickupNumber, pickupNumberOf } from './pickup-number.ts';

const serial = fc.stringMatching(/^\d{9}$/);

describe('pickup confirmation numbers', () => {
  it('passes its own check for every serial, typed with spaces or in lower case', () => {
    fc.assert(
      fc.property(serial, (s) => {
        const number = pickupNumberOf(s);
        expect(number).toMatch(/^WTC\d{10}$/);
        expect(checkPickupNumber(number)).toBe(number);
        expect(checkPickupNumber(` ${number.toLowerCase().slice(0, 6)} ${number.slice(6)} `)).toBe(number);
      }),
    );
  });

  it('fails its check when any one digit is changed', () => {
    fc.assert(
      fc.property(serial, fc.integer({ min: 3, max: 12 }), fc.integer({ min: 1, max: 9 }), (s, position, shift) => {
        const number = pickupNumberOf(s);
        const changed = (Number(number[position]) + shift) % 10;
        const typo = `${number.slice(0, position)}${changed}${number.slice(position + 1)}`;
        expect(typo).not.toBe(number);
        expect(checkPickupNumber(typo)).toBeNull();
      }),
    );
  });

  it('makes random numbers that pass, and refuses other shapes', () => {
    for (let i = 0; i < 50; i++) expect(checkPickupNumber(newPickupNumber())).not.toBeNull();
    expect(checkPickupNumber('PU1234567890')).toBeNull();
    expect(checkPickupNumber('WTC12345678')).toBeNull();
    expect(() => pickupNumberOf('12345')).toThrow(RangeError);
  });
});
