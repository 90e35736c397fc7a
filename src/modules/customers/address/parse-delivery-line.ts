import { AddressError } from './address-error.ts';
import type { DeliveryLineParts } from './delivery-line-parts.ts';
import { directionals } from './directionals.ts';
import { secondaryUnitDesignators } from './secondary-unit-designators.ts';
import { streetSuffixes } from './street-suffixes.ts';

type Phrase = readonly string[];

/** Pub 28, 281 and 283: box addresses are written PO BOX, including those worded CALLER, FIRM CALLER, BIN, LOCKBOX or DRAWER. */
const poBoxPhrases: readonly Phrase[] = [
  ['POST', 'OFFICE', 'BOX'],
  ['PO', 'BOX'],
  ['P', 'O', 'BOX'],
  ['POST', 'BOX'],
  ['POBOX'],
  ['POB'],
  ['PO', 'DRAWER'],
  ['DRAWER'],
  ['LOCK', 'BOX'],
  ['LOCKBOX'],
  ['FIRM', 'CALLER'],
  ['CALLER'],
  ['BIN'],
  ['BOX'],
];

/** Pub 28, 244: RURAL ROUTE, RFD and RD designations are written RR; a bare ROUTE followed by a number and a box reads the same way. */
const ruralRoutePhrases: readonly Phrase[] = [
  ['RURAL', 'FREE', 'DELIVERY'],
  ['RURAL', 'ROUTE'],
  ['RURAL', 'RTE'],
  ['RFD', 'ROUTE'],
  ['RR'],
  ['RFD'],
  ['RD'],
  ['ROUTE'],
  ['RTE'],
];

/** Pub 28, 254: HIGHWAY CONTRACT and STAR ROUTE designations are written HC. */
const highwayContractPhrases: readonly Phrase[] = [
  ['HIGHWAY', 'CONTRACT', 'ROUTE'],
  ['HIGHWAY', 'CONTRACT'],
  ['HWY', 'CONTRACT'],
  ['STAR', 'ROUTE'],
  ['STAR', 'RTE'],
  ['HCR'],
  ['HC'],
];

/** Pub 28, 238: military delivery lines name a unit, postal service center or mail room, then a box. */
const militaryPhrases: readonly Phrase[] = [['UNIT'], ['PSC'], ['CMR']];

type RouteKind = 'rural-route' | 'highway-contract' | 'military';

const routes: ReadonlyArray<readonly [RouteKind, readonly Phrase[]]> = [
  ['rural-route', ruralRoutePhrases],
  ['highway-contract', highwayContractPhrases],
  ['military', militaryPhrases],
];

const boxPhrases: readonly Phrase[] = [['PO', 'BOX'], ['BOX']];

/** How many leading tokens the longest matching phrase covers, or 0. Phrase lists are ordered longest first. */
function matchPhrase(tokens: readonly string[], at: number, phrases: readonly Phrase[]): number {
  const phrase = phrases.find((words) => words.every((word, i) => tokens[at + i] === word));
  return phrase?.length ?? 0;
}

const isNumberish = (token: string | undefined): token is string => token !== undefined && /^[A-Z0-9-]*\d[A-Z0-9-]*$/.test(token);

function parseBox(tokens: readonly string[]): DeliveryLineParts | null {
  const length = matchPhrase(tokens, 0, poBoxPhrases);
  const box = tokens[length];
  if (length === 0 || !isNumberish(box)) return null;
  if (tokens.length > length + 1) throw new AddressError('lines', 'has unexpected words after the PO box number');
  return boxLine('po-box', 'PO BOX', box);
}

function parseRoute(tokens: readonly string[], kind: RouteKind, phrases: readonly Phrase[]): DeliveryLineParts | null {
  const length = matchPhrase(tokens, 0, phrases);
  const routeNumber = tokens[length];
  if (length === 0 || !isNumberish(routeNumber)) return null;
  const boxLength = matchPhrase(tokens, length + 1, boxPhrases);
  const box = tokens[length + 1 + boxLength];
  // Pub 28, 241, 251 and 238: the box number is part of the route address, and nothing else follows it.
  if (boxLength === 0 || !isNumberish(box)) throw new AddressError('lines', 'route address has no box number');
  if (tokens.length > length + 2 + boxLength) throw new AddressError('lines', 'has unexpected words after the route box number');
  const designation = kind === 'rural-route' ? 'RR' : kind === 'highway-contract' ? 'HC' : (tokens[0] ?? '');
  return boxLine(kind, `${designation} ${routeNumber}`, box);
}

/** Box and route lines have no directionals, suffix or unit. */
function boxLine(kind: DeliveryLineParts['kind'], streetName: string, primaryNumber: string): DeliveryLineParts {
  return {
    kind,
    primaryNumber,
    preDirectional: null,
    streetName,
    suffix: null,
    postDirectional: null,
    unitDesignator: null,
    unitNumber: null,
  };
}

