import { describe, expect, it } from 'vitest';
import { getRecordType } from '../../../catalog/index.ts';
import { checkDisclosure, checkRoutineUse, InvalidDisclosureField } from './check-disclosure.ts';
import { parseRoutineUse, resolveRoutineUse } from './routine-uses.ts';

const inquiry = getRecordType('usps-880/inquiry');
const patContact = getRecordType('pat-tm-20/contact');

describe('citing a routine use', () => {
  it('reads a notice’s citation in any of its names, and the standard form', () => {
    expect(parseRoutineUse('880.000:3')).toMatchObject({ scope: 'notice', number: 3, notice: { id: '880.000' } });
    expect(parseRoutineUse(' USPS 880.000:3 ')).toMatchObject({ scope: 'notice', number: 3, notice: { id: '880.000' } });
    expect(parseRoutineUse('usps-880:3')).toMatchObject({ scope: 'notice', notice: { id: '880.000' } });
    expect(parseRoutineUse('Standard:11')).toEqual({ scope: 'standard', number: 11 });
    for (const bad of ['', '3', 'standard:', 'standard:0', 'standard:03', '999.999:1', 'standard:1.5'])
      expect(parseRoutineUse(bad), bad).toBeNull();
  });

  it('allows only the uses of the record type’s notice, and says so without repeating the citation', () => {
    expect(resolveRoutineUse('standard:10', inquiry)).toEqual({ use: 'standard:10' });
    expect(resolveRoutineUse('USPS 880.000:10', inquiry)).toEqual({ use: '880.000:10' });
    expect(resolveRoutineUse('standard:8', inquiry)).toEqual({
      problem: 'is not a routine use of the record’s notice (notice USPS 880.000 has routine uses 1, 2, 3, 4, 5, 6, 7, 10, 11)',
    });
    expect(resolveRoutineUse('890.000:1', inquiry)).toEqual({
      problem: 'cites notice USPS 890.000, but the record is kept under USPS 880.000',
    });
    // The Commerce notice adopts other general routine uses than the Postal Service's.
    expect(resolveRoutineUse('standard:12', patContact)).toEqual({ use: 'standard:12' });
    expect(resolveRoutineUse('standard:6', patContact)).toHaveProperty('problem');
    expect(() => checkRoutineUse('standard:8', inquiry)).toThrow(InvalidDisclosureField);
  });
});

describe('checkDisclosure', () => {
  const now = new Date('2026-11-25T15:00:00Z');
  const valid = {
    recordTable: 'calls',
    recordId: '00000000-0000-4000-8000-000000000001',
    recordType: 'usps-880/call-center-contact',
    nature: 'verbal' as const,
    purpose: ' Read out to the congressional office. ',
    recipient: { name: ' Office of Rep. Example ', address: 'Rayburn House Office Building' },
    recipientKind: 'congress' as const,
    routineUse: 'standard:3',
  };

  it('normalises what was entered; a law-enforcement recipient defaults to a law-enforcement request', () => {
    const checked = checkDisclosure(valid, now);
    expect(checked).toMatchObject({ purpose: 'Read out to the congressional office.', disclosedAt: now, lawEnforcementRequest: false });
    expect(checked.recipient).toEqual({ name: 'Office of Rep. Example', address: 'Rayburn House Office Building' });
    expect(checkDisclosure({ ...valid, recipientKind: 'law_enforcement' }, now).lawEnforcementRequest).toBe(true);
    expect(checkDisclosure({ ...valid, recipientKind: 'law_enforcement', lawEnforcementRequest: false }, now).lawEnforcementRequest).toBe(
      false,
    );
  });

  it('names the first bad field', () => {
    const field = (change: object) => {
      try {
        checkDisclosure({ ...valid, ...change }, now);
        return null;
      } catch (error) {
        return error instanceof InvalidDisclosureField ? error.field : error;
      }
    };
    expect(field({ recordTable: 'staff_users' })).toBe('recordTable');
    expect(field({ recordTable: 'case_sla_alerts' })).toBe('recordTable');
    expect(field({ recordId: '42' })).toBe('recordId');
    expect(field({ disclosedAt: new Date('nope') })).toBe('disclosedAt');
    expect(field({ recipient: null })).toBe('recipient');
    expect(field({ routineUse: 'three' })).toBe('routineUse');
    expect(field({})).toBeNull();
  });
});
