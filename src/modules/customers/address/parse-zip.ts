import { AddressError } from './address-error.ts';

export interface ParsedZip {
  readonly zip5: string;
  readonly zip4: string | null;
  /** The two-digit delivery point that extends ZIP+4 to the 11-digit delivery-point ZIP Code barcoded on mail. */
  readonly deliveryPoint: string | null;
}

/**
 * Reads a ZIP Code (12345), ZIP+4 (12345-6789 or 123456789) or 11-digit delivery-point ZIP (12345-6789-01,
 * 12345678901). Hyphens may only sit where Pub 28 prints them: after the ZIP Code and after the add-on.
 */
export function parseZip(value: string): ParsedZip {
  const text = value.trim();
  if (text === '') throw new AddressError('zip', 'is required');
  if (!/^[\d-]+$/.test(text)) throw new AddressError('zip', 'may contain only digits and hyphens');
  const match = /^(\d{5})(?:-?(\d{4})(?:-?(\d{2}))?)?$/.exec(text);
  if (match === null) {
    const digits = text.replace(/-/g, '').length;
    if (digits !== 5 && digits !== 9 && digits !== 11) throw new AddressError('zip', 'must have 5, 9 or 11 digits');
    throw new AddressError('zip', 'has a hyphen out of place');
  }
  const [, zip5 = '', zip4, deliveryPoint] = match;
  if (zip5 === '00000') throw new AddressError('zip', 'is not an assigned ZIP Code');
  return { zip5, zip4: zip4 ?? null, deliveryPoint: deliveryPoint ?? null };
}
