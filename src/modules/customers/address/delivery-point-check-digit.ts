import { parseZip } from './parse-zip.ts';

/**
 * The POSTNET / Intelligent Mail barcode check digit (Domestic Mail Manual, barcode standards): the digit that brings the sum of all ZIP digits
 * up to a multiple of 10. Accepts any form parseZip does; the 11-digit delivery-point ZIP is the usual input.
 */
export function deliveryPointCheckDigit(zip: string): number {
  const { zip5, zip4, deliveryPoint } = parseZip(zip);
  const sum = [...`${zip5}${zip4 ?? ''}${deliveryPoint ?? ''}`].reduce((total, digit) => total + Number(digit), 0);
  return (10 - (sum % 10)) % 10;
}
