import { AddressError } from './address-error.ts';
import { cleanText } from './clean-text.ts';
import type { DeliveryLineParts } from './delivery-line-parts.ts';
import type { NormalisedAddress } from './normalised-address.ts';
import { normaliseCity } from './normalise-city.ts';
import { normaliseState } from './normalise-state.ts';
import { parseDeliveryLine } from './parse-delivery-line.ts';
import { parseZip } from './parse-zip.ts';
import { secondaryUnitDesignators } from './secondary-unit-designators.ts';

export interface AddressInput {
  /** The delivery address lines only (no addressee or firm name), as one string or several. */
  readonly lines: readonly string[] | string;
  readonly city: string;
  readonly state: string;
  readonly zip: string;
}

/** Pub 28, 225: military addresses use APO, FPO or DPO as the city with the AA, AE or AP state code, and only then. */
const militaryCities = new Set(['APO', 'FPO', 'DPO']);
const militaryStates = new Set(['AA', 'AE', 'AP']);

/**
 * Pub 28, 213: secondary information belongs on the delivery line, so a line holding only a unit ("STE 400") is
 * moved after the street line whichever side of it the caller wrote it.
 */
function deliveryWords(lines: readonly string[] | string): string[] {
  const cleaned = (typeof lines === 'string' ? [lines] : lines).map((line) => cleanText(line).split(' ').filter(Boolean));
  const isUnitLine = (words: readonly string[]) =>
    cleaned.length > 1 && words.length <= 3 && (words[0] === '#' || secondaryUnitDesignators.has(words[0] ?? ''));
  return [...cleaned.filter((words) => !isUnitLine(words)), ...cleaned.filter(isUnitLine)].flat();
}

/** Pub 28, 231: components separated by one space, in order; route and box lines read as Pub 28, 241, 251 and 281 print them. */
function formatDeliveryLine(parts: DeliveryLineParts): string {
  if (parts.kind === 'po-box') return `PO BOX ${parts.primaryNumber}`;
  if (parts.kind !== 'street') return `${parts.streetName} BOX ${parts.primaryNumber}`;
  return [
    parts.primaryNumber,
    parts.preDirectional,
    parts.streetName,
    parts.suffix,
    parts.postDirectional,
    parts.unitDesignator,
    parts.unitNumber,
  ]
    .filter((part) => part !== null)
    .join(' ');
}

/** Standardises a US mailing address to Pub 28 form, or throws an AddressError naming the field at fault. */
export function normaliseAddress(input: AddressInput): NormalisedAddress {
  const parts = parseDeliveryLine(deliveryWords(input.lines));
  const city = normaliseCity(input.city);
  const state = normaliseState(input.state);
  const { zip5, zip4, deliveryPoint } = parseZip(input.zip);
  if (militaryStates.has(state) && !militaryCities.has(city))
    throw new AddressError('city', 'must be APO, FPO or DPO for a military state code');
  if (militaryCities.has(city) && !militaryStates.has(state))
    throw new AddressError('state', 'must be AA, AE or AP for a military address');
  // Pub 28, 224: city, state and ZIP Code on one line, one space apart, with the hyphen only inside ZIP+4.
  const lastLine = `${city} ${state} ${zip5}${zip4 === null ? '' : `-${zip4}`}`;
  return { ...parts, city, state, zip5, zip4, deliveryPoint, deliveryLine: formatDeliveryLine(parts), lastLine };
}
