import { randomInt } from 'node:crypto';
import { impbCheckDigit } from '../article-numbers/index.ts';

/**
 * Pickup confirmation numbers: 'WTC', 9 random digits and a check digit — the form the
 * customer finder already recognises as a USPS Package Pickup number ('WTC' and 6 to 12
 * digits). The check digit is Publication 199's MOD 10 (weights 3 and 1 from the right):
 * 3 and 1 are both prime to 10, so any one digit mistyped changes the sum modulo 10 and
 * the check fails, which is what a number read over the phone needs.
 */
export const pickupPrefix = 'WTC';
const serialDigits = 9;
const pattern = /^WTC(\d{9})(\d)$/u;

/** The pickup number of a 9-digit serial. */
export function pickupNumberOf(serial: string): string {
  if (!/^\d{9}$/u.test(serial)) throw new RangeError('a pickup serial is 9 digits');
  return `${pickupPrefix}${serial}${impbCheckDigit(serial)}`;
}

/** A new pickup number with a random serial; the table's unique key catches the rare repeat. */
export function newPickupNumber(): string {
  return pickupNumberOf(String(randomInt(10 ** serialDigits)).padStart(serialDigits, '0'));
}

/** Whether `text` (spaces, hyphens and letter case aside) is a pickup number whose check digit holds; the compact form, or null. */
export function checkPickupNumber(text: string): string | null {
  const compact = text.replace(/[\s-]/gu, '').toUpperCase();
  const match = pattern.exec(compact);
  if (!match) return null;
  return impbCheckDigit(match[1]!) === Number(match[2]) ? compact : null;
}
