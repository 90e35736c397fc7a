import { describe, expect, it } from 'vitest';
import { disposeAfter, fieldClasses, findNotice, getNotice, getRecordType, notices, recordTypes, retrievalKeys } from './index.ts';
import type { RecordHistory, RetentionRule } from './index.ts';

const allRecordTypes = notices.flatMap((notice) => notice.recordTypes);

describe('notices', () => {
  it('declares the four seed notices once each', () => {
    expect(notices.map((n) => n.designation)).toEqual(['USPS 880.000', 'USPS 820.200', 'USPS 890.000', 'COMMERCE/PAT-TM-20']);
    expect(new Set(notices.map((n) => n.slug)).size).toBe(notices.length);
  });

  it('finds a notice by number, designation or slug, in any case', () => {
    for (const ref of ['880.000', 'USPS 880.000', 'usps 880.000', ' USPS  880.000 ', 'usps-880']) {
      expect(findNotice(ref)?.id).toBe('880.000');
    }
    for (const ref of ['PAT-TM-20', 'COMMERCE/PAT-TM-20', 'pat-tm-20']) expect(findNotice(ref)?.id).toBe('PAT-TM-20');
    expect(findNotice('820.200')?.name).toBe('Mail Management and Tracking Activity');
    expect(findNotice('890')).toBeUndefined();
    expect(() => getNotice('USPS 999.000')).toThrow(/Unknown system of records notice "USPS 999.000"/);
  });

  it('looks record types up by id', () => {
    expect(recordTypes.get('usps-880/complaint-letter')?.notice).toBe('880.000');
    expect(recordTypes.size).toBe(allRecordTypes.length);
    expect(() => getRecordType('usps-880/nothing')).toThrow(RangeError);
  });
});

describe('record types agree with their notice', () => {
  it('have unique ids prefixed with their notice slug', () => {
    expect(new Set(allRecordTypes.map((r) => r.id)).size).toBe(allRecordTypes.length);
    for (const notice of notices) {
      for (const recordType of notice.recordTypes) {
        expect(recordType.id.startsWith(`${notice.slug}/`), recordType.id).toBe(true);
        expect(recordType.notice).toBe(notice.id);
      }
    }
  });

  it("hold only the notice's categories of records", () => {
    for (const notice of notices) {
      const titles = new Set(notice.categoriesOfRecords.map((c) => c.title));
      for (const recordType of notice.recordTypes) {
        expect(recordType.categories.length, recordType.id).toBeGreaterThan(0);
        for (const category of recordType.categories) expect(titles.has(category), `${recordType.id}: ${category}`).toBe(true);
      }
    }
  });

  it("are retrieved only by the notice's keys, each held as a field, and use every key", () => {
    for (const notice of notices) {
      const used = new Set(notice.recordTypes.flatMap((r) => r.retrievalKeys));
      expect([...used].sort(), notice.id).toEqual([...notice.retrieval.keys].sort());
      for (const recordType of notice.recordTypes) {
        for (const key of recordType.retrievalKeys) {
          expect(retrievalKeys).toContain(key);
          expect(Object.keys(recordType.fields), `${recordType.id} is retrieved by ${key}`).toContain(key);
        }
      }
    }
  });

  it('classify every field, and store neither card numbers nor whole SSNs', () => {
    for (const recordType of allRecordTypes) {
      for (const [field, fieldClass] of Object.entries(recordType.fields)) {
        expect(fieldClasses, `${recordType.id}.${field}`).toContain(fieldClass);
        expect(field).not.toMatch(/card_number|^pan$|^ssn$|social_security/);
      }
      if ('ssn_last4' in recordType.fields) expect(recordType.fields.ssn_last4).toBe('sensitive');
    }
  });

  it('have whole, positive periods and real anchor days', () => {
    for (const { id, retention } of allRecordTypes) {
      const period = retention.kind === 'until_event' ? retention.after : retention.period;
      if (period !== undefined) expect(Number.isInteger(period.amount) && period.amount > 0, id).toBe(true);
      if (retention.kind === 'calendar_anchored') {
        const { month, day } = retention.anchor;
        expect(month >= 1 && month <= 12 && day >= 1 && day <= 31, id).toBe(true);
      }
    }
  });
});

// The notices spell numbers either way ("3 years", "twenty-four months").
const spelled: Record<number, string> = { 24: 'twenty-four' };

const triggerWording = {
  from_resolution: /after resolution/,
  from_relationship_end: /after the relationship ends/,
  calendar_anchored: /after the new calendar year/,
} as const;

const endingWording = {
  ceased_to_participate: /until the customer ceases to participate/,
  superseded_or_removal_requested: /until superseded or obsolete, or until the customer requests their removal/,
} as const;

