import { describe, expect, it } from 'vitest';
import { formatImpb } from './format-impb.ts';
import { formatLegacy20 } from './format-legacy20.ts';
import { normaliseArticleNumber } from './normalise-article-number.ts';
import { parseArticleNumber } from './parse-article-number.ts';

const reasonOf = (text: string): string => {
  const result = parseArticleNumber(text);
  return result.kind === 'invalid' ? result.reason : `not invalid: ${result.kind}`;
};

describe('parseArticleNumber: published numbers', () => {
  it('reads the Publication 199 check-digit example, typed in groups of four', () => {
    expect(parseArticleNumber('9212 3912 3456 7812 3456 70')).toEqual({
      kind: 'impb',
      applicationId: '92',
      serviceType: '123',
      mailerId: '912345678',
      serial: '1234567',
      checkDigit: 0,
      packageNumber: '9212391234567812345670',
      form: 22,
      normalised: '9212391234567812345670',
    });
  });

  it('reads (420)12345(93)02234567890123456788, the 30-digit example in vendor IMpb documentation', () => {
    expect(parseArticleNumber('420123459302234567890123456788')).toMatchObject({
      kind: 'impb',
      applicationId: '93',
      serviceType: '022',
      mailerId: '345678',
      serial: '9012345678',
      checkDigit: 8,
      routing: { zip: '12345' },
      form: 30,
      packageNumber: '9302234567890123456788',
    });
  });

  it('reads AA473124829GB, the example of the UPU S10 standard, however it is typed', () => {
    const expected = { kind: 's10', serviceIndicator: 'AA', serial: '47312482', checkDigit: 9, country: 'GB', normalised: 'AA473124829GB' };
    expect(parseArticleNumber('AA473124829GB')).toEqual(expected);
    expect(parseArticleNumber(' aa 473-124-829 gb ')).toEqual(expected);
  });
});

describe('parseArticleNumber: built numbers', () => {
  it('reads an online (94) number with its source identifier and a 6-digit Mailer ID', () => {
    const number = formatImpb({ applicationId: '94', serviceType: '001', sourceId: '10', mailerId: '123456', serial: '00000001' });
    expect(number).toHaveLength(22);
    expect(parseArticleNumber(number)).toMatchObject({ applicationId: '94', sourceId: '10', mailerId: '123456', serial: '00000001' });
  });

  it('reads an online (94) number with a 9-digit Mailer ID', () => {
    const number = formatImpb({ applicationId: '94', serviceType: '055', sourceId: '15', mailerId: '901234567', serial: '00042' });
    expect(parseArticleNumber(number)).toMatchObject({ applicationId: '94', sourceId: '15', mailerId: '901234567', serial: '00042' });
  });

  it('reads a USPS retail (95) number without a Mailer ID', () => {
    const number = formatImpb({ applicationId: '95', serviceType: '055', serial: '1234567890123456' });
    expect(parseArticleNumber(number)).toMatchObject({ kind: 'impb', applicationId: '95', mailerId: null, serial: '1234567890123456' });
  });

  it('reads a 26-digit number, bare and behind 420 + ZIP+4 (38 digits)', () => {
    const parts = { applicationId: '92', serviceType: '055', mailerId: '912345678', serial: '00000000001' } as const;
    expect(parseArticleNumber(formatImpb(parts))).toMatchObject({ form: 26, serial: '00000000001' });
    const routed = formatImpb({ ...parts, routing: { zip: '20260', plus4: '0004' } });
    expect(parseArticleNumber(routed)).toMatchObject({ form: 38, routing: { zip: '20260', plus4: '0004' }, serial: '00000000001' });
  });

  it('reads a 22-digit 91 number with its two-digit service type code', () => {
    expect(
      parseArticleNumber(formatImpb({ applicationId: '91', serviceType: '01', mailerId: '123456789', serial: '00000001' })),
    ).toMatchObject({
      applicationId: '91',
      serviceType: '01',
      mailerId: '123456789',
      serial: '00000001',
    });
  });

  it('reads a legacy 20-digit number, its check digit computed with the implied 91', () => {
    const number = formatLegacy20({ serviceType: '01', mailerId: '123456789', serial: '00000001' });
    expect(parseArticleNumber(number)).toEqual({
      kind: 'legacy20',
      impliedApplicationId: '91',
      serviceType: '01',
      mailerId: '123456789',
      serial: '00000001',
      checkDigit: Number(number.at(-1)),
      normalised: number,
    });
    expect(parseArticleNumber(`91${number}`)).toMatchObject({ kind: 'impb', applicationId: '91', checkDigit: Number(number.at(-1)) });
  });

  it('reports 34 digits that read as 420 + ZIP+4 + 22 digits and as 420 + ZIP + 26 digits as ambiguous, with both readings', () => {
    // The +4 9300 doubles as the start of a 93 package number, and its weighted sum is 0 modulo 10.
    const number = formatImpb({
      applicationId: '92',
      serviceType: '055',
      mailerId: '912345678',
      serial: '1234567',
      routing: { zip: '20260', plus4: '9300' },
    });
    const result = parseArticleNumber(number);
    expect(result.kind).toBe('ambiguous');
    if (result.kind !== 'ambiguous') return;
    expect(result.readings.map((r) => [r.routing, r.applicationId, r.packageNumber])).toEqual([
      [{ zip: '20260', plus4: '9300' }, '92', '9205591234567812345674'],
      [{ zip: '20260' }, '93', '93009205591234567812345674'],
    ]);
  });

  it('reads 34 digits one way when only one reading has a valid check digit', () => {
    const number = formatImpb({
      applicationId: '92',
      serviceType: '055',
      mailerId: '912345678',
      serial: '1234567',
      routing: { zip: '20260', plus4: '9301' },
    });
    expect(parseArticleNumber(number)).toMatchObject({ kind: 'impb', form: 34, routing: { zip: '20260', plus4: '9301' } });
  });
});

