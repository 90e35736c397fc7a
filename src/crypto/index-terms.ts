import { InvalidIndexValueError } from './errors.ts';
import { namePhoneticCodes } from './name-phonetic-codes.ts';
import { normaliseEmail } from './normalise-email.ts';
import { normaliseIdentifier } from './normalise-identifier.ts';
import { normaliseName } from './normalise-name.ts';
import { normalisePhone } from './normalise-phone.ts';
import { normaliseSsnLast4 } from './normalise-ssn-last4.ts';
import { normaliseZip } from './normalise-zip.ts';

/**
 * Identifiers of the notices, each its own kind so that an account number never finds a
 * customer whose mailer ID happens to have the same digits.
 */
export const identifierKinds = [
  'identifier',
  'customer_number',
  'account_number',
  'business_customer_number',
  'mailer_id',
  'publisher_id',
  'logon_id',
  'duns_number',
  'sic_naics',
] as const;
export type IdentifierKind = (typeof identifierKinds)[number];

/** Numbers of things a customer sent, ordered or had picked up, linked to their cases. */
export const itemKinds = ['article_number', 'order_number', 'pickup_number'] as const;
export type ItemKind = (typeof itemKinds)[number];

/** The retrieval keys a blind index exists for; each has its own HMAC key. */
export const indexKinds = ['email', 'phone', 'zip', 'name', 'ssn_last4', 'address', ...identifierKinds, ...itemKinds] as const;
export type IndexKind = (typeof indexKinds)[number];

/**
 * The version of each kind's terms (1 when not listed). Raise it when termsToStore changes
 * for a kind: digests stored before then lack the new terms, and the module holding the
 * values re-indexes them (customers: refreshIndexTerms).
 */
export const indexTermsVersion: Readonly<Partial<Record<IndexKind, number>>> = { name: 2 };

/**
 * A query is a list of groups: a record matches when it carries at least one term of
 * every group. One group of one term for exact keys; for a name, one group per pair of
 * parts (see nameQuery), whose terms are the pairs of those parts' phonetic codes, so
 * 'Jon Smyth' needs a Jon-like and a Smyth-like part together rather than either.
 */
export type QueryTerms = readonly (readonly string[])[];

/**
 * A mailing address arrives already in its Publication 28 form (the customers module
 * normalises it, with its ZIP): here it is only folded, so that its two spellings agree.
 */
function normaliseAddressKey(value: string): string {
  const folded = value.normalize('NFKC').toUpperCase().replace(/\s+/gu, ' ').trim();
  if (folded === '') throw new InvalidIndexValueError('address', 'the address is empty');
  return folded;
}

const exactKinds: Record<Exclude<IndexKind, 'zip' | 'name'>, (value: string) => string> = {
  email: normaliseEmail,
  phone: normalisePhone,
  ssn_last4: normaliseSsnLast4,
  address: normaliseAddressKey,
  ...(Object.fromEntries([...identifierKinds, ...itemKinds].map((kind) => [kind, normaliseIdentifier])) as Record<
    IdentifierKind | ItemKind,
    typeof normaliseIdentifier
  >),
};

function namePartTerms(part: string): string[] {
  const codes = namePhoneticCodes(part);
  // Prefixes keep a phonetic code from ever equalling a spelled-out part.
  return codes.length > 0 ? codes.map((code) => `phonetic:${code}`) : [`word:${part}`];
}

/**
 * Words that say what kind of company a name is, not which: 'Globex Corp' and 'Globex
 * Corporation' are one company, and requiring every word to match would part them.
 */
const companyDesignators = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'llc',
  'llp',
  'lp',
  'ltd',
  'limited',
  'plc',
]);

/** The parts of a name that say who it is, in order, without repeats. */
function nameParts(value: string): string[] {
  const parts = [...new Set(normaliseName(value).split(' '))];
  const distinctive = parts.filter((part) => !companyDesignators.has(part));
  return distinctive.length > 0 ? distinctive : parts;
}

/**
 * Pairs are formed among the first few parts only: a long company name would otherwise
 * store dozens of pair rows, and its first words are the ones people type.
 */
const pairedParts = 6;

/**
 * A term for two parts that sound like these two, in either order. One given name or one
 * surname is shared by tens of thousands of people in a large registry, a pair by a
 * handful: querying a full name by its pairs reads a handful of index rows instead of two
 * whole name blocks.
 */
function pairTerms(a: readonly string[], b: readonly string[]): string[] {
  return a.flatMap((x) => b.map((y) => `pair:${x < y ? `${x}|${y}` : `${y}|${x}`}`));
}

function nameTermsToStore(value: string): string[] {
  const parts = nameParts(value).map(namePartTerms);
  const paired = parts.slice(0, pairedParts);
  const pairs = paired.flatMap((a, i) => paired.slice(i + 1).flatMap((b) => pairTerms(a, b)));
  return [...new Set([...parts.flat(), ...pairs])];
}

/**
 * One part alone is looked up by its phonetic codes; a name of several parts by the pairs
 * its first part forms with each other part, so every part must still sound alike, as
 * before, but each group is as selective as an exact key.
 */
function nameQuery(value: string): string[][] {
  const parts = nameParts(value).map(namePartTerms);
  if (parts.length < 2) return parts;
  const [first, ...rest] = parts.slice(0, pairedParts);
  return rest.map((other) => pairTerms(first!, other));
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
      return nameTermsToStore(value);
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
