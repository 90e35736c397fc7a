import { dayNumberOf, formatLocalDate, localDateOfDayNumber, weekdayOf } from './local-date.ts';
import type { LocalDate } from './local-date.ts';

/** The holidays of 5 U.S.C. 6103(a), by their names in the statute. */
export type FederalHolidayName =
  | "New Year's Day"
  | 'Birthday of Martin Luther King, Jr.'
  | "Washington's Birthday"
  | 'Memorial Day'
  | 'Juneteenth National Independence Day'
  | 'Independence Day'
  | 'Labor Day'
  | 'Columbus Day'
  | 'Veterans Day'
  | 'Thanksgiving Day'
  | 'Christmas Day';

export interface FederalHoliday {
  readonly name: FederalHolidayName;
  /** The day the statute names. */
  readonly date: LocalDate;
  /** The day offices close: a Saturday holiday moves to the Friday before, a Sunday one to the Monday after. */
  readonly observed: LocalDate;
}

/** 1986 brought the first Martin Luther King Jr. Day; the list has not lost a holiday since. */
export const firstModelledYear = 1986;
const juneteenthFirstYear = 2021;

const sunday = 0;
const monday = 1;
const thursday = 4;
const saturday = 6;

function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  const first = { year, month, day: 1 };
  const offset = (weekday - weekdayOf(first) + 7) % 7;
  return { year, month, day: 1 + offset + (n - 1) * 7 };
}

function lastWeekday(year: number, month: number, weekday: number): LocalDate {
  const last = localDateOfDayNumber(dayNumberOf({ year, month: month + 1, day: 1 }) - 1);
  const back = (weekdayOf(last) - weekday + 7) % 7;
  return { year, month, day: last.day - back };
}

// 5 U.S.C. 6103(b) as applied by Executive Order 11582 to the Monday–Friday workweek.
function observedDay(date: LocalDate): LocalDate {
  const weekday = weekdayOf(date);
  const shift = weekday === saturday ? -1 : weekday === sunday ? 1 : 0;
  return localDateOfDayNumber(dayNumberOf(date) + shift);
}

function fixed(name: FederalHolidayName, year: number, month: number, day: number): FederalHoliday {
  const date = { year, month, day };
  return { name, date, observed: observedDay(date) };
}

function floating(name: FederalHolidayName, date: LocalDate): FederalHoliday {
  return { name, date, observed: date };
}

/**
 * The federal holidays whose statutory date falls in `year`, in calendar order. New
 * Year's Day on a Saturday is observed on December 31 of the year before, so that year's
 * list does not show it; `observedFederalHoliday` does.
 */
export function federalHolidays(year: number): readonly FederalHoliday[] {
  if (!Number.isInteger(year) || year < firstModelledYear) {
    throw new RangeError(`federal holidays are modelled from ${firstModelledYear} on`);
  }
  return [
    fixed("New Year's Day", year, 1, 1),
    floating('Birthday of Martin Luther King, Jr.', nthWeekday(year, 1, monday, 3)),
    floating("Washington's Birthday", nthWeekday(year, 2, monday, 3)),
    floating('Memorial Day', lastWeekday(year, 5, monday)),
    ...(year >= juneteenthFirstYear ? [fixed('Juneteenth National Independence Day', year, 6, 19)] : []),
    fixed('Independence Day', year, 7, 4),
    floating('Labor Day', nthWeekday(year, 9, monday, 1)),
    floating('Columbus Day', nthWeekday(year, 10, monday, 2)),
    fixed('Veterans Day', year, 11, 11),
    floating('Thanksgiving Day', nthWeekday(year, 11, thursday, 4)),
    fixed('Christmas Day', year, 12, 25),
  ];
}

// Calendars ask about the same few years over and over.
const observedByYear = new Map<number, ReadonlyMap<string, FederalHoliday>>();

function observedIn(year: number): ReadonlyMap<string, FederalHoliday> {
  let observed = observedByYear.get(year);
  if (observed === undefined) {
    const candidates = [...federalHolidays(year), ...federalHolidays(year + 1)];
    observed = new Map(candidates.filter((h) => h.observed.year === year).map((h) => [formatLocalDate(h.observed), h]));
    observedByYear.set(year, observed);
  }
  return observed;
}

/** The federal holiday observed on `date`, if any. */
export function observedFederalHoliday(date: LocalDate): FederalHoliday | undefined {
  return observedIn(date.year).get(formatLocalDate(date));
}
