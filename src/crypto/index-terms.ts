import { namePhoneticCodes } from './name-phonetic-codes.ts';
import { normaliseEmail } from './normalise-email.ts';
import { normaliseIdentifier } from './normalise-identifier.ts';
import { normaliseName } from './normalise-name.ts';
import { normalisePhone } from './normalise-phone.ts';
import { normaliseSsnLast4 } from './normalise-ssn-last4.ts';
import { normaliseZip } from './normalise-zip.ts';

/** The retrieval keys a blind index exists for; each has its own HMAC key. */
export const indexKinds = ['email', 'phone', 'zip', 'name', 'ssn_last4', 'identifier'] as const;
export type IndexKind = (typeof indexKinds)[number];

/**
 * A query is a list of groups: a record matches when it carries at least one term of
 * every group. One group of one term for exact keys; one group per name part, whose
 * terms are that part's phonetic codes, so 'Jon Smyth' needs both a Jon-like and a
 * Smyth-like part rather than either.
 */
export type QueryTerms = readonly (readonly string[])[];

const exactKinds = {
  email: normaliseEmail,
  phone: normalisePhone,
  ssn_last4: normaliseSsnLast4,
  identifier: normaliseIdentifier,
} as const;

function namePartTerms(part: string): string[] {
  const codes = namePhoneticCodes(part);
  // Prefixes keep a phonetic code from ever equalling a spelled-out part.
  return codes.length > 0 ? codes.map((code) => `phonetic:${code}`) : [`word:${part}`];
}

function nameQuery(value: string): string[][] {
  return [...new Set(normaliseName(value).split(' '))].map(namePartTerms);
}

/** The terms to index for a value; throws InvalidIndexValueError when it cannot be normalised. */
export function termsToStore(kind: IndexKind, value: string): string[] {
  switch (kind) {
    case 'zip': {
      // A ZIP+4 is also indexed under its 5-digit ZIP, so a ZIP query finds it.
      const zip = normaliseZip(value);
      return zip.length === 9 ? [zip.slice(0, 5), zip] : [zip];
    }
    case 'name':
      return [...new Set(nameQuery(value).flat())];
    default:
      return [exactKinds[kind](value)];
  }
}

/** The terms to look a value up with (see QueryTerms). */
export function termsToQuery(kind: IndexKind, value: string): QueryTerms {
  switch (kind) {
    case 'zip':
      return [[normaliseZip(value)]];
    case 'name':
      return nameQuery(value);
    default:
      return [[exactKinds[kind](value)]];
  }
}
