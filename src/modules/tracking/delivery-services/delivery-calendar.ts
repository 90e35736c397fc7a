import { localDateOf, type LocalDate } from '../../../catalog/index.ts';
import { observedFederalHoliday } from '../../cases/index.ts';
import { dayNumber } from '../check-fields.ts';

export function dateOfDayNumber(n: number): LocalDate {
  const d = new Date(n * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Today's day number in the zone. */
export function todayNumber(now: Date, timeZone: string): number {
  return dayNumber(localDateOf(now.getTime(), timeZone));
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(n: number): number {
  return new Date(n * 86_400_000).getUTCDay();
}

/**
 * No mail is delivered or picked up on a federal holiday. The federal calendar (the cases
 * module's, shared with the SLA clocks) moves a Saturday holiday to the Friday before for
 * offices, but carriers work that Friday and rest on the Saturday itself; a Sunday holiday
 * moves to Monday for carriers too. So: the observed day, except a Friday standing in for a
 * Saturday holiday, and the Saturday holiday itself.
 */
export function isDeliveryHoliday(n: number): boolean {
  const saturday = 6;
  const observed = observedFederalHoliday(dateOfDayNumber(n));
  if (observed !== undefined && !(dayNumber(observed.date) === n + 1 && weekdayOf(n + 1) === saturday)) return true;
  if (weekdayOf(n) !== saturday) return false;
  const friday = observedFederalHoliday(dateOfDayNumber(n - 1));
  return friday !== undefined && dayNumber(friday.date) === n;
}

/** Monday to Saturday, not a holiday: a day carriers deliver and pick up. */
export function isDeliveryDay(n: number): boolean {
  return weekdayOf(n) !== 0 && !isDeliveryHoliday(n);
}

/** The first delivery day after day n. */
export function nextDeliveryDay(n: number): number {
  let day = n + 1;
  while (!isDeliveryDay(day)) day += 1;
  return day;
}
