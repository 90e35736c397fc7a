import { InvalidIndexValueError } from './errors.ts';

/**
 * The last four digits of a Social Security number. Exactly four digits: anything
 * longer could be a whole SSN pasted by mistake, which must not be indexed (or echoed).
 * 0000 is refused because the SSA never issues that serial number.
 */
export function normaliseSsnLast4(value: string): string {
  const digits = value.trim();
  if (!/^\d{4}$/u.test(digits)) throw new InvalidIndexValueError('ssn_last4', 'exactly four digits are expected');
  if (digits === '0000') throw new InvalidIndexValueError('ssn_last4', '0000 is never part of an issued SSN');
  return digits;
}
