import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { directionals } from './directionals.ts';
import { normaliseAddress } from './normalise-address.ts';
import type { NormalisedAddress } from './normalised-address.ts';
import { secondaryUnitDesignators } from './secondary-unit-designators.ts';
import { streetSuffixes } from './street-suffixes.ts';

/** Every spelling in a table, grouped under the standard form it normalises to. */
function spellingsByStandard(table: ReadonlyMap<string, string>): ReadonlyMap<string, readonly string[]> {
  const grouped = new Map<string, string[]>();
  for (const [spelling, standard] of table) grouped.set(standard, [...(grouped.get(standard) ?? []), spelling]);
  return grouped;
}

const suffixSpellings = spellingsByStandard(streetSuffixes);
const directionalSpellings = spellingsByStandard(directionals);
const unitSpellings = spellingsByStandard(new Map([...secondaryUnitDesignators].map(([spelling, unit]) => [spelling, unit.abbreviation])));
const standaloneUnits = new Set(
  [...secondaryUnitDesignators.values()].filter((unit) => !unit.requiresRange).map((unit) => unit.abbreviation),
);

const reserved = (word: string) => streetSuffixes.has(word) || directionals.has(word) || secondaryUnitDesignators.has(word);
const nameWord = fc.stringMatching(/^[A-Z]{2,9}$/).filter((word) => !reserved(word));

/** An address in standard form: what every spelling of it must normalise to. */
interface StandardAddress {
  readonly primaryNumber: string;
  readonly preDirectional: string | null;
  readonly streetName: string;
  readonly suffix: string | null;
  readonly postDirectional: string | null;
  readonly unit: { readonly designator: string; readonly number: string | null } | null;
  readonly state: string;
  readonly zip: string;
}

const pick = (spellings: ReadonlyMap<string, readonly string[]>) => fc.constantFrom(...spellings.keys());

const standardAddress: fc.Arbitrary<StandardAddress> = fc.record({
  primaryNumber: fc.oneof(fc.stringMatching(/^[1-9]\d{0,4}$/), fc.stringMatching(/^[1-9]\d{0,2}-\d{2}$/), fc.constant('101 1/2')),
  preDirectional: fc.option(pick(directionalSpellings), { nil: null }),
  streetName: fc.array(nameWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(' ')),
  suffix: fc.option(pick(suffixSpellings), { nil: null }),
  postDirectional: fc.option(pick(directionalSpellings), { nil: null }),
  unit: fc.option(
    fc.oneof(
      fc.record({ designator: fc.constantFrom(...unitSpellings.keys(), '#'), number: fc.stringMatching(/^\d{1,4}[A-Z]?$/) }),
      fc.record({ designator: fc.constantFrom(...standaloneUnits), number: fc.constant(null) }),
    ),
    { nil: null },
  ),
  state: fc.constantFrom('DC', 'NY', 'CA', 'TX', 'PR'),
  zip: fc.oneof(fc.stringMatching(/^[1-9]\d{4}$/), fc.stringMatching(/^[1-9]\d{4}-\d{4}$/)),
});

const spellingOf = (spellings: ReadonlyMap<string, readonly string[]>, standard: string) =>
  fc.constantFrom(...(spellings.get(standard) ?? [standard]));
const optionalSpelling = (spellings: ReadonlyMap<string, readonly string[]>, standard: string | null) =>
  standard === null ? fc.constant<string[]>([]) : spellingOf(spellings, standard).map((word) => [word]);

