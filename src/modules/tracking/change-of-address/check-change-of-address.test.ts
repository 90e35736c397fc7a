import { describe, expect, it } from 'vitest';
import type { NewChangeOfAddress } from './change-of-address.ts';
import { checkChangeOfAddress, InvalidChangeOfAddressField } from './check-change-of-address.ts';

// 15:00 UTC is 10:00 in New York: "today" is 25 November 2026 there.
const now = new Date('2026-11-25T15:00:00Z');
const zone = 'America/New_York';
const base: NewChangeOfAddress = {
  moveType: 'individual',
  duration: 'permanent',
  name: 'Ottoline Brackenbury',
  effectiveDate: '2026-12-01',
  oldAddress: { lines: '12 Oak St Apt 3', city: 'Brooklyn', state: 'NY', zip: '11201' },
  newAddress: { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' },
  verification: { method: 'in_person_id', outcome: 'passed' },
};
const fieldOf = (input: Partial<NewChangeOfAddress>): string | null => {
  try {
    checkChangeOfAddress({ ...base, ...input }, now, zone);
    return null;
  } catch (error) {
    if (error instanceof InvalidChangeOfAddressField) return error.field;
    throw error;
  }
};

describe('checkChangeOfAddress', () => {
  it('normalises both addresses to Publication 28 form', () => {
    const checked = checkChangeOfAddress(base, now, zone);
    expect(checked.oldAddress.deliveryLine).toBe('12 OAK ST APT 3');
    expect(checked.newAddress.lastLine).toBe('SPRINGFIELD IL 62704');
    expect(checked.endDate).toBeNull();
    expect(checked.verification.verifiedAt).toEqual(now);
  });

  it('starts forwarding at most 90 days ahead and 7 days back', () => {
    expect(fieldOf({ effectiveDate: '2027-02-23' })).toBeNull(); // 90 days ahead
    expect(fieldOf({ effectiveDate: '2027-02-24' })).toBe('effectiveDate');
    expect(fieldOf({ effectiveDate: '2026-11-18' })).toBeNull(); // 7 days back
    expect(fieldOf({ effectiveDate: '2026-11-17' })).toBe('effectiveDate');
    expect(fieldOf({ effectiveDate: '2026-02-30' })).toBe('effectiveDate');
    expect(fieldOf({ effectiveDate: '12/01/2026' })).toBe('effectiveDate');
  });

  it('forwards temporarily for 15 days to 1 year, and only a temporary move has an end date', () => {
    const temporary = { duration: 'temporary' as const, effectiveDate: '2026-12-01' };
    expect(fieldOf({ ...temporary, endDate: '2026-12-15' })).toBeNull();
    expect(fieldOf({ ...temporary, endDate: '2026-12-14' })).toBe('endDate');
    expect(fieldOf({ ...temporary, endDate: '2027-12-01' })).toBeNull();
    expect(fieldOf({ ...temporary, endDate: '2027-12-02' })).toBe('endDate');
    expect(fieldOf({ ...temporary })).toBe('endDate');
    expect(fieldOf({ endDate: '2027-01-01' })).toBe('endDate');
  });

  it('names the address field at fault, under the address it belongs to', () => {
    expect(fieldOf({ newAddress: { ...base.newAddress, zip: '6270' } })).toBe('newAddress/zip');
    expect(fieldOf({ oldAddress: { ...base.oldAddress, state: 'Narnia' } })).toBe('oldAddress/state');
    expect(fieldOf({ newAddress: { ...base.oldAddress, lines: '12 Oak Street, Apartment 3' } })).toBe('newAddress');
  });

  it('refuses unknown kinds, an empty name and an implausible verification', () => {
    expect(fieldOf({ moveType: 'tribe' as never })).toBe('moveType');
    expect(fieldOf({ duration: 'forever' as never })).toBe('duration');
    expect(fieldOf({ name: ' . ' })).toBe('name');
    expect(fieldOf({ verification: { method: 'vibes' as never, outcome: 'passed' } })).toBe('verification/method');
    expect(fieldOf({ verification: { method: 'online_card', outcome: 'maybe' as never } })).toBe('verification/outcome');
    expect(fieldOf({ verification: { method: 'online_card', outcome: 'passed', verifiedAt: new Date('2026-11-20T00:00:00Z') } })).toBe(
      'verification/verifiedAt',
    );
  });

  it('keeps the customer’s device and network only as given, and refuses what is not an IP address', () => {
    expect(checkChangeOfAddress({ ...base, origin: { ipAddress: '2001:DB8::1', deviceFingerprint: ' fp-1 ' } }, now, zone)).toMatchObject({
      ipAddress: '2001:db8::1',
      deviceFingerprint: 'fp-1',
    });
    expect(fieldOf({ origin: { ipAddress: 'example.com' } })).toBe('origin/ipAddress');
  });

  it('never repeats the value in its message', () => {
    try {
      checkChangeOfAddress({ ...base, newAddress: { ...base.newAddress, zip: 'SECRET1' } }, now, zone);
    } catch (error) {
      expect((error as Error).message).not.toContain('SECRET1');
    }
  });
});
