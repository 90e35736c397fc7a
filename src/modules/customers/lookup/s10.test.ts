import { describe, expect, it } from 'vitest';
import { isS10, s10CheckDigit } from './s10.ts';

describe('S10 check digit', () => {
  it('matches the UPU worked example and the remainder rules', () => {
    expect(s10CheckDigit('12345678')).toBe(5); // EA123456785US
    expect(s10CheckDigit('00000000')).toBe(5); // remainder 0: 11 → 5
    expect(s10CheckDigit('00000008')).toBe(0); // 7·8 = 56, remainder 1: 10 → 0
    expect(s10CheckDigit('00000100')).toBe(6); // 5·1 = 5: 11 − 5
  });

  it('accepts only two letters, eight digits, the check digit and two letters', () => {
    expect(isS10('EA123456785US')).toBe(true);
    expect(isS10('EA123456784US')).toBe(false);
    expect(isS10('EA12345678US')).toBe(false);
    expect(isS10('ea123456785us')).toBe(false); // callers upper-case first
    expect(isS10('E1123456785US')).toBe(false);
  });

  it('cannot tell remainders 0 and 6 apart: a known weakness of the standard', () => {
    // 00000000 has remainder 0 and 00002000 has 3·2 = 6: both take check digit 5.
    expect(isS10('EA000000005US')).toBe(true);
    expect(isS10('EA000020005US')).toBe(true);
  });
});
