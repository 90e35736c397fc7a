import { localDateOf, type LocalDate } from '../../../catalog/index.ts';
import { AddressError, normaliseAddress, type NormalisedAddress } from '../../customers/index.ts';
import { checkVerification, type CheckedVerification } from '../change-of-address/index.ts';
import { dayNumber, InvalidField, oneOf, parseIsoDate } from '../check-fields.ts';
import { endActions, type EndAction, type NewHoldMail } from './hold-mail.ts';

/** A value the hold cannot take, e.g. 'beginDate' or 'address/zip'. */
export class InvalidHoldMailField extends InvalidField {}

/**
 * USPS's limits (usps.com, "Hold Mail Service"): mail is held for
 * at least 3 and at most 30 days, counting the first and the last day; a request starts
 * the next day at the earliest (the carrier's route is already out today) and may be made
 * up to 30 days ahead.
 */
export const holdMinDays = 3;
export const holdMaxDays = 30;
export const holdMaxDaysAhead = 30;
export const holdMaxNameLength = 200;
export const holdMaxInstructionsLength = 500;

export interface CheckedHoldMail {
  readonly name: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly address: NormalisedAddress;
  readonly endAction: EndAction;
  readonly instructions: string | null;
  readonly verification: CheckedVerification;
}

/**
 * The dates of a hold against the limits; InvalidHoldMailField names 'beginDate' or
 * 'endDate'. `today` is the agency's day the request is made. Pure.
 */
export function checkHoldDates(beginDate: string, endDate: string, today: LocalDate): void {
  const begin = dayNumber(parseIsoDate(InvalidHoldMailField, 'beginDate', beginDate));
  const now = dayNumber(today);
  if (begin <= now) throw new InvalidHoldMailField('beginDate', 'must be tomorrow or later');
  if (begin > now + holdMaxDaysAhead) throw new InvalidHoldMailField('beginDate', `must be at most ${holdMaxDaysAhead} days ahead`);
  const end = dayNumber(parseIsoDate(InvalidHoldMailField, 'endDate', endDate));
  if (end <= begin) throw new InvalidHoldMailField('endDate', 'must be after the begin date');
  const days = end - begin + 1;
  if (days < holdMinDays) throw new InvalidHoldMailField('endDate', `a hold lasts at least ${holdMinDays} days`);
  if (days > holdMaxDays) throw new InvalidHoldMailField('endDate', `a hold lasts at most ${holdMaxDays} days`);
}

/** The address held, normalised (Publication 28); a PO box is refused: its mail waits at the Post Office anyway. */
export function holdAddress(input: NewHoldMail['address']): NormalisedAddress {
  let address: NormalisedAddress;
  try {
    address = normaliseAddress(input);
  } catch (error) {
    if (error instanceof AddressError) throw new InvalidHoldMailField(`address/${error.field}`, error.reason);
    throw error;
  }
  if (address.kind === 'po-box') throw new InvalidHoldMailField('address', 'a PO box’s mail is held at its Post Office already');
  return address;
}

/**
 * Validates and normalises a hold mail request as entered; InvalidHoldMailField names the
 * first bad field. `now` and `timeZone` give "today" in the agency's calendar. Pure.
 */
export function checkHoldMail(input: NewHoldMail, now: Date, timeZone: string): CheckedHoldMail {
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name === '' || !/[\p{L}\p{N}]/u.test(name)) throw new InvalidHoldMailField('name', 'must hold a name');
  if (name.length > holdMaxNameLength) throw new InvalidHoldMailField('name', `must be at most ${holdMaxNameLength} characters`);
  checkHoldDates(input.beginDate, input.endDate, localDateOf(now.getTime(), timeZone));
  const address = holdAddress(input.address);
  const endAction = oneOf(InvalidHoldMailField, 'endAction', input.endAction, endActions);
  const instructions = input.instructions?.trim() || null;
  if (instructions !== null && instructions.length > holdMaxInstructionsLength)
    throw new InvalidHoldMailField('instructions', `must be at most ${holdMaxInstructionsLength} characters`);

  return {
    name,
    beginDate: input.beginDate,
    endDate: input.endDate,
    address,
    endAction,
    instructions,
    verification: checkVerification(InvalidHoldMailField, input.verification, now),
  };
}
