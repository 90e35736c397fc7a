import { describe, expect, it } from 'vitest';
import { classifyQuery } from './classify-query.ts';
import { describeInterpretation, refusalReason, SSN_LAST4_ALONE_REFUSAL } from './describe-interpretation.ts';

function label(text: string): string | undefined {
  const top = classifyQuery(text)[0];
  return top && describeInterpretation(top);
}

describe('describeInterpretation', () => {
  it.each([
    ['(202) 268-2000', 'phone number'],
    ['jane@example.org', 'e-mail address'],
    ['20260', 'ZIP Code'],
    ['20260-0004', 'ZIP+4 Code'],
    ['20260-0004-99', '11-digit ZIP Code'],
    ['C-2025-000123', 'case number'],
    ['EA123456785US', 'article (tracking) number'],
    ['WTC123456789', 'pickup confirmation number'],
    ['6f1c2e9a-1b2c-4d5e-8f90-123456789abc', 'customer ID'],
    ['4821', 'last four digits of SSN'],
    ['SIC 7389', 'SIC code'],
    ['NAICS 541511', 'NAICS code'],
    ['Jane Doe', 'name'],
    ['Smith 20260', 'name and ZIP Code'],
    ['John Smith 4821', 'name and last four digits of SSN'],
    ['AB12', 'other customer identifier'],
  ])('labels %j as %j', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('labels digit runs as account numbers too', () => {
    expect(classifyQuery('20260').map(describeInterpretation)).toContain('customer account number');
  });
});

describe('refusalReason', () => {
  it('refuses an SSN last four typed alone, and only that', () => {
    const [ssn, ...others] = classifyQuery('4821');
    expect(refusalReason(ssn!)).toBe(SSN_LAST4_ALONE_REFUSAL);
    expect(SSN_LAST4_ALONE_REFUSAL).toBe('Last four of SSN alone never retrieves anyone: it must come with a name or ZIP');
    for (const other of others) expect(refusalReason(other)).toBeUndefined();
    expect(refusalReason(classifyQuery('John Smith 4821')[0]!)).toBeUndefined();
  });
});
