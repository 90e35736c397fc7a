import { describe, expect, it } from 'vitest';
import { checkMailing, checkProblems, InvalidMailingField, maxContainerLabels } from './check-mailing.ts';
import type { NewMailing } from './mailing.ts';

const zone = 'America/New_York';
// 25 November 2026, noon in New York.
const now = new Date('2026-11-25T17:00:00Z');
const label = (n: number) => `99M${String(n).padStart(21, '0')}`.replace('99M', '990');

const mailing: NewMailing = {
  mailingId: ' Fall  catalog 2026 ',
  mailerId: '123456',
  serialFirst: 1000,
  serialLast: 1999,
  postageStatement: ' ps-8842 ',
  mailingDate: '2026-11-27',
  mailClass: 'marketing',
  processingCategory: 'letters',
  priceCategory: 'Automation',
  presortLevel: '5_digit',
  pieceCount: 1000,
  weightGrams: 28_000,
  postageCents: 31_900,
  permitNumber: '1234',
  permitType: 'permit_imprint',
  containerLabels: [label(1), `${label(2).slice(0, 12)} ${label(2).slice(12)}`],
  entry: 'dscf',
  dropShipCode: 'scf207',
  appointmentAt: '2026-11-28T09:30:00-05:00',
  reply: { kind: 'business_reply_mail', permitNumber: '555' },
  problems: '  Two trays short at acceptance.  ',
};

function refusal(input: NewMailing): { field: string; reason: string } {
  try {
    checkMailing(input, now, zone);
  } catch (error) {
    if (error instanceof InvalidMailingField) return { field: error.field, reason: error.reason };
    throw error;
  }
  throw new Error('accepted');
}