describe('parseArticleNumber: reasons', () => {
  it.each([
    ['', 'no article number given'],
    [' - ', 'no article number given'],
    ['9212391234567812345670.', "'.' is not a digit or letter"],
    ['EA12345678US', 'only S10 numbers have letters, and they are 13 characters, not 12'],
    ['A1473124829GB', 'an S10 number is two letters, eight digits, a check digit and a two-letter country code'],
    ['AA473124828GB', 'check digit is 8, expected 9'],
    ['AA473124829XX', "S10 country code 'XX' is not an ISO 3166 code"],
    ['AA473124829UK', "S10 country code 'UK' is not an ISO 3166 code"],
    ['123456789012345678901', 'length 21 is not an article number length (13, 20, 22, 26, 30, 34, 38)'],
    ['01123456789000000018', 'check digit is 8, expected 3'],
    // 1 would be right if the implied 91 were left out of the sum.
    ['01123456789000000011', 'check digit is 1, expected 3'],
    ['9012391234567812345670', 'application identifier 90 is not an IMpb channel (91, 92, 93, 94 or 95)'],
    ['91012345678900000001000000', 'application identifier 91 numbers are 22 digits, not 26'],
    ['9212381234567812345670', 'application identifier 92 needs a 9-digit Mailer ID (starting with 9), but it starts with 8'],
    ['9302294567890123456788', 'application identifier 93 needs a 6-digit Mailer ID (000000–899999), but it starts with 9'],
    ['9212391234567812345674', 'check digit is 4, expected 0'],
    ['421123459302234567890123456788', 'a 30-digit IMpb starts with the routing prefix 420, not 421'],
    [
      '4201234567899212391234567812345671',
      'read as 420 + ZIP+4 + a 22-digit package number, check digit is 1, expected 0; ' +
        'read as 420 + ZIP + a 26-digit package number, application identifier 67 is not an IMpb channel (91, 92, 93, 94 or 95)',
    ],
  ])('%j: %s', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });

  it('keeps the normalised text with the reason', () => {
    expect(parseArticleNumber('aa 473 124 829 xx')).toEqual({
      kind: 'invalid',
      reason: "S10 country code 'XX' is not an ISO 3166 code",
      normalised: 'AA473124829XX',
    });
  });
});

describe('normaliseArticleNumber', () => {
  it('strips spaces, tabs, hyphens and dashes and upper-cases letters', () => {
    expect(normaliseArticleNumber(' ea-123\t456–785 us\n')).toBe('EA123456785US');
  });
});

describe('formatImpb', () => {
  it.each([
    [{ applicationId: '92', serviceType: '055', mailerId: '812345678', serial: '1234567' }, /9-digit Mailer ID/],
    [{ applicationId: '93', serviceType: '055', mailerId: '912345', serial: '1234567890' }, /6-digit Mailer ID/],
    [{ applicationId: '92', serviceType: '055', mailerId: '912345678', serial: '123456' }, /22 or 26 digits, these parts make 21/],
    [{ applicationId: '94', serviceType: '055', mailerId: '912345678', serial: '1234567' }, /do not fit/],
    [{ applicationId: '92', serviceType: '055', mailerId: '912345678', serial: '1234567', routing: { zip: '1234' } }, /5-digit ZIP/],
  ] as const)('refuses %j', (parts, message) => {
    expect(() => formatImpb(parts)).toThrow(message);
  });
});
