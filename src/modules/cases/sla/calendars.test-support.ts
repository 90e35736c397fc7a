import { businessCalendar } from './business-calendar.ts';
import type { BusinessCalendar, OpeningHours, Weekday } from './business-calendar.ts';

// Calendars the tests share, chosen to stress different things.

const nineToFive: readonly OpeningHours[] = [{ opens: '08:00', closes: '17:00' }];
const weekdaysOnly = (hours: readonly OpeningHours[]): Partial<Record<Weekday, readonly OpeningHours[]>> => ({
  monday: hours,
  tuesday: hours,
  wednesday: hours,
  thursday: hours,
  friday: hours,
});

/** Monday to Friday, 08:00–17:00 Eastern, federal holidays closed: the agency's contact center. */
export const eastern: BusinessCalendar = businessCalendar({ timeZone: 'America/New_York', hours: weekdaysOnly(nineToFive) });

/** A lunch break, an odd closing time and Saturday mornings. */
export const splitShift: BusinessCalendar = businessCalendar({
  timeZone: 'America/New_York',
  hours: {
    ...weekdaysOnly([
      { opens: '13:00', closes: '17:30' },
      { opens: '08:00', closes: '12:00' },
    ]),
    saturday: [{ opens: '09:00', closes: '13:00' }],
  },
});

/** Every night, 22:00 to 03:00: the hours New York's clocks skip and repeat fall inside, and days join at midnight. */
const night: readonly OpeningHours[] = [
  { opens: '00:00', closes: '03:00' },
  { opens: '22:00', closes: '24:00' },
];
export const overnight: BusinessCalendar = businessCalendar({
  timeZone: 'America/New_York',
  hours: { sunday: night, monday: night, tuesday: night, wednesday: night, thursday: night, friday: night, saturday: night },
});

/** Lord Howe Island moves its clocks by half an hour, at 02:00, inside these hours. */
export const lordHowe: BusinessCalendar = businessCalendar({
  timeZone: 'Australia/Lord_Howe',
  hours: weekdaysOnly([
    { opens: '01:00', closes: '03:00' },
    { opens: '09:00', closes: '17:00' },
  ]),
});

/**
 * 2027 observes twelve federal holidays (New Year's Day 2028 falls on a Saturday and is
 * observed on December 31, 2027); this office also closes between the holidays.
 */
export const holidayHeavyClosedDates: readonly string[] = [
  '2026-11-27',
  '2026-12-24',
  '2026-12-28',
  '2026-12-29',
  '2026-12-30',
  '2027-01-04',
  '2027-05-28',
  '2027-07-02',
  '2027-07-06',
  '2027-11-26',
  '2027-12-23',
  '2027-12-27',
  '2027-12-28',
  '2027-12-29',
  '2027-12-30',
  '2028-01-03',
];
export const holidayHeavy: BusinessCalendar = businessCalendar({
  timeZone: 'America/New_York',
  hours: weekdaysOnly([{ opens: '09:00', closes: '17:00' }]),
  closedDates: holidayHeavyClosedDates,
});

/** The same hours with no holidays at all, to measure what the holidays take away. */
export const holidayHeavyWithoutHolidays: BusinessCalendar = businessCalendar({
  timeZone: 'America/New_York',
  hours: weekdaysOnly([{ opens: '09:00', closes: '17:00' }]),
  federalHolidays: false,
});

/** Always open: business time is real time. */
export const allHours: BusinessCalendar = businessCalendar({
  timeZone: 'UTC',
  federalHolidays: false,
  hours: Object.fromEntries(
    (['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).map((d) => [
      d,
      [{ opens: '00:00', closes: '24:00' }],
    ]),
  ),
});

export const calendars = { eastern, splitShift, overnight, lordHowe, holidayHeavy, allHours } as const;
