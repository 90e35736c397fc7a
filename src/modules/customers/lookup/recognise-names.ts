import { normaliseName, normaliseSsnLast4, normaliseZip } from '../../../crypto/index.ts';
import { attempt } from './attempt.ts';
import type { CompoundInterpretation, SimpleInterpretation } from './types.ts';

/** Letters (with their accents), spaces, apostrophes, hyphens and periods: "Mary-Jo O'Neil Jr." */
const namePart = String.raw`[\p{L}\p{M}][\p{L}\p{M}\s'’.\-]*`;
/** A name, or 'Last, First' with one comma. */
const namePattern = new RegExp(String.raw`^(${namePart})(?:,\s*(${namePart}))?$`, 'u');
/** A name followed by a ZIP (5 or ZIP+4) or by four digits. */
const nameWithNumberPattern = new RegExp(String.raw`^(${namePart}(?:,\s*${namePart})?)\s+(\d{5}(?:-?\d{4})?|\d{4})$`, 'u');

/** A personal or company name (002: "company name"), 'Last, First' read as 'First Last'. */
export function recogniseName(text: string): SimpleInterpretation | undefined {
  const match = namePattern.exec(text);
  if (!match) return undefined;
  const [, before, after] = match;
  const ordered = after === undefined ? before! : `${after} ${before!}`;
  const normalised = attempt(normaliseName, ordered);
  return normalised === undefined ? undefined : { kind: 'name', normalised, confidence: 'likely' };
}

/**
 * 'Smith 20260' or 'John Smith 4821': 000 verifies identity by the last four of the SSN
 * together with a name, so the two are searched together rather than offered apart.
 */
export function recogniseNameWithNumber(text: string): CompoundInterpretation | undefined {
  const match = nameWithNumberPattern.exec(text);
  if (!match) return undefined;
  const name = recogniseName(match[1]!.trim());
  const number = match[2]!;
  if (!name) return undefined;
  let part: SimpleInterpretation;
  if (number.length === 4) {
    const last4 = attempt(normaliseSsnLast4, number);
    if (last4 === undefined) return undefined;
    part = { kind: 'ssn_last4', normalised: last4, confidence: 'likely' };
  } else {
    const zip = attempt(normaliseZip, number);
    if (zip === undefined) return undefined;
    part = { kind: zip.length === 5 ? 'zip' : 'zip4', normalised: zip, confidence: 'likely' };
  }
  return {
    kind: 'compound',
    combination: part.kind === 'ssn_last4' ? 'name_with_ssn_last4' : 'name_with_zip',
    parts: [name, part],
    normalised: `${name.normalised} + ${part.normalised}`,
    confidence: 'likely',
  };
}
