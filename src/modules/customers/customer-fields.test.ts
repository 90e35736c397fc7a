import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getRecordType } from '../../catalog/index.ts';
import { customerFieldNames, customerFields, fieldClass, fieldMask, FieldValueError, maskValue } from './customer-fields.ts';

const parse = (field: keyof typeof customerFields, value: unknown, label: string | null = null) =>
  customerFields[field].parse(value, label);
const reason = (field: keyof typeof customerFields, value: unknown, label: string | null = null) => {
  try {
    parse(field, value, label);
    return 'accepted';
  } catch (error) {
    if (error instanceof FieldValueError) return error.part ? `${error.part}: ${error.reason}` : error.reason;
    throw error;
  }
};

describe('customer fields', () => {
  it('are every one a field of record type usps-880/customer, classed there', () => {
    const recordType = getRecordType('usps-880/customer');
    for (const field of customerFieldNames) expect(Object.keys(recordType.fields), field).toContain(field);
    expect(fieldClass('ssn_last4')).toBe('sensitive');
    expect(fieldClass('email')).toBe('identifier');
  });

  it('are masked as the catalog says: sensitive ones whole, account numbers to their last four', () => {
    expect(fieldMask('ssn_last4')).toBe('full');
    expect(fieldMask('account_number')).toBe('last4');
    expect(fieldMask('email')).toBeNull();
    expect(maskValue('1234', 'full')).toBe('••••');
    expect(maskValue('AC55219034', 'last4')).toBe('••••9034');
  });

  it('store identifiers ungrouped and upper-case, and check their shape', () => {
    expect(parse('duns_number', '15-048-3782')).toEqual({ stored: '150483782', index: [{ kind: 'duns_number', value: '150483782' }] });
    expect(reason('duns_number', '15048378')).toBe('must be 9 digits');
    expect(reason('mailer_id', '1234567')).toBe('must be 6 or 9 digits');
    expect(parse('customer_number', 'gx 0091').stored).toBe('GX0091');
    expect(reason('business_customer_number', 'ABC')).toBe('must be 1 to 15 digits');
    expect(reason('sic_naics', '43111', 'sic')).toBe('a SIC code is 4 digits');
    expect(parse('sic_naics', '43111', 'naics').stored).toBe('43111');
  });

  it('store phones in E.164 and addresses in Publication 28 form, indexed by delivery line and ZIP', () => {
    expect(parse('phone', '(202) 555-0147').stored).toBe('+12025550147');
    const address = parse('mailing_address', {
      lines: '475 Lenfant Plaza Southwest',
      city: 'washington',
      state: 'd.c.',
      zip: '20260-0004',
    });
    expect(JSON.parse(address.stored)).toMatchObject({ deliveryLine: '475 LENFANT PLZ SW', lastLine: 'WASHINGTON DC 20260-0004' });
    expect(address.index).toEqual([
      { kind: 'address', value: '475 LENFANT PLZ SW 20260' },
      { kind: 'zip', value: '202600004' },
    ]);
    expect(reason('mailing_address', { lines: '1 Main St', city: 'Denver', state: 'ZZ', zip: '80202' })).toMatch(/^state: /);
    expect(reason('mailing_address', '1 Main St, Denver CO')).toBe('must be an object with lines, city, state and zip');
  });

  it('refuse what is not text, empty, too long or not among the choices, without repeating the value', () => {
    expect(reason('title', 42)).toBe('must be text');
    expect(reason('title', '   ')).toBe('must not be empty');
    expect(reason('title', 'x'.repeat(101))).toBe('must be at most 100 characters');
    expect(reason('preferred_contact', 'carrier pigeon')).toBe('must be one of email, phone, mail, fax, text_message, none');
    expect(reason('url', 'ftp://files.example')).toBe('must start with https:// or http://');
    expect(reason('years_in_business', '12.5')).toBe('must be a whole number of years');
    expect(reason('ssn_last4', '123-45-6789')).not.toContain('6789');
  });

  it('are idempotent: a stored value parses to itself', () => {
    const textFields = customerFieldNames.filter((f) => f !== 'mailing_address' && f !== 'sic_naics');
    const samples: Record<string, fc.Arbitrary<string>> = {
      email: fc.emailAddress(),
      phone: fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `(312) ${String(n).slice(0, 3)}-${String(n).slice(3)}`),
      fax: fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `415.${String(n).slice(0, 3)}.${String(n).slice(3)}`),
      ssn_last4: fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')),
      mailer_id: fc.stringMatching(/^\d{6}$/),
      duns_number: fc.stringMatching(/^\d{2}-\d{3}-\d{4}$/),
      business_customer_number: fc.stringMatching(/^\d{1,15}$/),
      url: fc.webUrl(),
      years_in_business: fc.integer({ min: 0, max: 999 }).map(String),
    };
    for (const field of textFields) {
      const arbitrary = samples[field] ?? fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .-]{0,30}$/);
      fc.assert(
        fc.property(arbitrary, (value) => {
          let first;
          try {
            first = parse(field, value);
          } catch (error) {
            if (error instanceof FieldValueError) return;
            throw error;
          }
          expect(parse(field, first.stored), field).toEqual(first);
        }),
        { numRuns: 50 },
      );
    }
  });
});
