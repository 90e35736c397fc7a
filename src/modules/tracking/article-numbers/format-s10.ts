import type { S10Number } from './article-number.ts';
import { s10CheckDigit } from './s10-check-digit.ts';

export type S10Parts = Pick<S10Number, 'serviceIndicator' | 'serial' | 'country'>;

/** Builds an S10 identifier from its parts, computing the check digit. For tests and fixtures: malformed parts throw. */
export function formatS10(parts: S10Parts): string {
  const { serviceIndicator, serial, country } = parts;
  if (!/^[A-Z]{2}$/.test(serviceIndicator) || !/^[A-Z]{2}$/.test(country)) {
    throw new RangeError(`the service indicator and country are two capital letters each, got '${serviceIndicator}' and '${country}'`);
  }
  return `${serviceIndicator}${serial}${s10CheckDigit(serial)}${country}`;
}