function expectStatementToState(statement: string, rule: RetentionRule, id: string): void {
  const period = rule.kind === 'until_event' ? rule.after : rule.period;
  if (period !== undefined) {
    const amount = spelled[period.amount] === undefined ? `${period.amount}` : `(?:${period.amount}|${spelled[period.amount]})`;
    expect(statement, id).toMatch(new RegExp(`\\b${amount} ${period.unit.slice(0, -1)}s?\\b`));
  }
  if (rule.kind === 'until_event') expect(statement, id).toMatch(endingWording[rule.event]);
  else if (rule.kind === 'from_creation')
    expect(statement, id).not.toMatch(/after resolution|after the relationship|new calendar year|until/);
  else expect(statement, id).toMatch(triggerWording[rule.kind]);
}

describe('retention statements', () => {
  it('state the period and trigger of every rule published under them', () => {
    for (const { id, retention, retentionStatement } of allRecordTypes) expectStatementToState(retentionStatement, retention, id);
  });

  it("quote each seed notice's retention items", () => {
    const statements = (ref: string): string[] => [...new Set(getNotice(ref).recordTypes.map((r) => r.retentionStatement))];
    expect(statements('880.000')).toEqual([
      'Customer care records for usps.com products are retained 90 days.',
      'Records related to 1-800-ASK-USPS, Delivery Confirmation service, Special Services, and international call centers are retained 1 year.',
      'Customer complaint letters are retained 6 months and automated complaint records are retained 3 years.',
      'Business Service Network records are retained 5 years.',
      'Records related to Operation Santa, Letters to Santa, or similar programs are retained 6 months after the new calendar year.',
      'Other records are retained 2 years after resolution of the inquiry.',
    ]);
    expect(statements('820.200')).toEqual([
      'CONFIRM records are retained for up to 30 days.',
      'Records related to ePubWatch, Confirmation Services and hold mail services are retained for up to 1 year.',
      'Special Services and drop ship records are retained 2 years.',
      'ACH records are retained up to 2 years.',
      'Mailpiece images will be retained up to 3 days.',
      'Other records are retained 4 years after the relationship ends.',
      'USPS and other carrier network tracking records are retained for up to 30 days for mail and up to 90 days for packages and special services.',
    ]);
    expect(statements('890.000')).toHaveLength(7);
    expect(statements('890.000')[0]).toBe(
      'Records relating to organizations and publication mailing lists are retained until the customer ceases to participate.',
    );
  });

  it('mark the PAT-TM-20 periods as taken from the General Records Schedules, not the seed', () => {
    const patTm20 = getNotice('PAT-TM-20');
    expect(patTm20.retentionPreamble).toMatch(/^Seed 003 states no retention period\./);
    for (const { retentionStatement } of patTm20.recordTypes) expect(retentionStatement).toMatch(/\(GRS \d\.\d, item 0\d0\)\.$/);
  });
});

