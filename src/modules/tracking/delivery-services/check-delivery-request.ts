import { AddressError, normaliseAddress, type AddressInput, type NormalisedAddress } from '../../customers/index.ts';
import { parseArticleNumber } from '../article-numbers/index.ts';
import { dayNumber, InvalidField, isoDate, oneOf, parseIsoDate } from '../check-fields.ts';
import { dateOfDayNumber, isDeliveryHoliday, nextDeliveryDay, todayNumber, weekdayOf } from './delivery-calendar.ts';
import {
  contactMeans,
  premisesLocations,
  redeliveryOptions,
  whenAbsentOptions,
  type ContactMeans,
  type DeliveryDay,
  type DeliveryPreferencesInput,
  type NewPickup,
  type NewRedelivery,
  type PremisesLocation,
  type RedeliveryOption,
  type WhenAbsent,
} from './delivery-services.ts';
import { normaliseDropShipCode } from './drop-ship-code.ts';

/** A value the request cannot take, e.g. 'date' or 'articleNumbers/1'. */
export class InvalidDeliveryField extends InvalidField {}

/**
 * usps.com schedules a redelivery or a pickup for the next day at the earliest (a same-day
 * request cannot reach the carrier's route before it leaves) and up to 30 days ahead;
 * carriers do not deliver or pick up on Sundays. Pickups are also refused on federal
 * holidays; redelivery dates follow USPS Redelivery's own rule, Sundays only.
 */
export const maxDaysAhead = 30;
export const maxArticleNumbers = 20;
export const maxPackages = 99;
/** USPS's weight limit for one package, in pounds: the estimated total cannot exceed it per package. */
export const maxPoundsPerPackage = 70;
export const maxInstructionsLength = 500;
export const maxDropShipCodes = 50;

function instructionsOf(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  if (text.length > maxInstructionsLength)
    throw new InvalidDeliveryField('instructions', `must be at most ${maxInstructionsLength} characters`);
  return text;
}

/** The address as given, standardised; null when none was given (the customer's address of record is used). */
function addressOf(input: AddressInput | null | undefined): NormalisedAddress | null {
  if (input == null) return null;
  try {
    return normaliseAddress(input);
  } catch (error) {
    if (error instanceof AddressError) throw new InvalidDeliveryField(`address/${error.field}`, error.reason);
    throw error;
  }
}

/** Normalised article numbers, each's check digit verified, without repeats. */
export function checkArticleNumbers(values: readonly string[]): string[] {
  if (values.length > maxArticleNumbers) throw new InvalidDeliveryField('articleNumbers', `must be at most ${maxArticleNumbers}`);
  const numbers: string[] = [];
  values.forEach((value, i) => {
    const parsed = parseArticleNumber(value);
    if (parsed.kind === 'invalid') throw new InvalidDeliveryField(`articleNumbers/${i}`, 'is not a valid article number');
    if (parsed.kind === 'ambiguous')
      throw new InvalidDeliveryField(`articleNumbers/${i}`, 'could be more than one article number: type it whole');
    if (!numbers.includes(parsed.normalised)) numbers.push(parsed.normalised);
  });
  return numbers;
}

export interface CheckedRedelivery {
  readonly articleNumbers: readonly string[];
  readonly date: string;
  readonly option: RedeliveryOption;
  readonly address: NormalisedAddress | null;
  readonly location: PremisesLocation | null;
  readonly instructions: string | null;
}

/** Validates a redelivery request; InvalidDeliveryField names the first bad field. `now` and `timeZone` give today. Pure. */
export function checkRedelivery(input: NewRedelivery, now: Date, timeZone: string): CheckedRedelivery {
  const articleNumbers = checkArticleNumbers(input.articleNumbers);
  if (articleNumbers.length === 0)
    throw new InvalidDeliveryField('articleNumbers', 'must hold the article number on the notice left (PS Form 3849)');
  const today = todayNumber(now, timeZone);
  const day = dayNumber(parseIsoDate(InvalidDeliveryField, 'date', input.date));
  if (day <= today) throw new InvalidDeliveryField('date', 'must be tomorrow or later');
  if (day > today + maxDaysAhead) throw new InvalidDeliveryField('date', `must be at most ${maxDaysAhead} days ahead`);
  if (weekdayOf(day) === 0) throw new InvalidDeliveryField('date', 'must not be a Sunday');
  const option = oneOf(InvalidDeliveryField, 'option', input.option, redeliveryOptions);
  const location = input.location == null ? null : oneOf(InvalidDeliveryField, 'location', input.location, premisesLocations);
  const instructions = instructionsOf(input.instructions);
  if (option === 'post_office' && location !== null) throw new InvalidDeliveryField('location', 'is for delivery to the address only');
  if (option === 'post_office' && instructions !== null)
    throw new InvalidDeliveryField('instructions', 'are for delivery to the address only');
  return { articleNumbers, date: input.date, option, address: addressOf(input.address), location, instructions };
}

