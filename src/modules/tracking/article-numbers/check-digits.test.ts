import { describe, expect, it } from 'vitest';
import { impbCheckDigit } from './impb-check-digit.ts';
import { s10CheckDigit } from './s10-check-digit.ts';

describe('impbCheckDigit', () => {
  it('gives the check digit of the Publication 199 worked example (92 123 912345678 1234567 → 0)', () => {
    expect(impbCheckDigit('921239123456781234567')).toBe(0);
  });

  it('gives 8 for the package number 93 022 345678 9012345678 printed after (420)12345 in vendor IMpb examples', () => {
    expect(impbCheckDigit('930223456789012345678')).toBe(8);
  });

  it('weighs the digit left of the check digit 3, the next 1', () => {
    expect(impbCheckDigit('1')).toBe(7);
    expect(impbCheckDigit('10')).toBe(9);
    expect(impbCheckDigit('0')).toBe(0);
  });

  it('refuses anything but digits', () => {
    expect(() => impbCheckDigit('')).toThrow(RangeError);
    expect(() => impbCheckDigit('92a')).toThrow(RangeError);
  });
});

describe('s10CheckDigit', () => {
  it('gives 9 for AA 47312482, the example of the UPU S10 standard', () => {
    expect(s10CheckDigit('47312482')).toBe(9);
  });

  it('turns 11 minus a remainder of 1 (10) into 0, and of 0 (11) into 5', () => {
    expect(s10CheckDigit('00000900')).toBe(0);
    expect(s10CheckDigit('00000000')).toBe(5);
  });

  it('cannot tell serials of remainder 0 and 6 apart: 00000000 and 90000000 both take 5', () => {
    expect(s10CheckDigit('90000000')).toBe(5);
  });

  it('refuses a serial that is not eight digits', () => {
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
    expect(() => s10CheckDigit('1234567A')).toThrow(RangeError);
  });
});
