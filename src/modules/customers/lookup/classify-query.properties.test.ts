import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmail, normalisePhone } from '../../../crypto/index.ts';
import { classifyQuery } from './classify-query.ts';
import { s10CheckDigit } from './s10.ts';
import type { QueryInterpretation } from './types.ts';

const digit = fc.constantFrom(...'0123456789');
const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));

function isValidPhone(national: string): boolean {
  try {
    normalisePhone(national);
    return true;
  } catch {
    return false;
  }
}

/** Ten-digit US numbers that exist (the max metadata refuses 555-555-5555 and the like). */
const usPhone = fc
  .tuple(
    fc.constantFrom('202', '212', '312', '415', '617', '713', '305', '206', '404', '907'),
    fc.integer({ min: 200, max: 999 }),
    digits(4),
  )
  .map(([area, exchange, line]) => ({ area, exchange: String(exchange), line }))
  .filter(({ area, exchange, line }) => isValidPhone(area + exchange + line));

const phoneFormats: ReadonlyArray<(a: string, e: string, l: string) => string> = [
  (a, e, l) => `(${a}) ${e}-${l}`,
  (a, e, l) => `${a}.${e}.${l}`,
  (a, e, l) => `${a}-${e}-${l}`,
  (a, e, l) => `+1 ${a} ${e} ${l}`,
  (a, e, l) => `+1${a}${e}${l}`,
  (a, e, l) => `${a}${e}${l}`,
  (a, e, l) => `1${a}${e}${l}`,
  (a, e, l) => `1-${a}-${e}-${l}`,
  (a, e, l) => `1 (${a}) ${e}-${l}`,
  (a, e, l) => `${a}-${e}-${l} x123`,
  (a, e, l) => `(${a}) ${e}-${l} ext. 9`,
];

function everyNormalised(interpretations: QueryInterpretation[]): string[] {
  return interpretations.flatMap((i) => (i.kind === 'compound' ? [i.normalised, ...i.parts.map((p) => p.normalised)] : [i.normalised]));
}

describe('classifyQuery properties', () => {
  it('classifies every formatting of a US phone number as that phone, first', () => {
    fc.assert(
      fc.property(usPhone, fc.constantFrom(...phoneFormats), ({ area, exchange, line }, format) => {
        const top = classifyQuery(format(area, exchange, line))[0];
        expect(top).toMatchObject({ kind: 'phone', normalised: `+1${area}${exchange}${line}` });
      }),
      { numRuns: 500 },
    );
  });

  it('gives every case and spacing variant of an e-mail address the same normalised value', () => {
    const localPart = fc.stringMatching(/^[a-z0-9][a-z0-9._+-]{0,20}$/);
    const domain = fc.constantFrom('gmail.com', 'googlemail.com', 'outlook.com', 'example.org', 'usps.gov', 'uspto.gov', 'yahoo.com');
    const pad = fc.constantFrom('', ' ', '  ', '\t', ' \n');
    fc.assert(
      fc.property(
        localPart,
        domain,
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        pad,
        pad,
        (local, host, upper, left, right) => {
          const address = `${local}@${host}`;
          let expected: string;
          try {
            expected = normaliseEmail(address);
          } catch {
            return; // local parts such as 'a..b' that the normaliser refuses are not this property's concern
          }
          const variant = [...address].map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c)).join('');
          expect(classifyQuery(`${left}${variant}${right}`)).toEqual([{ kind: 'email', normalised: expected, confidence: 'exact' }]);
        },
      ),
      { numRuns: 500 },
    );
  });

  const letters = (n: number) =>
    fc.array(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), { minLength: n, maxLength: n }).map((l) => l.join(''));
  const s10 = fc.tuple(letters(2), digits(8), letters(2)).map(([service, serial, country]) => ({ service, serial, country }));

  it('recognises S10 numbers generated with a correct check digit', () => {
    fc.assert(
      fc.property(s10, ({ service, serial, country }) => {
        const number = `${service}${serial}${s10CheckDigit(serial)}${country}`;
        expect(classifyQuery(number)).toEqual([{ kind: 'article_number', normalised: number, confidence: 'exact' }]);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects as an S10 any single-digit change, save the standard’s remainder 0/6 blind spot', () => {
    const remainder = (serial: string) => [8, 6, 4, 2, 3, 5, 9, 7].reduce((sum, w, i) => sum + w * Number(serial[i]), 0) % 11;
    fc.assert(
      fc.property(s10, fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 9 }), ({ service, serial, country }, position, shift) => {
        const original = `${serial}${s10CheckDigit(serial)}`;
        const changed = original.slice(0, position) + String((Number(original[position]) + shift) % 10) + original.slice(position + 1);
        const changedSerial = changed.slice(0, 8);
        // Both remainders 0 and 6 give check digit 5 (see s10.ts): the one change no S10 reader can see.
        const blindSpot =
          position < 8 &&
          new Set([remainder(serial), remainder(changedSerial)]).size === 2 &&
          [0, 6].includes(remainder(serial)) &&
          [0, 6].includes(remainder(changedSerial));
        fc.pre(!blindSpot);
        const number = `${service}${changed}${country}`;
        const result = classifyQuery(number);
        expect(result.some((i) => i.kind === 'article_number')).toBe(false);
        expect(result).toEqual([{ kind: 'identifier', normalised: number, confidence: 'possible' }]);
      }),
      { numRuns: 1000 },
    );
  });

  const anyText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    // Weighted towards the characters the recognisers branch on, to reach their deeper paths.
    fc.string({ unit: fc.constantFrom(..."0123456789 -().+@,'.CcWTSsxXéÉ\u00A0\uFF10ß"), maxLength: 40 }),
  );

  it('never throws, and never returns an empty normalised value', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const value of everyNormalised(classifyQuery(text))) expect(value).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns a whole SSN as any interpretation', () => {
    fc.assert(
      fc.property(digits(3), digits(2), digits(4), fc.constantFrom('-', ' '), (a, b, c, sep) => {
        expect(classifyQuery(`${a}${sep}${b}${sep}${c}`)).toEqual([]);
      }),
    );
  });
});
