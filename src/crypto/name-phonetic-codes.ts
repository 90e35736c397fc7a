import { doubleMetaphone } from 'double-metaphone';

/**
 * The Double Metaphone codes of one normalised name part (primary and, when it
 * differs, secondary), so that 'smyth' and 'smith' share a code. Empty for parts the
 * algorithm has nothing to say about (digits, non-Latin scripts).
 */
export function namePhoneticCodes(part: string): string[] {
  return [...new Set(doubleMetaphone(part).filter((code) => code !== ''))];
}
