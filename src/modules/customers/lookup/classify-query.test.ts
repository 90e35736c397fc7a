import { describe, expect, it } from 'vitest';
import { classifyQuery } from './classify-query.ts';
import type { QueryInterpretation } from './types.ts';

/** The first (most likely) interpretation, reduced to what the examples check. */
function first(text: string): Pick<QueryInterpretation, 'kind' | 'normalised' | 'confidence'> | undefined {
  const top = classifyQuery(text)[0];
  return top && { kind: top.kind, normalised: top.normalised, confidence: top.confidence };
}

function kinds(text: string): string[] {
  return classifyQuery(text).map((i) => `${i.kind}:${i.confidence}`);
}

describe('classifyQuery: e-mail', () => {
  it('normalises through the crypto normaliser', () => {
    expect(first('  Jane.Doe@Example.ORG ')).toEqual({ kind: 'email', normalised: 'jane.doe@example.org', confidence: 'exact' });
    expect(first('J.A.N.E+orders@googlemail.com')).toEqual({ kind: 'email', normalised: 'jane@gmail.com', confidence: 'exact' });
  });

  it.each(['jane@localhost', 'a@@x.org', 'a@b@c.org', '@example.org', 'jane@', '@'])('recognises nothing in %j', (text) => {
    expect(classifyQuery(text)).toEqual([]);
  });
});

describe('classifyQuery: phone', () => {
  it.each(['(202) 268-2000', '202.268.2000', '+1 202 268 2000', '1-202-268-2000', '202-268-2000 x123', '(202) 268-2000 ext. 45'])(
    'reads %j as the phone +12022682000, exactly',
    (text) => {
      expect(classifyQuery(text)).toEqual([{ kind: 'phone', normalised: '+12022682000', confidence: 'exact' }]);
    },
  );

  it('reads ten bare digits as likely a phone, possibly an account number or identifier', () => {
    expect(kinds('2022682000')).toEqual(['phone:likely', 'account_number:possible', 'identifier:possible']);
  });

  it('reads eleven bare digits starting with 1 as a phone first, a delivery-point ZIP second', () => {
    expect(kinds('12022682000').slice(0, 2)).toEqual(['phone:likely', 'zip11:possible']);
  });

  it('does not index numbers that cannot exist', () => {
    expect(kinds('555-555-5555')).not.toContain('phone:exact');
    expect(classifyQuery('555-555-5555 x12')).toEqual([]);
  });

  it('accepts international numbers written with +', () => {
    expect(first('+44 20 7946 0958')).toMatchObject({ kind: 'phone', normalised: '+442079460958' });
  });
});

describe('classifyQuery: ZIP codes', () => {
  it('reads 5 digits as likely a ZIP', () => {
    expect(first('20260')).toEqual({ kind: 'zip', normalised: '20260', confidence: 'likely' });
  });

  it('reads ZIP+4 exactly when hyphenated, likely when bare', () => {
    expect(classifyQuery('20260-0004')).toEqual([{ kind: 'zip4', normalised: '202600004', confidence: 'exact' }]);
    expect(first('202600004')).toEqual({ kind: 'zip4', normalised: '202600004', confidence: 'likely' });
  });

  it('reads the 11-digit delivery-point ZIP', () => {
    expect(classifyQuery('20260-0004-99')).toEqual([{ kind: 'zip11', normalised: '20260000499', confidence: 'exact' }]);
    expect(first('20260000499')).toEqual({ kind: 'zip11', normalised: '20260000499', confidence: 'likely' });
  });
});

describe('classifyQuery: Caseline identifiers', () => {
  it.each(['C-2025-000123', 'c-2025-000123', 'C2025000123', 'c 2025 000123', 'C--2025 - 000123'])('reads %j as a case number', (text) => {
    expect(classifyQuery(text)).toEqual([{ kind: 'case_number', normalised: 'C-2025-000123', confidence: 'exact' }]);
  });

  it('reads a UUID as a customer id in canonical form', () => {
    expect(classifyQuery('6F1C2E9A-1B2C-4D5E-8F90-123456789ABC')).toEqual([
      { kind: 'customer_id', normalised: '6f1c2e9a-1b2c-4d5e-8f90-123456789abc', confidence: 'exact' },
    ]);
    expect(first('6f1c2e9a1b2c4d5e8f90123456789abc')?.normalised).toBe('6f1c2e9a-1b2c-4d5e-8f90-123456789abc');
  });
});

