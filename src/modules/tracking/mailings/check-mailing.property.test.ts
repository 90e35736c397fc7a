import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMailing, InvalidMailingField } from './check-mailing.ts';
import { entryPoints, mailClasses, permitTypes, presortLevels, replyKinds, type NewMailing } from './mailing.ts';

const zone = 'America/New_York';
const now = new Date('2026-11-25T17:00:00Z');
const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const spaced = (text: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom('', ' ', '  '), text, fc.constantFrom('', ' ', '\t')).map(([a, t, b]) => `${a}${t}${b}`);

const mostly = <T>(valid: fc.Arbitrary<T>, other: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: other });
const categoriesOf = {
  first_class: ['letters', 'flats'],
  marketing: ['letters', 'flats', 'parcels'],
  periodicals: ['letters', 'flats'],
  bound_printed_matter: ['flats', 'parcels'],
  package_services: ['flats', 'parcels'],
} as const;

// Mostly consistent mailings with untidy text, and now and then a value across a rule: the
// refused ones are skipped, every accepted one must check to a fixed point.
const input: fc.Arbitrary<NewMailing> = fc
  .record({
    mailClass: fc.constantFrom(...(Object.keys(mailClasses) as NewMailing['mailClass'][])),
    pick: fc.nat(),
    nine: fc.boolean(),
    pieceCount: mostly(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: -1, max: 20_000_000 })),
    first: fc.integer({ min: 0, max: 900_000 }),
    spare: mostly(fc.integer({ min: 0, max: 50 }), fc.integer({ min: -10, max: -1 })),
    entry: fc.constantFrom(...(Object.keys(entryPoints) as NewMailing['entry'][])),
    dateOffset: mostly(fc.integer({ min: -300, max: 25 }), fc.integer({ min: -400, max: 40 })),
    appointmentHours: fc.option(fc.integer({ min: 5, max: 24 * 25 }), { nil: null }),
  })
  .chain(({ mailClass, pick, nine, pieceCount, first, spare, entry, dateOffset, appointmentHours }) => {
    const allowed = categoriesOf[mailClass];
    const processingCategory = allowed[pick % allowed.length]!;
    const parcels = processingCategory === 'parcels';
    const mailingDate = new Date(now.getTime() + dateOffset * 86_400_000).toISOString().slice(0, 10);
    const appointmentAt =
      appointmentHours === null ? null : new Date(Date.parse(`${mailingDate}T00:00:00Z`) + appointmentHours * 3_600_000).toISOString();
    return fc.record({
      mailingId: spaced(mostly(fc.string({ unit: fc.constantFrom(...'Ab1 ._/#-'), minLength: 1, maxLength: 38 }), fc.string())),
      mailerId: mostly(
        nine ? digits(8, 8).map((d) => `9${d}`) : fc.tuple(fc.constantFrom(...'012345678'), digits(5, 5)).map(([a, b]) => a + b),
        digits(5, 10),
      ),
      serialFirst: fc.constant(parcels ? null : first),
      serialLast: fc.constant(parcels ? null : first + pieceCount - 1 + spare),
      postageStatement: spaced(mostly(fc.string({ unit: fc.constantFrom(...'aZ09-'), minLength: 1, maxLength: 20 }), fc.string())),
      mailingDate: fc.constant(mailingDate),
      mailClass: fc.constant(mailClass),
      processingCategory: fc.constant(processingCategory),
      priceCategory: spaced(mostly(fc.string({ unit: fc.constantFrom(...'Auto mation(),'), minLength: 1, maxLength: 55 }), fc.string())),
      presortLevel: fc.constantFrom(...(Object.keys(presortLevels) as NewMailing['presortLevel'][])),
      pieceCount: fc.constant(pieceCount),
      weightGrams: mostly(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: -1, max: 0 })),
      postageCents: mostly(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -5, max: -1 })),
      permitNumber: spaced(mostly(digits(1, 8), digits(0, 10))),
      permitType: fc.constantFrom(...permitTypes),
      containerLabels: fc.option(fc.uniqueArray(spaced(mostly(digits(24, 24), digits(22, 25))), { maxLength: 4 }), { nil: undefined }),
      entry: fc.constant(entry),
      dropShipCode:
        entry === 'origin'
          ? mostly(fc.constant(null), fc.constant('X1'))
          : spaced(mostly(fc.string({ unit: fc.constantFrom(...'aB3'), minLength: 1, maxLength: 12 }), fc.string({ maxLength: 14 }))),
      appointmentAt: fc.constant(appointmentAt),
      reply: fc.option(fc.record({ kind: fc.constantFrom(...replyKinds), permitNumber: spaced(digits(1, 8)) }), { nil: null }),
      problems: fc.option(spaced(fc.string({ maxLength: 50 })), { nil: null }),
    });
  });

describe('checkMailing (property)', () => {
  it('is idempotent: a checked mailing checks to itself', () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, (raw) => {
        let checked;
        try {
          checked = checkMailing(raw, now, zone);
        } catch (error) {
          if (error instanceof InvalidMailingField) return;
          throw error;
        }
        accepted += 1;
        expect(checkMailing(checked, now, zone)).toEqual(checked);
      }),
      { numRuns: 3000 },
    );
    // The generator must reach the accepting side often enough for the property to say anything.
    expect(accepted).toBeGreaterThan(300);
  });
});
