/**
 * UPU S10 international item identifiers ('EA123456785US'): two service letters, an
 * 8-digit serial, a check digit, the ISO country code of the issuing post (seed 001:
 * articles are tracked by article number).
 */
const s10Pattern = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/u;
const weights = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/**
 * The S10 check digit of an 8-digit serial: 11 − (Σ weightᵢ·digitᵢ mod 11), where 10
 * becomes 0 and 11 becomes 5. Because both remainders 0 and 6 give 5, a single changed
 * digit that moves the remainder between them goes undetected: the standard's weakness,
 * not ours.
 */
export function s10CheckDigit(serial: string): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) sum += weights[i]! * Number(serial[i]);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** Whether an upper-cased, ungrouped string is an S10 identifier with a correct check digit. */
export function isS10(value: string): boolean {
  const match = s10Pattern.exec(value);
  return match !== null && s10CheckDigit(match[2]!) === Number(match[3]);
}
