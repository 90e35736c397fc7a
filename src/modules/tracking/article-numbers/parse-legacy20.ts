import type { Legacy20Number } from './article-number.ts';
import { impbCheckDigit } from './impb-check-digit.ts';

/** Reads a 20-digit number: service type code (2), mailer ID (9), serial (8), check digit over the implied 91 and the rest. */
export function parseLegacy20(digits: string): Legacy20Number | { readonly reason: string } {
  const checkDigit = Number(digits.at(-1));
  const expected = impbCheckDigit(`91${digits.slice(0, -1)}`);
  if (checkDigit !== expected) return { reason: `check digit is ${checkDigit}, expected ${expected}` };
  return {
    kind: 'legacy20',
    impliedApplicationId: '91',
    serviceType: digits.slice(0, 2),
    mailerId: digits.slice(2, 11),
    serial: digits.slice(11, 19),
    checkDigit,
    normalised: digits,
  };
}
