import { randomInt } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';

/** Six digits: typed from an e-mail, a text message or a letter. */
export function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** How long a code may be used, by what it is for: a mailed letter takes days to arrive. */
export const codeLifetimeMs = {
  verify_email: 24 * 60 * 60 * 1000,
  reset_password: 30 * 60 * 1000,
  link_email: 30 * 60 * 1000,
  link_phone: 15 * 60 * 1000,
  link_letter: 30 * 24 * 60 * 60 * 1000,
} as const;

/** Wrong guesses one code allows before it is spent: a million codes, five tries. */
export const attemptsPerCode = 5;

export function sameDigest(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
