/**
 * The address block of a letter, as USPS Publication 28 wants it read by its sorting
 * machines: upper case, no punctuation (Pub 28, 231: except the ZIP+4 hyphen and the few
 * marks that are part of an address number, which the stored Publication 28 form keeps —
 * '#' standing for an unknown unit designator, the '/' of 101 1/2, the '.' of 39.2 RD and
 * the '-' of 289-01), at most five lines of at most 40 characters, and the firm, delivery
 * and city/state/ZIP lines as the last three (Pub 28, 34).
 */

/** The parts of a stored Publication 28 mailing address the block needs (a customer's NormalisedAddress fits). */
export interface MailingAddress {
  /** e.g. '123 N MAIN ST APT 4B', 'PO BOX 12'. */
  readonly deliveryLine: string;
  readonly unitDesignator: string | null;
  readonly unitNumber: string | null;
  readonly city: string;
  readonly state: string;
  readonly zip5: string;
  readonly zip4: string | null;
}

export interface Addressee {
  readonly kind: 'person' | 'organisation';
  /** The person's or the organisation's name. */
  readonly name: string;
  /** For an organisation: the key contact the letter is for ("ATTN" line), if any. */
  readonly attention?: string | null;
  readonly address: MailingAddress;
}

export const maxBlockLines = 5;
export const maxLineLength = 40;

/** Pub 28, 231 for a name line: diacritics dropped, upper case, every mark gone ("O'NEIL" is ONEIL, "SMITH-JONES" SMITH JONES). */
export function cleanNameLine(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/['’.]/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/**
 * A delivery line in Pub 28, 231 form: upper case, '#' a word of its own, '/', '.' and '-'
 * only between two letters or digits of one word, every other mark a space.
 */
export function cleanDeliveryLine(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/#/g, ' # ')
    .replace(/[^A-Z0-9#./-]+/g, ' ')
    .replace(/(?<![A-Z0-9])[./-]+|[./-]+(?![A-Z0-9])/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The longest run of whole words that fits (a single word longer than the line is cut). */
function fit(line: string, max: number): string {
  if (line.length <= max) return line;
  const words = line.split(' ');
  let out = '';
  for (const word of words) {
    const next = out === '' ? word : `${out} ${word}`;
    if (next.length > max) break;
    out = next;
  }
  return out === '' ? line.slice(0, max) : out;
}

/**
 * Pub 28, 224: CITY ST 12345-6789, one space apart. A city too long for the line is cut to
 * whole words (USPS' 13-character city abbreviations are not in this table).
 */
export function lastLine(address: Pick<MailingAddress, 'city' | 'state' | 'zip5' | 'zip4'>): string {
  const zip = address.zip4 ? `${address.zip5}-${address.zip4}` : address.zip5;
  const state = cleanNameLine(address.state).replace(/ /g, '').slice(0, 2);
  const city = fit(cleanNameLine(address.city).replace(/[0-9]/g, '').replace(/\s+/g, ' ').trim(), maxLineLength - zip.length - 4);
  return `${city} ${state} ${zip}`;
}

/**
 * The delivery line, and the secondary unit on the line above it when both do not fit on
 * one line (Pub 28, 213: "if the secondary information cannot fit on the delivery line,
 * place it on the line immediately above").
 */
function deliveryLines(address: MailingAddress): string[] {
  const line = cleanDeliveryLine(address.deliveryLine);
  if (line.length <= maxLineLength) return [line];
  const secondary = cleanDeliveryLine([address.unitDesignator, address.unitNumber].filter((p) => p !== null).join(' '));
  if (secondary !== '' && line.endsWith(` ${secondary}`)) {
    const primary = line.slice(0, -secondary.length - 1);
    return [fit(secondary, maxLineLength), fit(primary, maxLineLength)];
  }
  return [fit(line, maxLineLength)];
}

/** The lines of the address block, top to bottom. */
export function addressBlock(addressee: Addressee): string[] {
  const name = fit(cleanNameLine(addressee.name), maxLineLength);
  const contact = addressee.kind === 'organisation' && addressee.attention ? cleanNameLine(addressee.attention) : '';
  const attention = contact === '' ? '' : fit(`ATTN ${contact}`, maxLineLength);
  const lines = [attention, name, ...deliveryLines(addressee.address), lastLine(addressee.address)].filter((line) => line !== '');
  // Pub 28, 34: the optional lines go first when lines must be removed; at most the attention line is optional here.
  return lines.length > maxBlockLines ? lines.slice(lines.length - maxBlockLines) : lines;
}