// One worked example per record type, in New York time: [record type, history, due (ISO) or null].
const at = (iso: string): Date => new Date(iso);
const examples: readonly [string, RecordHistory, string | null][] = [
  // 880.000 (seed 000)
  ['usps-880/usps-com-care', { createdAt: at('2025-01-15T15:00:00Z') }, '2025-04-16T04:00:00.000Z'],
  ['usps-880/call-center-contact', { createdAt: at('2024-02-29T17:00:00Z') }, '2025-03-01T05:00:00.000Z'],
  ['usps-880/complaint-letter', { createdAt: at('2025-08-31T16:00:00Z') }, '2026-03-01T05:00:00.000Z'],
  ['usps-880/automated-complaint', { createdAt: at('2025-03-10T12:00:00Z') }, '2028-03-11T05:00:00.000Z'],
  ['usps-880/business-service-network', { createdAt: at('2025-06-01T03:30:00Z') }, '2030-06-01T04:00:00.000Z'],
  ['usps-880/operation-santa-letter', { createdAt: at('2024-12-20T15:00:00Z') }, '2025-07-01T04:00:00.000Z'],
  ['usps-880/operation-santa-adopter', { createdAt: at('2024-11-15T15:00:00Z') }, '2025-07-01T04:00:00.000Z'],
  ['usps-880/inquiry', { createdAt: at('2025-10-01T12:00:00Z'), resolvedAt: at('2025-11-02T12:00:00Z') }, '2027-11-03T04:00:00.000Z'],
  ['usps-880/inquiry', { createdAt: at('2025-10-01T12:00:00Z') }, null],
  ['usps-880/customer', { createdAt: at('2020-01-01T12:00:00Z'), resolvedAt: at('2025-05-05T12:00:00Z') }, '2027-05-06T04:00:00.000Z'],
  [
    'usps-880/customer',
    { createdAt: at('2020-01-01T12:00:00Z'), resolvedAt: at('2025-05-05T12:00:00Z'), reopenedAt: at('2025-06-01T12:00:00Z') },
    null,
  ],
  [
    'usps-880/identity-verification',
    { createdAt: at('2025-05-05T12:00:00Z'), resolvedAt: at('2025-05-05T12:05:00Z') },
    '2027-05-06T04:00:00.000Z',
  ],
  // 820.200 (seed 001)
  ['usps-820/confirm', { createdAt: at('2025-03-01T12:00:00Z') }, '2025-04-01T04:00:00.000Z'],
  ['usps-820/epubwatch', { createdAt: at('2025-03-01T12:00:00Z') }, '2026-03-02T05:00:00.000Z'],
  ['usps-820/confirmation-services', { createdAt: at('2025-03-01T12:00:00Z') }, '2026-03-02T05:00:00.000Z'],
  ['usps-820/hold-mail', { createdAt: at('2025-03-01T12:00:00Z') }, '2026-03-02T05:00:00.000Z'],
  ['usps-820/special-services', { createdAt: at('2025-03-01T12:00:00Z') }, '2027-03-02T05:00:00.000Z'],
  ['usps-820/drop-ship', { createdAt: at('2025-03-01T12:00:00Z') }, '2027-03-02T05:00:00.000Z'],
  ['usps-820/ach', { createdAt: at('2025-03-01T12:00:00Z') }, '2027-03-02T05:00:00.000Z'],
  [
    'usps-820/business-mailing',
    { createdAt: at('2024-01-01T12:00:00Z'), relationshipEndedAt: at('2025-01-31T20:00:00Z') },
    '2029-02-01T05:00:00.000Z',
  ],
  ['usps-820/mailpiece-image', { createdAt: at('2025-03-08T20:00:00Z') }, '2025-03-12T04:00:00.000Z'],
  [
    'usps-820/delivery-request',
    { createdAt: at('2024-01-01T12:00:00Z'), relationshipEndedAt: at('2025-01-31T20:00:00Z') },
    '2029-02-01T05:00:00.000Z',
  ],
  ['usps-820/customer-account', { createdAt: at('2024-01-01T12:00:00Z') }, null],
  ['usps-820/mail-tracking', { createdAt: at('2025-03-01T12:00:00Z') }, '2025-04-01T04:00:00.000Z'],
  ['usps-820/package-tracking', { createdAt: at('2025-03-01T12:00:00Z') }, '2025-05-31T04:00:00.000Z'],
  // 890.000 (seed 002)
  [
    'usps-890/organization-membership',
    { createdAt: at('2020-01-01T12:00:00Z'), ceasedAt: at('2025-05-10T14:00:00Z') },
    '2025-05-11T04:00:00.000Z',
  ],
  ['usps-890/publication-subscription', { createdAt: at('2020-01-01T12:00:00Z') }, null],
  ['usps-890/ach', { createdAt: at('2025-03-01T12:00:00Z') }, '2027-03-02T05:00:00.000Z'],
  ['usps-890/direct-marketing', { createdAt: at('2025-03-01T12:00:00Z') }, '2030-03-02T05:00:00.000Z'],
  [
    'usps-890/sales-contact',
    { createdAt: at('2020-01-01T12:00:00Z'), relationshipEndedAt: at('2025-03-01T12:00:00Z') },
    '2028-03-02T05:00:00.000Z',
  ],
  ['usps-890/event-registration', { createdAt: at('2025-03-01T12:00:00Z') }, null],
  ['usps-890/web-meeting-session', { createdAt: at('2024-01-31T15:00:00Z') }, '2026-02-01T05:00:00.000Z'],
  ['usps-890/collaboration-record', { createdAt: at('2024-01-31T15:00:00Z') }, '2026-02-01T05:00:00.000Z'],
  ['usps-890/web-meeting-recording', { createdAt: at('2024-01-31T15:00:00Z') }, '2026-02-01T05:00:00.000Z'],
  ['usps-890/customer-insight', { createdAt: at('2025-03-01T12:00:00Z') }, '2028-03-02T05:00:00.000Z'],
  ['usps-890/sharing-analytics', { createdAt: at('2025-03-01T12:00:00Z') }, '2028-03-02T05:00:00.000Z'],
  // PAT-TM-20 (seed 003, periods from the General Records Schedules)
  ['pat-tm-20/contact', { createdAt: at('2025-03-01T12:00:00Z'), resolvedAt: at('2025-03-03T12:00:00Z') }, '2026-03-04T05:00:00.000Z'],
  ['pat-tm-20/satisfaction-survey', { createdAt: at('2025-03-01T12:00:00Z') }, '2026-03-02T05:00:00.000Z'],
  ['pat-tm-20/sales-order', { createdAt: at('2025-03-01T12:00:00Z'), resolvedAt: at('2025-04-01T12:00:00Z') }, '2031-04-02T04:00:00.000Z'],
  ['pat-tm-20/customer', { createdAt: at('2025-03-01T12:00:00Z'), ceasedAt: at('2025-04-01T12:00:00Z') }, '2025-04-02T04:00:00.000Z'],
  ['pat-tm-20/eipd-registration', { createdAt: at('2025-03-01T12:00:00Z') }, null],
];

describe('each seed rule, applied', () => {
  it('has a worked example for every record type', () => {
    expect(new Set(examples.map(([id]) => id))).toEqual(new Set(recordTypes.keys()));
  });

  it.each(examples)('%s falls due as its notice says', (id, history, expected) => {
    expect(disposeAfter(getRecordType(id).retention, history)?.toISOString() ?? null).toBe(expected);
  });
});
