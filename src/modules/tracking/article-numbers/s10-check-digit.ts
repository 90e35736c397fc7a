const weights = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * The UPU S10 check digit of an eight-digit serial: 11 minus the weighted sum modulo 11, where 10 becomes 0
 * and 11 becomes 5. Remainders 0 and 6 both give 5, so S10 misses some single-digit errors that MOD 10 would catch.
 */
export function s10CheckDigit(serial8: string): number {
  if (!/^\d{8}$/.test(serial8)) throw new RangeError(`an S10 serial is eight digits, got '${serial8}'`);
  const check = 11 - (weights.reduce((sum, weight, i) => sum + weight * Number(serial8[i]), 0) % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}
