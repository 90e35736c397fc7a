/**
 * The Publication 199 MOD 10 check digit of a package number without its check digit: weights 3 and 1
 * alternate from the rightmost digit (weight 3) leftwards. Callers pass the package number only, never
 * the 420 routing prefix, which the check digit does not cover.
 */
export function impbCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits)) throw new RangeError(`impbCheckDigit needs digits, got '${digits}'`);
  let sum = 0;
  for (let i = digits.length - 1, weight = 3; i >= 0; i--, weight = 4 - weight) sum += Number(digits[i]) * weight;
  return (10 - (sum % 10)) % 10;
}
