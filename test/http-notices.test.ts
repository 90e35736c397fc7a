import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { getNotice, noticeToJson } from '../src/catalog/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { buildAssessment, piaConfigurationOf, renderPiaMarkdown } from '../src/modules/privacy/index.ts';
import { insertPublished } from '../src/modules/privacy/notices/published-notices.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let privacy: Client;
let agent: Client;
let auditor: Client;
let privacyOfficerId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

interface NoticeStatus {
  id: string;
  designation: string;
  sections: { heading: string; blocks: { kind: string; text?: string; items?: { title?: string; text: string }[] }[] }[];
  routineUses: { text: string; standard: number[] };
  review: {
    status: string;
    action: string;
    routineUseCommentDays: number | null;
    requiredAction: string;
    changes: { topic: string; change: string; item: string; action: string; routineUseCommentDays: number | null }[];
  };
  publications: { version: number; publishedAt: string; publishedBy: string; sha256: string; altered: boolean }[];
}

const noticesOf = async (who: Client): Promise<NoticeStatus[]> => {
  const response = await who.get('/api/privacy/notices');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const noticeOf = async (who: Client, id: string) => (await noticesOf(who)).find((notice) => notice.id === id)!;

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-23T14:00:00Z');
  privacyOfficerId = await t.addStaff('priya', password, ['privacy_officer']);
  await t.addStaff('agnes', password, ['agent']);
  await t.addStaff('otto', password, ['auditor']);
  privacy = client(t.app);
  agent = client(t.app);
  auditor = client(t.app);
  await privacy.signIn('priya', password, now);
  await agent.signIn('agnes', password, now);
  await auditor.signIn('otto', password, now);
});
afterAll(async () => {
  await t.close();
});

describe('notices and PIA over HTTP', () => {
  it('renders every notice from the catalog, unpublished ones needing a new notice with 30 days for their routine uses', async () => {
    const all = await noticesOf(privacy);
    expect(all.map((notice) => notice.id)).toEqual(['880.000', '820.200', '890.000', 'PAT-TM-20']);
    const usps880 = all[0]!;
    expect(usps880.designation).toBe('USPS 880.000');
    const routineUses = usps880.sections.find((section) => section.heading.startsWith('ROUTINE USES OF RECORDS'));
    expect(JSON.stringify(routineUses)).toContain('Standard routine uses 1. through 7., 10., and 11. apply.');
    expect(usps880.routineUses.standard).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 11]);
    expect(usps880.sections.map((section) => section.heading)).toContain('SYSTEM NAME AND NUMBER');
    expect(usps880.review).toMatchObject({ status: 'unpublished', action: 'needs_new_notice', routineUseCommentDays: 30, changes: [] });
    expect(usps880.review.requiredAction).toMatch(/30 days' notice for comment on its routine uses \(5 U\.S\.C\. 552a\(e\)\(11\)\)/);
    expect(usps880.publications).toEqual([]);
    // The catalog is every staff role's to read; auditors see what the privacy office sees.
    expect(await noticesOf(agent)).toEqual(all);
    expect(await noticesOf(auditor)).toEqual(all);
  });

  it('refuses publication to anyone but a privacy officer with 403 problem+json', async () => {
    for (const who of [agent, auditor]) {
      const refused = await who.post('/api/privacy/notices/880.000/publish');
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await noticeOf(privacy, '880.000')).publications).toEqual([]);
  });

  it('publishes a notice for a privacy officer, audited; afterwards nothing is pending and a second publication is refused', async () => {
    const published = await privacy.post('/api/privacy/notices/880.000/publish');
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toEqual({
      noticeId: '880.000',
      version: 1,
      publishedAt: '2026-11-23T14:00:00.000Z',
      publishedBy: `staff:${privacyOfficerId}`,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      altered: false,
    });

    const after = await noticeOf(privacy, '880.000');
    expect(after.review).toMatchObject({ status: 'current', action: 'none', routineUseCommentDays: null, changes: [] });
    expect(after.review.requiredAction).toMatch(/^Required action: none/);
    expect(after.publications).toEqual([published.json()]);
    expect((await noticeOf(privacy, '820.200')).review.status).toBe('unpublished');

    const audited = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'record_id', 'detail', 'subjects'])
        .where('record_type', '=', 'published_notice')
        .execute(),
    );
    expect(audited).toEqual([
      {
        action: 'create',
        actor_id: privacyOfficerId,
        record_id: '880.000/1',
        detail: { notice_id: '880.000', version: 1, sha256: published.json().sha256 },
        subjects: [],
      },
    ]);

    const again = await privacy.post('/api/privacy/notices/880.000/publish');
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.json().detail).toBe('USPS 880.000 has not changed since version 1.');
    const unknown = await privacy.post('/api/privacy/notices/123.456/publish');
    expect(unknown.statusCode).toBe(404);
  });

  it('shows what changed since the last publication: a new standard routine use needs a new notice and 30 days for comment', async () => {
    const notice = noticeToJson(getNotice('PAT-TM-20'));
    const withoutUse13 = {
      ...notice,
      routineUses: { ...notice.routineUses, standard: notice.routineUses.standard.filter((n) => n !== 13) },
    };
    await withPrincipal(t.database.db, systemPrincipal('sorn'), (trx) =>
      insertPublished(trx, {
        noticeId: 'PAT-TM-20',
        previous: 0,
        publishedAt: new Date('2025-03-01T12:00:00Z'),
        publishedBy: 'system:system:sorn',
        notice: withoutUse13,
      }),
    );
    const patents = await noticeOf(privacy, 'PAT-TM-20');
    expect(patents.review).toMatchObject({ status: 'changed', action: 'needs_new_notice', routineUseCommentDays: 30 });
    expect(patents.review.changes).toEqual([
      {
        topic: 'standard_routine_uses',
        change: 'added',
        item: '13',
        before: null,
        after: null,
        action: 'needs_new_notice',
        routineUseCommentDays: 30,
      },
    ]);
    expect(patents.review.requiredAction).toMatch(/new or altered notice .*30 days' notice for comment/);
    expect(patents.publications).toMatchObject([
      { version: 1, publishedAt: '2025-03-01T12:00:00.000Z', publishedBy: 'system:system:sorn' },
    ]);

    const republished = await privacy.post('/api/privacy/notices/PAT-TM-20/publish');
    expect(republished.json()).toMatchObject({ version: 2 });
    expect((await noticeOf(privacy, 'PAT-TM-20')).publications.map((p) => p.version)).toEqual([2, 1]);
  });

  it('gives the PIA of the catalog and the running configuration as JSON with its Markdown, and as a PDF', async () => {
    const pia = await privacy.get('/api/privacy/pia');
    expect(pia.statusCode, pia.body).toBe(200);
    const body = pia.json();
    const expected = buildAssessment({ configuration: piaConfigurationOf(t.config), generatedAt: now() });
    expect(body.title).toBe(expected.title);
    expect(body.markdown).toBe(renderPiaMarkdown(expected));
    expect(body.markdown).toContain('USPS 880.000');
    expect(body.parts.map((part: { title: string }) => part.title)).toEqual(expected.parts.map((part) => part.title));
    expect(body.parts[0].questions.length).toBeGreaterThan(0);
    // The new action is one of the matrix's rows the assessment lists.
    expect(body.markdown).toContain('record a notice as published');

    const pdf = await privacy.get('/api/privacy/pia.pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['cache-control']).toBe('no-store');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(20_000);
    expect((await auditor.get('/api/privacy/pia.pdf')).statusCode).toBe(200);
  });
});
