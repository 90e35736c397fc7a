import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addressBlock,
  cleanDeliveryLine,
  cleanNameLine,
  maxBlockLines,
  maxLineLength,
  type Addressee,
  type MailingAddress,
} from './address-block.ts';

const address = (over: Partial<MailingAddress> = {}): MailingAddress => ({
  deliveryLine: '1500 E MAIN AVE STE 201',
  unitDesignator: 'STE',
  unitNumber: '201',
  city: 'SPRINGFIELD',
  state: 'VA',
  zip5: '22162',
  zip4: '1234',
  ...over,
});

const lastLinePattern = /^[A-Z]+(?: [A-Z]+)* [A-Z]{2} \d{5}(?:-\d{4})?$/;
/** Pub 28, 231: the delivery line keeps '#' as a word, and '/', '.', '-' only inside an address number or word. */
const deliveryPattern = /^(?:#|[A-Z0-9]+(?:[./-][A-Z0-9]+)*)(?: (?:#|[A-Z0-9]+(?:[./-][A-Z0-9]+)*))*$/;
const namePattern = /^[A-Z0-9]+(?: [A-Z0-9]+)*$/;

describe('the USPS address block', () => {
  it('is a person, the delivery line with its unit, and CITY ST ZIP+4', () => {
    expect(addressBlock({ kind: 'person', name: "Mary-Ann O'Neil, Jr.", address: address() })).toEqual([
      'MARY ANN ONEIL JR',
      '1500 E MAIN AVE STE 201',
      'SPRINGFIELD VA 22162-1234',
    ]);
  });

  it('puts the attention line above the firm name for an organisation (Pub 28, 34)', () => {
    expect(
      addressBlock({ kind: 'organisation', name: 'Big Business, Inc.', attention: 'Mildred Doe', address: address({ zip4: null }) }),
    ).toEqual(['ATTN MILDRED DOE', 'BIG BUSINESS INC', '1500 E MAIN AVE STE 201', 'SPRINGFIELD VA 22162']);
    expect(addressBlock({ kind: 'organisation', name: 'Big Business', attention: null, address: address() })[0]).toBe('BIG BUSINESS');
    expect(addressBlock({ kind: 'person', name: 'Ann', attention: 'Bob', address: address() })[0]).toBe('ANN');
  });

  it('moves the unit to the line above when the delivery line is too long (Pub 28, 213)', () => {
    const long = address({ deliveryLine: '12345 N MARTIN LUTHER KING JR BLVD APT 1234', unitDesignator: 'APT', unitNumber: '1234' });
    expect(addressBlock({ kind: 'person', name: 'Ann Lee', address: long })).toEqual([
      'ANN LEE',
      'APT 1234',
      '12345 N MARTIN LUTHER KING JR BLVD',
      'SPRINGFIELD VA 22162-1234',
    ]);
  });

  const words = (unit: fc.Arbitrary<string>) =>
    fc.array(fc.string({ minLength: 1, maxLength: 14, unit }), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
  const anyText = words(
    fc.oneof(
      fc.constantFrom('A', 'z', 'é', '-', '.', "'", '#', '/', ',', '1', ' ', 'ß', '漢'),
      fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
    ),
  );
  const addressArb: fc.Arbitrary<MailingAddress> = fc.record({
    // A stored delivery line always has a primary number; the rest may be anything.
    deliveryLine: fc.tuple(fc.stringMatching(/^[1-9][0-9]{0,5}$/), anyText).map(([n, rest]) => `${n} ${rest}`),
    unitDesignator: fc.option(fc.constantFrom('APT', 'STE', '#', 'UNIT'), { nil: null }),
    unitNumber: fc.option(fc.stringMatching(/^[0-9A-Z]{1,6}$/), { nil: null }),
    city: fc.tuple(fc.stringMatching(/^[A-Za-z]{1,20}$/), anyText).map(([a, b]) => `${a} ${b}`),
    state: fc.stringMatching(/^[A-Z]{2}$/),
    zip5: fc.stringMatching(/^\d{5}$/),
    zip4: fc.option(fc.stringMatching(/^\d{4}$/), { nil: null }),
  });
  const addressee: fc.Arbitrary<Addressee> = fc.record({
    kind: fc.constantFrom('person' as const, 'organisation' as const),
    name: fc.tuple(fc.stringMatching(/^[A-Za-z]{1,12}$/), anyText).map(([first, rest]) => `${first} ${rest}`),
    attention: fc.option(anyText, { nil: null }),
    address: addressArb,
  });

  it('has at most 5 lines of at most 40 characters, no punctuation but Pub 28’s, and ends in CITY ST ZIP', () => {
    fc.assert(
      fc.property(addressee, (a) => {
        const lines = addressBlock(a);
        expect(lines.length).toBeLessThanOrEqual(maxBlockLines);
        expect(lines.length).toBeGreaterThanOrEqual(3);
        for (const line of lines) {
          expect(line.length).toBeLessThanOrEqual(maxLineLength);
          expect(line).toBe(line.toUpperCase());
          expect(line).not.toMatch(/[^A-Z0-9 #./-]/);
        }
        expect(lines[lines.length - 1]).toMatch(lastLinePattern);
        // The first line is the attention or the name line: no punctuation at all.
        expect(lines[0]).toMatch(namePattern);
        const names = lines.slice(0, lines.length - 2);
        // Name, firm and attention lines hold no punctuation at all; the unit line above the street may hold '#'.
        for (const line of names) expect(line).toMatch(/^(?:#|[A-Z0-9]+)(?: (?:#|[A-Z0-9]+(?:[./-][A-Z0-9]+)*))*$/);
        const delivery = lines[lines.length - 2]!;
        if (delivery !== '') expect(delivery).toMatch(deliveryPattern);
        // The hyphen of the last line is the ZIP+4's only.
        expect(lines[lines.length - 1]!.replace(/\d{5}-\d{4}$/, '')).not.toContain('-');
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent: cleaning clean lines, or building the block from its own lines, changes nothing', () => {
    fc.assert(
      fc.property(addressee, anyText, (a, raw) => {
        expect(cleanNameLine(cleanNameLine(raw))).toBe(cleanNameLine(raw));
        expect(cleanDeliveryLine(cleanDeliveryLine(raw))).toBe(cleanDeliveryLine(raw));
        const lines = addressBlock(a);
        const hasAttention = lines[0]!.startsWith('ATTN ') && a.kind === 'organisation' && !!a.attention;
        const again = addressBlock({
          ...a,
          name: hasAttention ? lines[1]! : lines[0]!,
          attention: hasAttention ? lines[0]!.slice(5) : a.attention && a.kind === 'organisation' ? '' : null,
        });
        expect(again).toEqual(lines);
      }),
      { numRuns: 500 },
    );
  });
});
