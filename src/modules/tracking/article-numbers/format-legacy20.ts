import type { Legacy20Number } from './article-number.ts';
import { impbCheckDigit } from './impb-check-digit.ts';

export type Legacy20Parts = Pick<Legacy20Number, 'serviceType' | 'mailerId' | 'serial'>;

/** Builds a 20-digit number from its parts, the check digit computed with the implied 91. For tests and fixtures. */
export function formatLegacy20(parts: Legacy20Parts): string {
  const { serviceType, mailerId, serial } = parts;
  if (!/^\d{2}$/.test(serviceType) || !/^\d{9}$/.test(mailerId) || !/^\d{8}$/.test(serial)) {
    throw new RangeError('a 20-digit number is a 2-digit service type code, a 9-digit mailer ID and an 8-digit serial');
  }
  const body = `${serviceType}${mailerId}${serial}`;
  return `${body}${impbCheckDigit(`91${body}`)}`;
}