describe('checkMailing', () => {
  it('normalises a valid mailing: text squeezed, codes upper case, labels compact, the appointment in UTC', () => {
    expect(checkMailing(mailing, now, zone)).toEqual({
      ...mailing,
      mailingId: 'Fall catalog 2026',
      postageStatement: 'PS-8842',
      containerLabels: [label(1), label(2)],
      dropShipCode: 'SCF207',
      appointmentAt: '2026-11-28T14:30:00.000Z',
      problems: 'Two trays short at acceptance.',
    });
  });

  it('fills what an origin parcel mailing leaves out', () => {
    const parcels = checkMailing(
      {
        ...mailing,
        mailClass: 'package_services',
        processingCategory: 'parcels',
        serialFirst: null,
        serialLast: undefined,
        entry: 'origin',
        dropShipCode: undefined,
        appointmentAt: undefined,
        containerLabels: undefined,
        reply: undefined,
        problems: '   ',
      },
      now,
      zone,
    );
    expect(parcels).toMatchObject({
      serialFirst: null,
      serialLast: null,
      containerLabels: [],
      dropShipCode: null,
      appointmentAt: null,
      reply: null,
      problems: null,
    });
  });

  it.each<[string, Partial<Record<keyof NewMailing, unknown>>, string, RegExp]>([
    ['an empty mailing id', { mailingId: '  ' }, 'mailingId', /1 to 40/],
    ['a mailing id with markup', { mailingId: '<b>x</b>' }, 'mailingId', /letters, digits/],
    ['a 7-digit Mailer ID', { mailerId: '1234567' }, 'mailerId', /6 digits/],
    ['a 6-digit Mailer ID starting with 9 (an IMb reads it as 9 digits)', { mailerId: '912345' }, 'mailerId', /not starting with 9/],
    ['a 9-digit Mailer ID not starting with 9', { mailerId: '812345678' }, 'mailerId', /starting with 9/],
    ['a statement number with a slash', { postageStatement: '12/34' }, 'postageStatement', /letters, digits or hyphens/],
    ['an impossible date', { mailingDate: '2026-02-30' }, 'mailingDate', /calendar date/],
    ['a date as text', { mailingDate: 'next Tuesday' }, 'mailingDate', /YYYY-MM-DD/],
    ['a date too far ahead', { mailingDate: '2027-01-05' }, 'mailingDate', /30 days ahead/],
    ['a date too long ago', { mailingDate: '2025-11-24' }, 'mailingDate', /365 days/],
    ['an unknown class', { mailClass: 'standard' }, 'mailClass', /first_class/],
    ['First-Class parcels', { mailClass: 'first_class', processingCategory: 'parcels' }, 'processingCategory', /for that mail class/],
    ['an empty price category', { priceCategory: '' }, 'priceCategory', /1 to 60/],
    ['an unknown presort level', { presortLevel: '4_digit' }, 'presortLevel', /carrier_route/],
    ['no pieces', { pieceCount: 0 }, 'pieceCount', /from 1/],
    ['a fractional count', { pieceCount: 10.5 }, 'pieceCount', /whole number/],
    ['letters without serials', { serialFirst: null }, 'serialFirst', /required/],
    ['a serial past the 9 digits of a 6-digit Mailer ID', { serialLast: 1_000_000_000 }, 'serialLast', /to 999999999/],
    ['a serial past the 6 digits of a 9-digit Mailer ID', { mailerId: '912345678', serialLast: 1_000_000 }, 'serialLast', /to 999999/],
    ['a range ending before it starts', { serialLast: 999 }, 'serialLast', /not be below/],
    ['a range too small for the count', { serialLast: 1500 }, 'serialLast', /every piece/],
    ['parcels with serials', { mailClass: 'package_services', processingCategory: 'parcels' }, 'serialFirst', /letters and flats/],
    ['no weight', { weightGrams: 0 }, 'weightGrams', /from 1/],
    ['negative postage', { postageCents: -1 }, 'postageCents', /from 0/],
    ['a permit with letters', { permitNumber: 'G-10' }, 'permitNumber', /1 to 8 digits/],
    ['an unknown permit type', { permitType: 'stamps' }, 'permitType', /permit_imprint/],
    ['a 23-digit container label', { containerLabels: [label(1).slice(1)] }, 'containerLabels/0', /24-digit/],
    ['a container label with a letter', { containerLabels: [label(1), `${label(2).slice(0, 23)}X`] }, 'containerLabels/1', /24-digit/],
    ['a container label twice', { containerLabels: [label(1), label(1)] }, 'containerLabels/1', /twice/],
    [
      'too many container labels',
      { containerLabels: Array.from({ length: maxContainerLabels + 1 }, (_, i) => label(i)) },
      'containerLabels',
      /at most/,
    ],
    ['an unknown entry', { entry: 'dbmc' }, 'entry', /origin/],
    ['destination entry without a drop ship code', { dropShipCode: null }, 'dropShipCode', /required/],
    ['origin entry with a drop ship code', { entry: 'origin' }, 'dropShipCode', /destination entry only/],
    ['a drop ship code with punctuation', { dropShipCode: 'SCF-207' }, 'dropShipCode', /letters or digits/],
    ['DSCF entry without an appointment', { appointmentAt: null }, 'appointmentAt', /required for DNDC and DSCF/],
    ['an appointment without a zone', { appointmentAt: '2026-11-28T09:30' }, 'appointmentAt', /zone/],
    ['an appointment before the mailing date', { appointmentAt: '2026-11-26T09:30:00-05:00' }, 'appointmentAt', /on the mailing date/],
    ['an unknown reply kind', { reply: { kind: 'brm', permitNumber: '1' } }, 'reply/kind', /business_reply_mail/],
    ['a reply permit with letters', { reply: { kind: 'qbrm', permitNumber: 'x' } }, 'reply/permitNumber', /digits/],
    ['problems too long', { problems: 'x'.repeat(4001) }, 'problems', /4000/],
  ])('refuses %s, naming %s', (_what, change, field, reason) => {
    const refused = refusal({ ...mailing, ...change } as NewMailing);
    expect(refused.field).toBe(field);
    expect(refused.reason).toMatch(reason);
  });

  it('takes a DDU entry without an appointment, and the agency’s day for the appointment', () => {
    expect(checkMailing({ ...mailing, entry: 'ddu', appointmentAt: null }, now, zone).appointmentAt).toBeNull();
    // 04:30 UTC on the 27th is still the 26th in New York: before the mailing date.
    expect(refusal({ ...mailing, appointmentAt: '2026-11-27T04:30:00Z' }).field).toBe('appointmentAt');
  });
});

describe('checkProblems', () => {
  it('clears empty notes and keeps the rest trimmed', () => {
    expect(checkProblems('   ')).toBeNull();
    expect(checkProblems(null)).toBeNull();
    expect(checkProblems(' Pallet damaged. ')).toBe('Pallet damaged.');
  });
});
