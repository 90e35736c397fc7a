import { describe, expect, it } from 'vitest';
import { describeRetention, getNotice, noticeHeadings, notices, noticeToJson, renderNotice } from './index.ts';
import type { Notice, RecordType } from './index.ts';

/** The text between a heading and the next one. */
function section(rendered: string, heading: string): string {
  const start = rendered.indexOf(`**${heading}:**`);
  const next = noticeHeadings[noticeHeadings.indexOf(heading as (typeof noticeHeadings)[number]) + 1];
  const end = next === undefined ? rendered.length : rendered.indexOf(`**${next}:**`);
  return rendered.slice(start, end);
}

describe('renderNotice as Markdown', () => {
  it.each(notices.map((n) => [n.designation, n] as const))(
    'prints every Federal Register heading of %s once, in order, in bold',
    (_, notice) => {
      const rendered = renderNotice(notice, 'markdown');
      const positions = noticeHeadings.map((heading) => {
        const marker = `**${heading}:**`;
        expect(rendered.split(marker), heading).toHaveLength(2);
        expect(rendered.startsWith(marker) || rendered.includes(`\n\n${marker}`), heading).toBe(true);
        return rendered.indexOf(marker);
      });
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    },
  );

  it('runs a single paragraph in after its heading and numbers enumerations', () => {
    const rendered = renderNotice(getNotice('820.200'));
    expect(rendered.startsWith('**SYSTEM NAME AND NUMBER:** USPS 820.200, Mail Management and Tracking Activity.\n\n')).toBe(true);
    expect(rendered).toContain(
      '**POLICIES AND PRACTICES FOR RETRIEVAL OF RECORDS:** By customer name, customer ID(s), logon ID, mailing address(es), 11-digit ZIP Code, or any Intelligent Mail barcode.',
    );
    const purposes = section(rendered, 'PURPOSE(S) OF THE SYSTEM');
    expect(purposes).toMatch(
      /^\*\*PURPOSE\(S\) OF THE SYSTEM:\*\*\n\n1\. To provide mail acceptance, induction, and scheduling services\.\n2\. /,
    );
    expect(purposes).toContain('\n11. To verify a customer’s identity when applying for COA and Hold Mail services.');
    const managers = section(rendered, 'SYSTEM MANAGER(S)');
    expect(managers).toMatch(/^\*\*SYSTEM MANAGER\(S\):\*\* Chief Information Officer .*\n\nChief Customer and Marketing Officer /);
  });

  it('italicises the titles of the categories of records, as seed 002 does', () => {
    const records = section(renderNotice(getNotice('890.000')), 'CATEGORIES OF RECORDS IN THE SYSTEM');
    expect(records).toContain("\n1. *Customer information*: Customer and key contacts' names, date of birth, age,");
    expect(records).toContain('\n5. Information provided by customers as part of a survey or contest.\n');
    expect(records).toContain('\n18. *Customer sharing and analytics data*: Analytics program shared by email address,');
    // Words split by the seed's page breaks are joined again.
    expect(records).toContain('User Language, User Manager');
    expect(records).not.toMatch(/\n\n[A-Za-z]/);
  });

  it("prints 880.000's retention items from its record types, then the disposal practice", () => {
    const retention = section(renderNotice(getNotice('USPS 880.000')), 'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS');
    expect(retention).toBe(
      [
        '**POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS:**',
        '',
        '1. Customer care records for usps.com products are retained 90 days.',
        '2. Records related to 1-800-ASK-USPS, Delivery Confirmation service, Special Services, and international call centers are retained 1 year.',
        '3. Customer complaint letters are retained 6 months and automated complaint records are retained 3 years.',
        '4. Business Service Network records are retained 5 years.',
        '5. Records related to Operation Santa, Letters to Santa, or similar programs are retained 6 months after the new calendar year.',
        '6. Other records are retained 2 years after resolution of the inquiry.',
        '',
        'Records existing on paper are destroyed by burning, pulping, or shredding. Records existing on computer storage media are destroyed according to the applicable USPS media sanitization practice.',
        '',
        '',
      ].join('\n'),
    );
  });

  it('prints a rule added to the catalog without anyone editing the notice text', () => {
    const base = getNotice('880.000');
    const extra: RecordType = {
      id: 'usps-880/test-only',
      notice: '880.000',
      name: 'Test',
      categories: ['Customer information'],
      retention: { kind: 'from_creation', period: { amount: 7, unit: 'days' } },
      retentionStatement: 'Test records are retained 7 days.',
      retrievalKeys: [],
      fields: {},
    };
    const rendered = renderNotice({ ...base, recordTypes: [...base.recordTypes, extra] });
    expect(rendered).toContain('\n7. Test records are retained 7 days.\n');
  });

  it('states the PAT-TM-20 gaps before its retention items', () => {
    const retention = section(renderNotice(getNotice('PAT-TM-20')), 'POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS');
    expect(retention).toMatch(
      /^\*\*POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS:\*\* Seed 003 states no retention period\. .*\n\n1\. /,
    );
    expect(retention).toContain('(GRS 6.5, item 020).');
  });

  it('escapes Markdown in the declared text', () => {
    const notice: Notice = { ...getNotice('880.000'), authority: 'See *all* of [39 U.S.C.] <401>', storage: '_paper_ and snake_case' };
    const rendered = renderNotice(notice);
    expect(rendered).toContain('**AUTHORITY FOR MAINTENANCE OF THE SYSTEM:** See \\*all\\* of \\[39 U.S.C.\\] \\<401\\>');
    expect(rendered).toContain('**POLICIES AND PRACTICES FOR STORAGE OF RECORDS:** \\_paper\\_ and snake_case');
    const numbered = renderNotice({ ...notice, safeguards: ['First.', '1. Not a list item.'] });
    expect(numbered).toContain('\n\n1\\. Not a list item.');
  });
});

