import { InvalidIndexValueError } from './errors.ts';

const zipPattern = /^(\d{5})(?:[-\s]?(\d{4}))?$/u;

/** A US ZIP code as 5 digits, or a ZIP+4 as 9 digits without the hyphen. */
export function normaliseZip(value: string): string {
  const match = zipPattern.exec(value.trim());
  if (!match) throw new InvalidIndexValueError('zip', 'a ZIP code has 5 digits, or 9 as ZIP+4');
  return match[1]! + (match[2] ?? '');
}
