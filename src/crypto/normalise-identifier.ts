import { InvalidIndexValueError } from './errors.ts';

/**
 * An opaque identifier (tracking number, case number, account number) as people retype
 * it: compatibility-folded (full-width digits from some keyboards become ASCII),
 * upper-cased, without the spaces and hyphens used to group characters.
 */
export function normaliseIdentifier(value: string): string {
  // To a fixed point: dropping a hyphen can join a combining mark to the letter before it,
  // which NFKC then composes, and upper-casing can expand a letter ('ß' → 'SS').
  let folded = value;
  for (let previous = ''; previous !== folded;) {
    previous = folded;
    folded = folded
      .normalize('NFKC')
      .toUpperCase()
      .normalize('NFKC')
      .replace(/[\s\-\u2010-\u2015\u2212]/gu, '');
  }
  if (folded === '') throw new InvalidIndexValueError('identifier', 'the identifier is empty');
  return folded;
}