describe('classifyQuery: article and pickup numbers', () => {
  it('reads a 22-digit IMpb starting 91–95 as likely an article number', () => {
    expect(kinds('9400 1000 0000 0000 0000 00')).toEqual(['article_number:likely']);
    expect(first('9400 1000 0000 0000 0000 00')?.normalised).toBe('9400100000000000000000');
  });

  it('reads 22 digits with another prefix only as possibly an article number', () => {
    expect(kinds('1234567890123456789012')).toEqual(['article_number:possible']);
  });

  it('reads the 20- and 26-digit forms', () => {
    expect(kinds('70161234567890123456')).toEqual(['article_number:likely']);
    expect(kinds('92055901755477000000000015')).toEqual(['article_number:likely']);
  });

  it('drops the 420+ZIP and 420+ZIP+4 routing prefixes of scanned barcodes', () => {
    expect(first('420202609400100000000000000000')).toEqual({
      kind: 'article_number',
      normalised: '9400100000000000000000',
      confidence: 'likely',
    });
    expect(first('4202026000049400100000000000000000')).toEqual({
      kind: 'article_number',
      normalised: '9400100000000000000000',
      confidence: 'likely',
    });
  });

  it('reads an S10 number with a correct check digit exactly, in any case and grouping', () => {
    for (const text of ['EA123456785US', 'ea 123 456 785 us', 'EA-123456785-US', 'RR123456785GB']) {
      expect(classifyQuery(text)).toEqual([
        { kind: 'article_number', normalised: text.toUpperCase().replace(/[\s-]/gu, ''), confidence: 'exact' },
      ]);
    }
  });

  it('falls back to an identifier when the S10 check digit is wrong', () => {
    expect(classifyQuery('EA123456784US')).toEqual([{ kind: 'identifier', normalised: 'EA123456784US', confidence: 'possible' }]);
  });

  it('reads WTC followed by digits as a pickup confirmation number', () => {
    expect(classifyQuery('WTC123456789')).toEqual([{ kind: 'pickup_number', normalised: 'WTC123456789', confidence: 'exact' }]);
    expect(first('wtc 1234 5678')?.normalised).toBe('WTC12345678');
    expect(first('WTC12')).toEqual({ kind: 'identifier', normalised: 'WTC12', confidence: 'possible' });
  });
});

describe('classifyQuery: SSN last four', () => {
  it('reads 4 digits as possibly an SSN last four, flagged alone', () => {
    expect(classifyQuery('4821')[0]).toEqual({ kind: 'ssn_last4', normalised: '4821', confidence: 'possible', alone: true });
    expect(kinds('4821')).toEqual(['ssn_last4:possible', 'account_number:possible', 'identifier:possible']);
  });

  it('never reads 0000 as an SSN last four', () => {
    expect(kinds('0000')).not.toContain('ssn_last4:possible');
  });

  it.each(['123-45-6789', '123 45 6789'])('recognises nothing in a whole SSN (%j), so that it is never searched', (text) => {
    expect(classifyQuery(text)).toEqual([]);
  });
});

describe('classifyQuery: SIC and NAICS', () => {
  it('reads prefixed codes', () => {
    expect(classifyQuery('SIC 7389')).toEqual([{ kind: 'sic_naics', normalised: '7389', confidence: 'exact', scheme: 'sic' }]);
    expect(classifyQuery('naics: 541511')).toEqual([{ kind: 'sic_naics', normalised: '541511', confidence: 'exact', scheme: 'naics' }]);
    expect(classifyQuery('NAICS code 54')[0]).toMatchObject({ kind: 'sic_naics', normalised: '54' });
  });

  it('refuses codes of the wrong length', () => {
    expect(classifyQuery('SIC 738')).toEqual([]);
    expect(classifyQuery('NAICS 5415111')).toEqual([]);
  });
});

describe('classifyQuery: names', () => {
  it('reads a name, folding case and accents', () => {
    expect(classifyQuery("  José  O'Brien-Peña ")).toEqual([{ kind: 'name', normalised: 'jose obrien pena', confidence: 'likely' }]);
    expect(first('Mary J. Blige Jr.')?.normalised).toBe('mary j blige jr');
  });

  it("reads 'Last, First' as 'First Last'", () => {
    expect(first('Smith, John')).toEqual({ kind: 'name', normalised: 'john smith', confidence: 'likely' });
  });

  it('splits a name followed by a ZIP into a compound', () => {
    expect(classifyQuery('Smith 20260')).toEqual([
      {
        kind: 'compound',
        combination: 'name_with_zip',
        parts: [
          { kind: 'name', normalised: 'smith', confidence: 'likely' },
          { kind: 'zip', normalised: '20260', confidence: 'likely' },
        ],
        normalised: 'smith + 20260',
        confidence: 'likely',
      },
    ]);
    expect(classifyQuery('Smith, John 20260-1234')[0]).toMatchObject({
      combination: 'name_with_zip',
      parts: [{ normalised: 'john smith' }, { kind: 'zip4', normalised: '202601234' }],
    });
  });

  it('splits a name followed by four digits into a name with SSN last four, not flagged alone', () => {
    const [only, ...rest] = classifyQuery('John Smith 4821');
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ kind: 'compound', combination: 'name_with_ssn_last4', normalised: 'john smith + 4821' });
    expect(only?.kind === 'compound' && only.parts[1]).toEqual({ kind: 'ssn_last4', normalised: '4821', confidence: 'likely' });
  });

  it('does not pair a name with 0000', () => {
    expect(classifyQuery('John Smith 0000')).toEqual([]);
  });
});

describe('classifyQuery: nothing to find', () => {
  it.each(['', '   ', '1600 Pennsylvania Ave', '!!!', "'-.", 'x'.repeat(300)])('recognises nothing in %j', (text) => {
    expect(classifyQuery(text)).toEqual([]);
  });

  it('reads one token of letters and digits as another customer identifier', () => {
    expect(classifyQuery('PI-12345x')).toEqual([{ kind: 'identifier', normalised: 'PI12345X', confidence: 'possible' }]);
  });
});
