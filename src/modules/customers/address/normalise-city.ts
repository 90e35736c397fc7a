import { AddressError } from './address-error.ts';

/**
 * Pub 28, 222: city names carry no punctuation ("ST. LOUIS" is ST LOUIS, "WINSTON-SALEM" is WINSTON SALEM) and are
 * upper case. Diacritics are dropped, since USPS files are plain ASCII.
 */
export function normaliseCity(value: string): string {
  const city = value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[.']/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  if (city === '') throw new AddressError('city', 'is required');
  if (/\d/.test(city)) throw new AddressError('city', 'may contain only letters');
  return city;
}
