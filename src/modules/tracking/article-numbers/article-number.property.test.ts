import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArticleNumber, ImpbNumber } from './article-number.ts';
import { formatImpb, type ImpbParts } from './format-impb.ts';
import { formatLegacy20 } from './format-legacy20.ts';
import { formatS10 } from './format-s10.ts';
import { isoCountryCodes } from './iso-country-codes.ts';
import { normaliseArticleNumber } from './normalise-article-number.ts';
import { parseArticleNumber } from './parse-article-number.ts';

const digits = (length: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: length, maxLength: length });
const letters = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 2, maxLength: 2 });
const nineDigitMid = digits(8).map((d) => `9${d}`);
const sixDigitMid = fc.tuple(fc.constantFrom(...'012345678'), digits(5)).map(([first, rest]) => `${first}${rest}`);
const long = fc.boolean();

// Serial lengths fill the package number to 22 digits, or 26 with `long`.
const packageParts: fc.Arbitrary<ImpbParts> = fc.oneof(
  fc.record({ applicationId: fc.constant('91' as const), serviceType: digits(2), mailerId: digits(9), serial: digits(8) }),
  fc
    .tuple(digits(3), nineDigitMid, long)
    .chain(([serviceType, mailerId, l]) =>
      digits(l ? 11 : 7).map((serial) => ({ applicationId: '92' as const, serviceType, mailerId, serial })),
    ),
  fc
    .tuple(digits(3), sixDigitMid, long)
    .chain(([serviceType, mailerId, l]) =>
      digits(l ? 14 : 10).map((serial) => ({ applicationId: '93' as const, serviceType, mailerId, serial })),
    ),
  fc.tuple(digits(3), digits(2), fc.oneof(nineDigitMid, sixDigitMid), long).chain(([serviceType, sourceId, mailerId, l]) =>
    digits(14 - mailerId.length + (l ? 4 : 0)).map((serial) => ({
      applicationId: '94' as const,
      serviceType,
      sourceId,
      mailerId,
      serial,
    })),
  ),
  fc
    .tuple(digits(3), long)
    .chain(([serviceType, l]) => digits(l ? 20 : 16).map((serial) => ({ applicationId: '95' as const, serviceType, serial }))),
);
const routing = fc.option(fc.record({ zip: digits(5), plus4: digits(4) }, { requiredKeys: ['zip'] }), { nil: undefined });
const impbParts = fc.tuple(packageParts, routing).map(([parts, r]) => (r === undefined ? parts : { ...parts, routing: r }));
const legacyParts = fc.record({ serviceType: digits(2), mailerId: digits(9), serial: digits(8) });
const s10Parts = fc.record({ serviceIndicator: letters, serial: digits(8), country: fc.constantFrom(...isoCountryCodes) });

const readingsOf = (result: ArticleNumber): readonly ImpbNumber[] =>
  result.kind === 'impb' ? [result] : result.kind === 'ambiguous' ? result.readings : [];

const partsOf = (reading: ImpbNumber): ImpbParts => ({
  applicationId: reading.applicationId,
  serviceType: reading.serviceType,
  ...(reading.sourceId === undefined ? {} : { sourceId: reading.sourceId }),
  ...(reading.mailerId === null ? {} : { mailerId: reading.mailerId }),
  serial: reading.serial,
  ...(reading.routing === undefined ? {} : { routing: reading.routing }),
});

/** Every way to change one digit of `text` to another digit. */
const oneDigitChange = (text: string) =>
  fc
    .tuple(fc.constantFrom(...[...text].flatMap((c, i) => (/\d/.test(c) ? [i] : []))), fc.integer({ min: 1, max: 9 }))
    .map(([i, shift]) => `${text.slice(0, i)}${(Number(text[i]) + shift) % 10}${text.slice(i + 1)}`);