/**
 * Takes the secondary unit off the end of a street address (Pub 28, 213 and Appendix C2): a designator and its range,
 * '#' and a range when the designator is unknown, or a designator that needs no range (REAR). One word is always left
 * for the street name, so "100 FRONT ST" keeps FRONT as its name.
 */
function takeUnit(tokens: string[]): { designator: string; number: string | null } | null {
  const n = tokens.length;
  const last = tokens[n - 1];
  const beforeLast = tokens[n - 2];
  if (last === undefined || beforeLast === undefined) return null;
  const ranged = beforeLast === '#' ? '#' : secondaryUnitDesignators.get(beforeLast)?.abbreviation;
  // A range is never itself a designator (OCEAN KEY REAR is a REAR unit), and KEY, also a C1 suffix, only
  // introduces a range with a digit in it, so OCEAN KEY N stays a suffix and a postdirectional.
  const isRange = !secondaryUnitDesignators.has(last) && (/\d/.test(last) || !streetSuffixes.has(beforeLast));
  if (ranged !== undefined && isRange && n >= 3) {
    tokens.splice(n - 2, 2);
    // "APT # 4" names its designator, so the '#' is redundant; "OCEAN KEY # 4" keeps KEY as the street suffix.
    const word = tokens[n - 3];
    const named =
      ranged === '#' && n >= 4 && word !== undefined && !streetSuffixes.has(word) ? secondaryUnitDesignators.get(word) : undefined;
    if (named !== undefined) tokens.splice(n - 3, 1);
    return { designator: named?.abbreviation ?? ranged, number: last };
  }
  const standalone = secondaryUnitDesignators.get(last);
  if (standalone !== undefined && !standalone.requiresRange) {
    tokens.pop();
    return { designator: standalone.abbreviation, number: null };
  }
  return null;
}

function parseStreet(tokens: readonly string[]): DeliveryLineParts {
  const [first, second] = tokens;
  if (first === undefined || !/^\d/.test(first)) throw new AddressError('lines', 'has no primary address number');
  // Pub 28, 231: a fraction belongs to the primary number (101 1/2 MAIN ST).
  const fraction = second !== undefined && /^\d+\/\d+$/.test(second);
  const primaryNumber = fraction ? `${first} ${second}` : first;
  const body = tokens.slice(fraction ? 2 : 1);

  const unit = takeUnit(body);
  // Pub 28, 231: parse from the right. A trailing directional is a postdirectional when it follows a suffix or a
  // name word; two directionals in a row (NORTH WEST) are a predirectional and a directional street name.
  let postDirectional: string | null = null;
  const last = body.at(-1);
  const beforeLast = body.at(-2);
  if (last !== undefined && beforeLast !== undefined && directionals.has(last) && !directionals.has(beforeLast)) {
    postDirectional = directionals.get(body.pop() ?? '') ?? null;
  }
  // Pub 28, 234 and Appendix C1: only the last suffix word is abbreviated; a suffix word that is the whole name (AVENUE N) stays.
  let suffix: string | null = null;
  const suffixWord = body.at(-1);
  if (body.length >= 2 && suffixWord !== undefined && streetSuffixes.has(suffixWord)) {
    suffix = streetSuffixes.get(body.pop() ?? '') ?? null;
  }
  // Pub 28, 233: a directional that is the only word left is the street name itself (NORTH AVE) and is not abbreviated.
  let preDirectional: string | null = null;
  const directionalWord = body[0];
  if (body.length >= 2 && directionalWord !== undefined && directionals.has(directionalWord)) {
    preDirectional = directionals.get(body.shift() ?? '') ?? null;
  }
  if (body.length === 0) throw new AddressError('lines', 'has no street name');
  if (body.includes('#')) throw new AddressError('lines', "has a '#' without a unit number after it");
  return {
    kind: 'street',
    primaryNumber,
    preDirectional,
    streetName: body.join(' '),
    suffix,
    postDirectional,
    unitDesignator: unit?.designator ?? null,
    unitNumber: unit?.number ?? null,
  };
}

/** Splits a route or box designation written against its number ("RR2", "HC68", "POB12") into two words. */
function splitGluedDesignation(tokens: readonly string[]): string[] {
  const [first, ...rest] = tokens;
  const glued = first === undefined ? null : /^(RR|RFD|HC|HCR|POB)(\d+)$/.exec(first);
  return glued?.[1] !== undefined && glued[2] !== undefined ? [glued[1], glued[2], ...rest] : [...tokens];
}

/** Parses the words of a cleaned delivery address line into its Pub 28 components. */
export function parseDeliveryLine(words: readonly string[]): DeliveryLineParts {
  const tokens = splitGluedDesignation(words);
  if (tokens.length === 0) throw new AddressError('lines', 'is required');
  for (const [kind, phrases] of routes) {
    const parts = parseRoute(tokens, kind, phrases);
    if (parts !== null) return parts;
  }
  return parseBox(tokens) ?? parseStreet(tokens);
}
