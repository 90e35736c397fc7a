import type { S10Number } from './article-number.ts';
import { isoCountryCodes } from './iso-country-codes.ts';
import { s10CheckDigit } from './s10-check-digit.ts';

/** Reads a 13-character UPU S10 identifier: service indicator (2 letters), serial (8 digits), check digit, ISO country code. */
export function parseS10(text: string): S10Number | { readonly reason: string } {
  if (!/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(text)) {
    return { reason: 'an S10 number is two letters, eight digits, a check digit and a two-letter country code' };
  }
  const serial = text.slice(2, 10);
  const checkDigit = Number(text[10]);
  const expected = s10CheckDigit(serial);
  if (checkDigit !== expected) return { reason: `check digit is ${checkDigit}, expected ${expected}` };
  const country = text.slice(11);
  if (!isoCountryCodes.has(country)) return { reason: `S10 country code '${country}' is not an ISO 3166 code` };
  return { kind: 's10', serviceIndicator: text.slice(0, 2), serial, checkDigit, country, normalised: text };
}
