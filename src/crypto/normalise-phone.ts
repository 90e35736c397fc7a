import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { InvalidIndexValueError } from './errors.ts';

/**
 * A phone number in E.164 (+12022682000). Numbers without a country code are read as
 * US numbers. The full ("max") metadata is used because the default one checks length
 * only and would index numbers that cannot exist, such as 555-555-5555.
 */
export function normalisePhone(value: string): string {
  const phone = parsePhoneNumberFromString(value, 'US');
  if (!phone || !phone.isValid()) throw new InvalidIndexValueError('phone', 'not a valid phone number');
  return phone.number;
}
