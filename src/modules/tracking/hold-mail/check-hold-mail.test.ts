import { describe, expect, it } from 'vitest';
import { checkHoldMail, InvalidHoldMailField } from './check-hold-mail.ts';
import type { NewHoldMail } from './hold-mail.ts';

// 15:00 UTC is 10:00 in New York: "today" is 25 November 2026 there.
const now = new Date('2026-11-25T15:00:00Z');
const zone = 'America/New_York';
const base: NewHoldMail = {
  name: 'Ottoline Brackenbury',
  beginDate: '2026-12-01',
  endDate: '2026-12-10',
  address: { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' },
  endAction: 'deliver',
  verification: { method: 'in_person_id', outcome: 'passed' },
};
const fieldOf = (input: Partial<NewHoldMail>, at = now): string | null => {
  try {
    checkHoldMail({ ...base, ...input }, at, zone);
    return null;
  } catch (error) {
    if (error instanceof InvalidHoldMailField) return error.field;
    throw error;
  }
};

describe('checkHoldMail', () => {
  it('normalises the address to Publication 28 form and trims the name and instructions', () => {
    const checked = checkHoldMail({ ...base, name: '  Ottoline   Brackenbury ', instructions: '  parcels to the side door ' }, now, zone);
    expect(checked.address.deliveryLine).toBe('12 OAK ST APT 3');
    expect(checked.address.zip5).toBe('11201');
    expect(checked.name).toBe('Ottoline Brackenbury');
    expect(checked.instructions).toBe('parcels to the side door');
    expect(checked.verification).toEqual({ method: 'in_person_id', outcome: 'passed', verifiedBy: null, verifiedAt: now });
  });

  it('takes the shortest and the longest hold, from tomorrow to 30 days ahead', () => {
    expect(fieldOf({ beginDate: '2026-11-26', endDate: '2026-11-28' })).toBeNull();
    expect(fieldOf({ beginDate: '2026-12-25', endDate: '2027-01-23' })).toBeNull();
  });

  it('refuses a hold starting today or earlier, or more than 30 days ahead', () => {
    expect(fieldOf({ beginDate: '2026-11-25', endDate: '2026-11-30' })).toBe('beginDate');
    expect(fieldOf({ beginDate: '2026-11-20', endDate: '2026-11-30' })).toBe('beginDate');
    expect(fieldOf({ beginDate: '2026-12-26', endDate: '2026-12-30' })).toBe('beginDate');
  });

  it('counts today in the agency’s zone, not UTC', () => {
    // 03:00 UTC on the 26th is still the 25th in New York: the 26th is tomorrow there.
    expect(fieldOf({ beginDate: '2026-11-26', endDate: '2026-11-30' }, new Date('2026-11-26T03:00:00Z'))).toBeNull();
    expect(fieldOf({ beginDate: '2026-11-26', endDate: '2026-11-30' }, new Date('2026-11-26T06:00:00Z'))).toBe('beginDate');
  });

  it('refuses an end before or on the begin date, a hold under 3 days and one over 30', () => {
    expect(fieldOf({ endDate: '2026-11-30' })).toBe('endDate');
    expect(fieldOf({ endDate: '2026-12-01' })).toBe('endDate');
    expect(fieldOf({ endDate: '2026-12-02' })).toBe('endDate');
    expect(fieldOf({ endDate: '2026-12-31' })).toBe('endDate');
  });

  it('refuses dates that are not calendar dates', () => {
    expect(fieldOf({ beginDate: '2026-02-30' })).toBe('beginDate');
    expect(fieldOf({ endDate: '12/10/2026' })).toBe('endDate');
  });

  it('names the part of the address at fault, and refuses a PO box', () => {
    expect(fieldOf({ address: { ...base.address, zip: '1120' } })).toBe('address/zip');
    expect(fieldOf({ address: { lines: 'PO Box 12', city: 'Brooklyn', state: 'NY', zip: '11201' } })).toBe('address');
  });

  it('requires a name, a known end action and a short instruction', () => {
    expect(fieldOf({ name: '  ' })).toBe('name');
    expect(fieldOf({ endAction: 'burn' as never })).toBe('endAction');
    expect(fieldOf({ instructions: 'x'.repeat(501) })).toBe('instructions');
  });

  it('checks the verification', () => {
    expect(fieldOf({ verification: { method: 'telepathy' as never, outcome: 'passed' } })).toBe('verification/method');
    expect(fieldOf({ verification: { method: 'in_person_id', outcome: 'maybe' as never } })).toBe('verification/outcome');
    expect(fieldOf({ verification: { method: 'in_person_id', outcome: 'passed', verifiedAt: new Date('2026-11-23T15:00:00Z') } })).toBe(
      'verification/verifiedAt',
    );
  });
});