describe('renderNotice as plain text', () => {
  it('uses the same layout without Markdown', () => {
    const rendered = renderNotice(getNotice('890.000'), 'text');
    expect(rendered).not.toContain('**');
    expect(rendered.startsWith('SYSTEM NAME AND NUMBER: USPS 890.000, Sales, Marketing, Events, and Publications.\n')).toBe(true);
    expect(rendered).toContain('\n\nEXEMPTIONS PROMULGATED FOR THE SYSTEM: None.\n\nHISTORY: August 4, 2020, 85 FR 47258;');
    expect(rendered).toContain('\n1. Customer information: Customer and key contacts');
  });
});

describe('noticeToJson', () => {
  it('gives the sections in Federal Register order and survives a JSON round trip', () => {
    for (const notice of notices) {
      const json = noticeToJson(notice);
      expect(json.sections.map((s) => s.heading)).toEqual([...noticeHeadings]);
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    }
  });

  it('carries each record type with its typed rule and a plain description', () => {
    const json = noticeToJson(getNotice('880.000'));
    const santa = json.recordTypes.find((r) => r.id === 'usps-880/operation-santa-letter');
    expect(santa?.retention).toEqual({ kind: 'calendar_anchored', anchor: { month: 1, day: 1 }, period: { amount: 6, unit: 'months' } });
    expect(santa?.retentionDescription).toBe('6 months after the first January 1 following creation');
    expect(json.retrievalKeys).toContain('ssn_last4');
    expect(json.routineUses.standard).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 11]);
  });
});

describe('describeRetention', () => {
  it('words each kind of rule', () => {
    expect(describeRetention({ kind: 'from_creation', period: { amount: 90, unit: 'days' } })).toBe('90 days from creation');
    expect(describeRetention({ kind: 'from_resolution', period: { amount: 1, unit: 'years' } })).toBe('1 year after resolution');
    expect(describeRetention({ kind: 'from_relationship_end', period: { amount: 4, unit: 'years' } })).toBe(
      '4 years after the relationship ends',
    );
    expect(describeRetention({ kind: 'until_event', event: 'ceased_to_participate' })).toBe('until the customer ceases to participate');
    expect(describeRetention({ kind: 'until_event', event: 'ceased_to_participate', after: { amount: 1, unit: 'months' } })).toBe(
      '1 month after the customer ceases to participate',
    );
  });
});