export interface CheckedPickup {
  readonly articleNumbers: readonly string[];
  readonly date: string;
  readonly packageCount: number;
  readonly totalWeightLb: number;
  readonly location: PremisesLocation;
  readonly address: NormalisedAddress | null;
  readonly instructions: string | null;
}

/** Validates a pickup request; InvalidDeliveryField names the first bad field. Pure. */
export function checkPickup(input: NewPickup, now: Date, timeZone: string): CheckedPickup {
  const today = todayNumber(now, timeZone);
  const day = dayNumber(parseIsoDate(InvalidDeliveryField, 'date', input.date));
  const earliest = nextDeliveryDay(today);
  if (day < earliest)
    throw new InvalidDeliveryField('date', `must be the next delivery day (${isoDate(dateOfDayNumber(earliest))}) or later`);
  if (day > today + maxDaysAhead) throw new InvalidDeliveryField('date', `must be at most ${maxDaysAhead} days ahead`);
  if (weekdayOf(day) === 0) throw new InvalidDeliveryField('date', 'must not be a Sunday');
  if (isDeliveryHoliday(day)) throw new InvalidDeliveryField('date', 'must not be a federal holiday');
  const count = input.packageCount;
  if (!Number.isInteger(count) || count < 1 || count > maxPackages)
    throw new InvalidDeliveryField('packageCount', `must be a whole number from 1 to ${maxPackages}`);
  const weight = input.totalWeightLb;
  if (!Number.isInteger(weight) || weight < 1)
    throw new InvalidDeliveryField('totalWeightLb', 'must be a whole number of pounds, 1 or more');
  if (weight > count * maxPoundsPerPackage)
    throw new InvalidDeliveryField('totalWeightLb', `must be at most ${maxPoundsPerPackage} pounds a package`);
  const location = oneOf(InvalidDeliveryField, 'location', input.location, premisesLocations);
  const instructions = instructionsOf(input.instructions);
  if (location === 'other' && instructions === null) throw new InvalidDeliveryField('instructions', 'must say where, for location other');
  return {
    articleNumbers: checkArticleNumbers(input.articleNumbers ?? []),
    date: input.date,
    packageCount: count,
    totalWeightLb: weight,
    location,
    address: addressOf(input.address),
    instructions,
  };
}

export interface CheckedPreferences {
  readonly whenAbsent: WhenAbsent | null;
  readonly deliveryDays: readonly DeliveryDay[];
  readonly preferredContact: ContactMeans | null;
  readonly dropShipCodes: readonly string[];
  readonly instructions: string | null;
}

/** Validates delivery preferences: days sorted without repeats, drop-ship codes normalised (drop-ship-code.ts). Pure. */
export function checkPreferences(input: DeliveryPreferencesInput): CheckedPreferences {
  const whenAbsent = input.whenAbsent == null ? null : oneOf(InvalidDeliveryField, 'whenAbsent', input.whenAbsent, whenAbsentOptions);
  const days = new Set<DeliveryDay>();
  input.deliveryDays.forEach((day, i) => {
    if (!Number.isInteger(day) || day < 1 || day > 6)
      throw new InvalidDeliveryField(`deliveryDays/${i}`, 'must be a weekday number from 1 (Monday) to 6 (Saturday)');
    days.add(day as DeliveryDay);
  });
  const preferredContact =
    input.preferredContact == null ? null : oneOf(InvalidDeliveryField, 'preferredContact', input.preferredContact, contactMeans);
  if (input.dropShipCodes.length > maxDropShipCodes) throw new InvalidDeliveryField('dropShipCodes', `must be at most ${maxDropShipCodes}`);
  const codes: string[] = [];
  input.dropShipCodes.forEach((text, i) => {
    const code = normaliseDropShipCode(text);
    if (code === null)
      throw new InvalidDeliveryField(
        `dropShipCodes/${i}`,
        'must be DNDC, DSCF or DDU and a 5-digit ZIP Code or a 6-character locale key, e.g. DDU:20260',
      );
    if (!codes.includes(code)) codes.push(code);
  });
  return {
    whenAbsent,
    deliveryDays: [...days].sort((a, b) => a - b),
    preferredContact,
    dropShipCodes: codes,
    instructions: instructionsOf(input.instructions),
  };
}
