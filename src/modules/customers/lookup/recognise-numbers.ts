import { normalisePhone, normaliseSsnLast4, normaliseZip } from '../../../crypto/index.ts';
import { attempt } from './attempt.ts';
import { recogniseDomesticArticle } from './recognise-identifiers.ts';
import type { SimpleInterpretation } from './types.ts';

/** Digits with the separators people put in phone numbers, ZIPs and tracking numbers. */
const numericPattern = /^\+?[\d\s().\-]*\d[\d\s().\-]*$/u;
/** A trailing phone extension ('x123', 'ext. 123', 'extension 12', '#12'): not part of the number we index. */
const extensionPattern = /\s*(?:x|ext\.?|extension|#)\s*\d{1,6}$/iu;
/** A whole SSN (123-45-6789). Never indexed nor searched for: only the last four are a key. */
const fullSsnPattern = /^\d{3}[\s-]\d{2}[\s-]\d{4}$/u;
const zip4Pattern = /^\d{5}[\s-]?\d{4}$/u;
/** The delivery-point ZIP of seed 001 ("11-digit ZIP Code"): ZIP+4 and the 2-digit delivery point. */
const zip11Pattern = /^\d{5}[\s-]?\d{4}[\s-]?\d{2}$/u;

/** Interpretations of text made of digits and separators, most likely first; [] when it is none of ours. */
export function recogniseNumber(text: string): SimpleInterpretation[] {
  const extension = extensionPattern.exec(text);
  const body = extension ? text.slice(0, extension.index) : text;
  if (!numericPattern.test(body)) return [];
  // Checked before anything else so that a pasted full SSN yields nothing at all,
  // not even an 'identifier' that would carry it to a search.
  if (fullSsnPattern.test(body)) return [];
  const digits = body.replace(/\D/gu, '');
  const bare = /^\d+$/u.test(body);
  const results: SimpleInterpretation[] = [];

  const phone = phoneShaped(body, digits) ? attempt(normalisePhone, body) : undefined;
  if (phone !== undefined) {
    // Formatting, a '+' or an extension is how people write phones; ten bare digits are
    // usually a phone too but could be any account number.
    results.push({ kind: 'phone', normalised: phone, confidence: bare && !extension ? 'likely' : 'exact' });
  }
  // An extension belongs only to a phone number.
  if (extension) return results;

  if (digits.length === 4 && bare) {
    const last4 = attempt(normaliseSsnLast4, body);
    // 000 lists "last four digits of SSN" as a key, but four digits are equally a house
    // number or the end of a phone number: offered as possible, and flagged so that the
    // caller never searches with it alone.
    if (last4 !== undefined) results.push({ kind: 'ssn_last4', normalised: last4, confidence: 'possible', alone: true });
  }
  if (digits.length === 5 && bare) results.push({ kind: 'zip', normalised: digits, confidence: 'likely' });
  if (digits.length === 9 && zip4Pattern.test(body)) {
    const zip4 = attempt(normaliseZip, body);
    if (zip4 !== undefined) results.push({ kind: 'zip4', normalised: zip4, confidence: bare ? 'likely' : 'exact' });
  }
  if (digits.length === 11 && zip11Pattern.test(body)) {
    // Eleven bare digits starting with 1 read first as a phone with its country code.
    results.push({ kind: 'zip11', normalised: digits, confidence: !bare ? 'exact' : phone === undefined ? 'likely' : 'possible' });
  }
  if (/^[\d\s-]+$/u.test(body)) {
    const article = recogniseDomesticArticle(digits);
    if (article) results.push(article);
    // 000 names "customer account number" and "other customer identifier" as keys with no
    // format of their own: any run of digits may be either, unless its format is certain
    // or it has the length of a tracking number.
    if (digits.length >= 4 && !article && !results.some((r) => r.confidence === 'exact')) {
      results.push({ kind: 'account_number', normalised: digits, confidence: 'possible' });
      results.push({ kind: 'identifier', normalised: digits, confidence: 'possible' });
    }
  }
  return results;
}

/** Ten digits, eleven starting with the US country code, or an explicit international '+'. */
function phoneShaped(body: string, digits: string): boolean {
  if (body.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  return digits.length === 10 || (digits.length === 11 && digits.startsWith('1'));
}
