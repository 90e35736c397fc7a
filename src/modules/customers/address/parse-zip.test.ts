import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressError } from './address-error.ts';
import { parseZip } from './parse-zip.ts';

const digits = (length: number) => fc.stringMatching(new RegExp(`^\\d{${length}}$`));
const zip5 = digits(5).filter((zip) => zip !== '00000');

function reason(value: string): string {
  try {
    parseZip(value);
  } catch (error) {
    if (error instanceof AddressError && error.field === 'zip') return error.reason;
    throw error;
  }
  throw new Error('expected parseZip to reject');
}

describe('parseZip', () => {
  it('reads ZIP Codes, ZIP+4 and delivery-point ZIPs', () => {
    expect(parseZip('20260')).toEqual({ zip5: '20260', zip4: null, deliveryPoint: null });
    expect(parseZip('20260-0004')).toEqual({ zip5: '20260', zip4: '0004', deliveryPoint: null });
    expect(parseZip('202600004')).toEqual({ zip5: '20260', zip4: '0004', deliveryPoint: null });
    expect(parseZip(' 20260-0004-99 ')).toEqual({ zip5: '20260', zip4: '0004', deliveryPoint: '99' });
    expect(parseZip('20260000499')).toEqual({ zip5: '20260', zip4: '0004', deliveryPoint: '99' });
  });

  it.each([
    ['', 'is required'],
    ['2026', 'must have 5, 9 or 11 digits'],
    ['2026000', 'must have 5, 9 or 11 digits'],
    ['2026000049', 'must have 5, 9 or 11 digits'],
    ['2026-00004', 'has a hyphen out of place'],
    ['20260--0004', 'has a hyphen out of place'],
    ['20260 0004', 'may contain only digits and hyphens'],
    ['2O260', 'may contain only digits and hyphens'],
    ['00000', 'is not an assigned ZIP Code'],
  ])('rejects %j: %s', (value, expected) => {
    expect(reason(value)).toBe(expected);
  });

  it('never puts the rejected value in the message', () => {
    expect(() => parseZip('98765-43')).toThrow(/^zip: /);
    expect(() => parseZip('98765-43')).not.toThrow(/98765/);
  });

  it('round-trips every form it accepts', () => {
    fc.assert(
      fc.property(
        zip5,
        fc.option(digits(4), { nil: null }),
        fc.option(digits(2), { nil: null }),
        fc.boolean(),
        (zip, plus4, point, hyphens) => {
          const deliveryPoint = plus4 === null ? null : point;
          const separator = hyphens ? '-' : '';
          const text = [zip, plus4, deliveryPoint].filter((part) => part !== null).join(separator);
          const parsed = parseZip(text);
          expect(parsed).toEqual({ zip5: zip, zip4: plus4, deliveryPoint });
          const printed = [parsed.zip5, parsed.zip4, parsed.deliveryPoint].filter((part) => part !== null).join('-');
          expect(parseZip(printed)).toEqual(parsed);
        },
      ),
    );
  });

  it('rejects every digit count other than 5, 9 and 11', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }).filter((length) => ![5, 9, 11].includes(length)),
        fc.infiniteStream(fc.integer({ min: 0, max: 9 })),
        (length, stream) => {
          const value = [...stream.take(length)].join('');
          expect(reason(value)).toBe('must have 5, 9 or 11 digits');
        },
      ),
    );
  });
});
