import { normaliseIdentifier } from '../../../crypto/index.ts';
import { attempt } from './attempt.ts';
import { isS10 } from './s10.ts';
import type { SimpleInterpretation } from './types.ts';

/** Caseline's own case numbers, C-YYYY-NNNNNN; agents drop or double the hyphens, or type spaces. */
const casePattern = /^C[\s-]*(\d{4})[\s-]*(\d{6})$/iu;

/**
 * USPS Package Pickup confirmation numbers. Assumption (no published specification):
 * they read 'WTC' followed by a run of digits, 6 to 12 of them; the letters may be typed
 * in any case and the digits grouped with spaces or hyphens.
 */
const pickupPattern = /^WTC(\d{6,12})$/u;

/** Caseline customer ids are UUIDs; stored in the canonical lower-case hyphenated form. */
const uuidPattern = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})$/iu;

/**
 * Seed 002 retrieves direct-marketing records "by Standard Industry Code (SIC) or North
 * American Industry Classification System (NAISC) number". A bare 4-digit code would be
 * indistinguishable from an SSN last four or a house number, so the prefix is required.
 */
const industryPattern = /^(SIC|NAICS|NAISC)(?:\s*code)?\s*[:#-]?\s*(\d+)$/iu;

export function recogniseCaseNumber(text: string): SimpleInterpretation | undefined {
  const match = casePattern.exec(text);
  return match ? { kind: 'case_number', normalised: `C-${match[1]}-${match[2]}`, confidence: 'exact' } : undefined;
}

export function recogniseCustomerId(text: string): SimpleInterpretation | undefined {
  const match = uuidPattern.exec(text);
  return match ? { kind: 'customer_id', normalised: match.slice(1).join('-').toLowerCase(), confidence: 'exact' } : undefined;
}

export function recogniseIndustryCode(text: string): SimpleInterpretation | undefined {
  const match = industryPattern.exec(text);
  if (!match) return undefined;
  const scheme = match[1]!.toUpperCase() === 'SIC' ? 'sic' : 'naics';
  const digits = match[2]!;
  // SIC codes have 4 digits; NAICS codes 2 (sector) to 6 (national industry).
  const fits = scheme === 'sic' ? digits.length === 4 : digits.length >= 2 && digits.length <= 6;
  return fits ? { kind: 'sic_naics', normalised: digits, confidence: 'exact', scheme } : undefined;
}

/** An ungrouped, upper-cased candidate: what normaliseIdentifier makes of the text, if it is one token of letters and digits. */
export function compactIdentifier(text: string): string | undefined {
  const compact = attempt(normaliseIdentifier, text);
  return compact !== undefined && /^[A-Z0-9]+$/u.test(compact) ? compact : undefined;
}

export function recognisePickupNumber(compact: string): SimpleInterpretation | undefined {
  return pickupPattern.test(compact) ? { kind: 'pickup_number', normalised: compact, confidence: 'exact' } : undefined;
}

export function recogniseS10(compact: string): SimpleInterpretation | undefined {
  return isS10(compact) ? { kind: 'article_number', normalised: compact, confidence: 'exact' } : undefined;
}

/**
 * Domestic USPS article numbers, recognised by length and prefix only (their mod-10
 * check digit is not verified here): the 22-digit IMpb starting 91–95, the 20- and
 * 26-digit forms, and the scanned barcode forms that prefix the tracking number with
 * '420' and the destination ZIP (30 digits) or ZIP+4 (34 digits). For those the prefix
 * is dropped, because the tracking number is what the article is indexed by and what the
 * customer reads off the receipt.
 */
export function recogniseDomesticArticle(digits: string): SimpleInterpretation | undefined {
  const length = digits.length;
  if ((length === 30 || length === 34) && digits.startsWith('420')) {
    return { kind: 'article_number', normalised: digits.slice(length - 22), confidence: 'likely' };
  }
  if (length === 22) {
    const prefix = Number(digits.slice(0, 2));
    return { kind: 'article_number', normalised: digits, confidence: prefix >= 91 && prefix <= 95 ? 'likely' : 'possible' };
  }
  if (length === 20 || length === 21 || length === 26) return { kind: 'article_number', normalised: digits, confidence: 'likely' };
  if (length === 30 || length === 34) return { kind: 'article_number', normalised: digits, confidence: 'possible' };
  return undefined;
}
