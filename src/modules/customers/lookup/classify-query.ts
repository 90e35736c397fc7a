import { normaliseEmail } from '../../../crypto/index.ts';
import { attempt } from './attempt.ts';
import {
  compactIdentifier,
  recogniseCaseNumber,
  recogniseCustomerId,
  recogniseIndustryCode,
  recognisePickupNumber,
  recogniseS10,
} from './recognise-identifiers.ts';
import { recogniseName, recogniseNameWithNumber } from './recognise-names.ts';
import { recogniseNumber } from './recognise-numbers.ts';
import type { Confidence, QueryInterpretation } from './types.ts';

/** Longer input is not a lookup key but a pasted paragraph; refusing it keeps the regexes cheap. */
const MAX_QUERY_LENGTH = 256;
const rank: Readonly<Record<Confidence, number>> = { exact: 0, likely: 1, possible: 2 };

/**
 * What the agent typed into the 'find customer' box, as candidate retrieval keys, most
 * likely first (ties keep the order of the recognisers). [] when the text is none of the
 * keys the notices allow. Never throws: nothing here should fail on what a person pastes.
 */
export function classifyQuery(text: string): QueryInterpretation[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > MAX_QUERY_LENGTH) return [];
  return [...interpret(trimmed)].sort((a, b) => rank[a.confidence] - rank[b.confidence]);
}

function interpret(text: string): QueryInterpretation[] {
  if (text.includes('@')) return email(text);
  const certain = recogniseIndustryCode(text) ?? recogniseCustomerId(text) ?? recogniseCaseNumber(text);
  if (certain) return [certain];

  const compact = compactIdentifier(text);
  const identifier = compact === undefined ? undefined : (recognisePickupNumber(compact) ?? recogniseS10(compact));
  if (identifier) return [identifier];

  const numeric = recogniseNumber(text);
  if (numeric.length > 0) return numeric;
  // Digits that are not a number we know (a pasted full SSN, a phone extension on a
  // non-phone) must not fall through to the generic identifier below.
  if (/^[\d\s().+\-]+$/u.test(text) || /^[\d\s().+\-]+(?:x|ext\.?|extension|#)\s*\d+$/iu.test(text)) return [];

  const combined = recogniseNameWithNumber(text);
  if (combined) return [combined];
  const name = recogniseName(text);
  if (name) return [name];

  // 000's "other customer identifier": one token of letters and digits, such as an
  // S10-shaped number whose check digit is wrong or a permit number. Text with spaces
  // is not one token: squashing '1600 Pennsylvania Ave' into one would search garbage.
  if (compact !== undefined && !/\s/u.test(text) && /\d/u.test(compact))
    return [{ kind: 'identifier', normalised: compact, confidence: 'possible' }];
  return [];
}

/** One '@' and a dot in the domain, then whatever the crypto normaliser accepts. */
function email(text: string): QueryInterpretation[] {
  const at = text.indexOf('@');
  if (at !== text.lastIndexOf('@') || !text.slice(at + 1).includes('.')) return [];
  const normalised = attempt(normaliseEmail, text);
  return normalised === undefined ? [] : [{ kind: 'email', normalised, confidence: 'exact' }];
}