/** A random way of writing the address: any table spelling, any casing, abbreviation periods, commas and stray spaces. */
function writtenAs(address: StandardAddress): fc.Arbitrary<string> {
  const unit = address.unit;
  const unitWords =
    unit === null
      ? fc.constant<string[]>([])
      : unit.designator === '#'
        ? fc.constantFrom([`#${unit.number ?? ''}`], ['#', unit.number ?? ''])
        : spellingOf(unitSpellings, unit.designator).map((word) => (unit.number === null ? [word] : [word, unit.number]));
  return fc
    .tuple(
      optionalSpelling(directionalSpellings, address.preDirectional),
      optionalSpelling(suffixSpellings, address.suffix),
      optionalSpelling(directionalSpellings, address.postDirectional),
      unitWords,
    )
    .chain(([pre, suffix, post, unitPart]) => {
      const words = [...address.primaryNumber.split(' '), ...pre, ...address.streetName.split(' '), ...suffix, ...post, ...unitPart];
      return fc
        .tuple(...words.map((word) => fc.tuple(fc.mixedCase(fc.constant(word)), fc.boolean(), fc.constantFrom(' ', '  ', ', ', ' - '))))
        .map((written) =>
          written.map(([word, period, separator]) => `${word}${period && /^[A-Za-z]+$/.test(word) ? '.' : ''}${separator}`).join(''),
        );
    });
}

const expectedLine = (address: StandardAddress) =>
  [
    address.primaryNumber,
    address.preDirectional,
    address.streetName,
    address.suffix,
    address.postDirectional,
    address.unit?.designator ?? null,
    address.unit?.number ?? null,
  ]
    .filter((part) => part !== null)
    .join(' ');

const normalise = (address: StandardAddress, lines: string) =>
  normaliseAddress({ lines, city: 'Springfield', state: address.state, zip: address.zip });

const again = (address: NormalisedAddress) =>
  normaliseAddress({
    lines: address.deliveryLine,
    city: address.city,
    state: address.state,
    zip: `${address.zip5}${address.zip4 === null ? '' : `-${address.zip4}`}`,
  });

describe('normaliseAddress properties', () => {
  it('recovers the standard parts from any spelling, casing and punctuation', () => {
    fc.assert(
      fc.property(
        standardAddress.chain((address) => fc.tuple(fc.constant(address), writtenAs(address))),
        ([address, lines]) => {
          const normalised = normalise(address, lines);
          expect(normalised).toMatchObject({
            kind: 'street',
            primaryNumber: address.primaryNumber,
            preDirectional: address.preDirectional,
            streetName: address.streetName,
            suffix: address.suffix,
            postDirectional: address.postDirectional,
            unitDesignator: address.unit?.designator ?? null,
            unitNumber: address.unit?.number ?? null,
          });
          expect(normalised.deliveryLine).toBe(expectedLine(address));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is idempotent: normalising the standard output again gives the same address', () => {
    fc.assert(
      fc.property(
        standardAddress.chain((address) => fc.tuple(fc.constant(address), writtenAs(address))),
        ([address, lines]) => {
          const normalised = normalise(address, lines);
          expect(again(normalised)).toEqual(normalised);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('normalises two different spellings of one address to the same lines', () => {
    fc.assert(
      fc.property(
        standardAddress.chain((address) => fc.tuple(fc.constant(address), writtenAs(address), writtenAs(address))),
        ([address, first, second]) => {
          const a = normalise(address, first);
          const b = normalise(address, second);
          expect([a.deliveryLine, a.lastLine]).toEqual([b.deliveryLine, b.lastLine]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is idempotent for PO box, rural route and highway contract lines', () => {
    const boxNumber = fc.stringMatching(/^[1-9]\d{0,4}[A-Z]?$/);
    const line = fc.oneof(
      fc.tuple(fc.constantFrom('P.O. Box', 'PO BOX', 'post office box', 'Box'), boxNumber).map(([box, n]) => `${box} ${n}`),
      fc
        .tuple(
          fc.constantFrom('RR', 'Rural Route', 'RFD', 'HC', 'Highway Contract', 'Star Route'),
          fc.integer({ min: 1, max: 99 }),
          boxNumber,
        )
        .map(([route, n, box]) => `${route} ${n}, Box ${box}`),
    );
    fc.assert(
      fc.property(line, (lines) => {
        const normalised = normaliseAddress({ lines, city: 'Anytown', state: 'KS', zip: '66001' });
        expect(again(normalised)).toEqual(normalised);
      }),
    );
  });
});
