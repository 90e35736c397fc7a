/**
 * A business mailer's drop-ship (destination entry) codes: where it enters its mail into the
 * USPS network. The form is ours (USPS publishes facility lists, not a code syntax): the
 * entry facility type — DNDC (destination network distribution center), DSCF (destination
 * sectional center facility) or DDU (destination delivery unit) — a colon, and the facility
 * as a 5-digit ZIP Code or as a 6-character FAST locale key (a letter, then 5 letters or
 * digits). Typed with a space or hyphen for the colon and in any case, e.g. 'ddu 20260'.
 */
export const entryFacilityTypes = ['DNDC', 'DSCF', 'DDU'] as const;
export type EntryFacilityType = (typeof entryFacilityTypes)[number];

const pattern = /^(DNDC|DSCF|DDU)[\s:-]*([0-9]{5}|[A-Z][A-Z0-9]{5})$/u;

/** The code in its stored form ('DDU:20260'), or null when it is not one. */
export function normaliseDropShipCode(text: string): string | null {
  const match = pattern.exec(text.trim().toUpperCase());
  return match ? `${match[1]}:${match[2]}` : null;
}
