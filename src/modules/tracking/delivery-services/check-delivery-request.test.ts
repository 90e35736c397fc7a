import { describe, expect, it } from 'vitest';
import { checkPickup, checkPreferences, checkRedelivery, InvalidDeliveryField } from './check-delivery-request.ts';
import { dayNumber } from '../check-fields.ts';
import { isDeliveryHoliday, nextDeliveryDay } from './delivery-calendar.ts';
import { normaliseDropShipCode } from './drop-ship-code.ts';

const zone = 'America/New_York';
const n = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return dayNumber({ year: year!, month: month!, day: day! });
};
const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidDeliveryField) return error.field;
    throw error;
  }
  return undefined;
};

describe('the delivery calendar', () => {
  it('rests on a Saturday holiday itself, not on the Friday offices observe', () => {
    // Independence Day 2026 is a Saturday.
    expect(isDeliveryHoliday(n('2026-07-04'))).toBe(true);
    expect(isDeliveryHoliday(n('2026-07-03'))).toBe(false);
    // New Year's Day 2022 was a Saturday, observed on Friday 31 December 2021.
    expect(isDeliveryHoliday(n('2022-01-01'))).toBe(true);
    expect(isDeliveryHoliday(n('2021-12-31'))).toBe(false);
  });

  it('rests on the Monday after a Sunday holiday, and on weekday holidays', () => {
    expect(isDeliveryHoliday(n('2022-12-26'))).toBe(true);
    expect(isDeliveryHoliday(n('2026-11-26'))).toBe(true);
    expect(isDeliveryHoliday(n('2026-11-27'))).toBe(false);
  });

  it('skips Sundays and holidays to the next delivery day', () => {
    // Wednesday before Thanksgiving 2026 → Friday; Saturday → Monday.
    expect(nextDeliveryDay(n('2026-11-25'))).toBe(n('2026-11-27'));
    expect(nextDeliveryDay(n('2026-11-28'))).toBe(n('2026-11-30'));
  });
});

describe('request checks', () => {
  // Wednesday 25 November 2026 in New York.
  const now = new Date('2026-11-25T17:00:00Z');
  const article = '9212391234567812345670';
  const redelivery = { articleNumbers: [article], date: '2026-11-27', option: 'deliver' as const };
  const pickup = { date: '2026-11-27', packageCount: 1, totalWeightLb: 5, location: 'front_door' as const };

  it('takes a redelivery on Thanksgiving (its rule is Sundays only) but not a pickup', () => {
    expect(checkRedelivery({ ...redelivery, date: '2026-11-26' }, now, zone).date).toBe('2026-11-26');
    expect(fieldOf(() => checkPickup({ ...pickup, date: '2026-11-26' }, now, zone))).toBe('date');
  });

  it('takes the 30th day ahead and refuses the 31st', () => {
    expect(checkRedelivery({ ...redelivery, date: '2026-12-25' }, now, zone).date).toBe('2026-12-25');
    expect(fieldOf(() => checkRedelivery({ ...redelivery, date: '2026-12-26' }, now, zone))).toBe('date');
  });

  it('reads "today" in the agency’s zone: late on the 25th in New York is already the 26th in UTC', () => {
    const evening = new Date('2026-11-26T03:00:00Z');
    expect(fieldOf(() => checkRedelivery({ ...redelivery, date: '2026-11-25' }, evening, zone))).toBe('date');
    expect(checkRedelivery({ ...redelivery, date: '2026-11-26' }, evening, zone).date).toBe('2026-11-26');
  });

  it('normalises drop-ship codes and refuses other shapes', () => {
    expect(normaliseDropShipCode(' dscf-12345 ')).toBe('DSCF:12345');
    expect(normaliseDropShipCode('DNDC L1A2B3')).toBe('DNDC:L1A2B3');
    expect(normaliseDropShipCode('DDU:1234')).toBeNull();
    expect(normaliseDropShipCode('DDU:123456')).toBeNull();
    expect(normaliseDropShipCode('ABC:12345')).toBeNull();
    const checked = checkPreferences({
      whenAbsent: null,
      deliveryDays: [5, 1, 5],
      preferredContact: null,
      dropShipCodes: ['ddu 20260', 'DDU:20260'],
      instructions: '   ',
    });
    expect(checked).toEqual({
      whenAbsent: null,
      deliveryDays: [1, 5],
      preferredContact: null,
      dropShipCodes: ['DDU:20260'],
      instructions: null,
    });
  });
});
