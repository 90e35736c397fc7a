import type { ArticleNumber } from './article-number.ts';
import { normaliseArticleNumber } from './normalise-article-number.ts';
import { impbLengths, parseImpb } from './parse-impb.ts';
import { parseLegacy20 } from './parse-legacy20.ts';
import { parseS10 } from './parse-s10.ts';

const s10Length = 13;
const legacyLength = 20;
const lengths = [s10Length, legacyLength, ...impbLengths].join(', ');

/** Reads an IMpb, legacy 20-digit or UPU S10 article number as typed; never throws, however odd the input. */
export function parseArticleNumber(text: string): ArticleNumber {
  const normalised = normaliseArticleNumber(text);
  const invalid = (reason: string): ArticleNumber => ({ kind: 'invalid', reason, normalised });
  if (normalised === '') return invalid('no article number given');
  const stray = /[^0-9A-Z]/u.exec(normalised);
  if (stray !== null) return invalid(`'${stray[0]}' is not a digit or letter`);
  if (/[A-Z]/.test(normalised)) {
    if (normalised.length !== s10Length)
      return invalid(`only S10 numbers have letters, and they are 13 characters, not ${normalised.length}`);
    const s10 = parseS10(normalised);
    return 'reason' in s10 ? invalid(s10.reason) : s10;
  }
  if (normalised.length === legacyLength) {
    const legacy = parseLegacy20(normalised);
    return 'reason' in legacy ? invalid(legacy.reason) : legacy;
  }
  if (impbLengths.includes(normalised.length)) return parseImpb(normalised);
  return invalid(`length ${normalised.length} is not an article number length (${lengths})`);
}
