import { normaliseName } from '../../../crypto/index.ts';
import type { MoveType } from './change-of-address.ts';

const wordsOf = (name: string): string[] => {
  try {
    return normaliseName(name).split(' ');
  } catch {
    return [];
  }
};

/** Words a business name carries or drops freely: 'ACME WIDGETS, INC.' and 'Acme Widgets' are one business. */
const businessForms = new Set(['inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'co', 'corp', 'corporation', 'company', 'the']);

const familyWords = new Set(['the', 'family', 'household']);

/**
 * Whether the name on a request is the name on the customer's record, compared as the
 * blind index compares names (case, accents and punctuation folded):
 * - individual: the same first and last word (a middle name or initial may come or go);
 * - family: the same last word (PS Form 3575: a family move covers everyone at the old
 *   address with that last name);
 * - business: the same words once legal forms (INC, LLC…) are dropped.
 * An empty record name never matches: there is nothing to check the request against.
 */
export function namesMatch(moveType: MoveType, requested: string, onRecord: string): boolean {
  const asked = wordsOf(requested);
  const held = wordsOf(onRecord);
  if (asked.length === 0 || held.length === 0) return false;
  switch (moveType) {
    case 'individual':
      return asked[0] === held[0] && asked.at(-1) === held.at(-1);
    case 'family': {
      // 'The Smith Family' names the Smiths.
      const surname = asked.filter((w) => !familyWords.has(w)).at(-1);
      return surname !== undefined && surname === held.at(-1);
    }
    case 'business': {
      const core = (words: string[]) => words.filter((w) => !businessForms.has(w)).join(' ');
      return core(asked) !== '' && core(asked) === core(held);
    }
  }
}