const s10Weights = [8, 6, 4, 2, 3, 5, 9, 7];
const s10Remainder = (number: string) => s10Weights.reduce((sum, w, i) => sum + w * Number(number[2 + i]), 0) % 11;

describe('article number properties', () => {
  it('formatting then parsing gives back the parts (among the readings when 34 digits read two ways)', () => {
    fc.assert(
      fc.property(impbParts, (parts) => {
        expect(readingsOf(parseArticleNumber(formatImpb(parts))).map(partsOf)).toContainEqual(parts);
      }),
    );
    fc.assert(
      fc.property(legacyParts, (parts) => {
        expect(parseArticleNumber(formatLegacy20(parts))).toMatchObject({ kind: 'legacy20', ...parts });
      }),
    );
    fc.assert(
      fc.property(s10Parts, (parts) => {
        expect(parseArticleNumber(formatS10(parts))).toMatchObject({ kind: 's10', ...parts });
      }),
    );
  });

  it('every single-digit change to an IMpb package number or a legacy 20-digit number breaks its check digit', () => {
    const numbers = fc.oneof(packageParts.map(formatImpb), legacyParts.map(formatLegacy20));
    fc.assert(
      fc.property(
        numbers.chain((number) => fc.tuple(fc.constant(number), oneDigitChange(number))),
        ([, changed]) => {
          expect(parseArticleNumber(changed).kind).toBe('invalid');
        },
      ),
    );
  });

  it('every single-digit change to an S10 number breaks its check digit, except between weighted sums of remainder 0 and 6', () => {
    fc.assert(
      fc.property(
        s10Parts.map(formatS10).chain((number) => fc.tuple(fc.constant(number), oneDigitChange(number))),
        ([number, changed]) => {
          const result = parseArticleNumber(changed);
          // A serial moved between remainders 0 and 6 keeps the check digit 5: the one blind spot of the S10 check digit.
          const serialChanged = number.slice(2, 10) !== changed.slice(2, 10);
          const blindSpot = serialChanged && [s10Remainder(number), s10Remainder(changed)].every((r) => r === 0 || r === 6);
          if (!blindSpot) expect(result.kind).toBe('invalid');
          else expect(result).toMatchObject({ kind: 's10', normalised: changed });
        },
      ),
    );
  });

  it('a routing prefix never changes the check digit, and a changed ZIP keeps the package number valid', () => {
    fc.assert(
      fc.property(packageParts, routing, digits(5), (parts, r, otherZip) => {
        const bare = formatImpb(parts);
        const routed = formatImpb({ ...parts, routing: r ?? { zip: '00000' } });
        expect(routed.endsWith(bare)).toBe(true);
        const rezipped = formatImpb({ ...parts, routing: { ...(r ?? {}), zip: otherZip } });
        for (const number of [routed, rezipped]) {
          expect(readingsOf(parseArticleNumber(number)).map((reading) => reading.packageNumber)).toContain(bare);
        }
      }),
    );
  });

  it('normalising is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom(...'0123456789 -–aZß\t') })), (text) => {
        const once = normaliseArticleNumber(text);
        expect(normaliseArticleNumber(once)).toBe(once);
      }),
    );
  });

  it('parsing never throws, and says why when it refuses', () => {
    const nearlyNumbers = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 18, maxLength: 40 }),
      impbParts.map(formatImpb).chain((number) => fc.tuple(fc.constant(number), fc.string({ maxLength: 3 })).map(([n, s]) => `${s}${n}`)),
      fc.string({ unit: fc.constantFrom(...'0123456789ABGUSXZ -'), minLength: 11, maxLength: 15 }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), nearlyNumbers), (text) => {
        const result = parseArticleNumber(text);
        expect(['impb', 'legacy20', 's10', 'ambiguous', 'invalid']).toContain(result.kind);
        if (result.kind === 'invalid') expect(result.reason).not.toBe('');
        expect(result.normalised).toBe(normaliseArticleNumber(text));
      }),
      { numRuns: 2000 },
    );
  });
});
