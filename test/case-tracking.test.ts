import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatImpb } from '../src/modules/tracking/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// Tracking seen from cases: an article an agent links to a case shows its scans on the case
// and on its customer, only through cases the agent may read, and every lookup is audited.
let t: TestApp;
let feed: Client;
let agnes: Client;
let bert: Client;
let agnesId: string;
let customerId: string;
let caseA: { id: string; number: string };
let caseA2: { id: string; number: string };
let caseB: { id: string; number: string };
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const article = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000077' });
const otherArticle = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000078' });
const unscanned = 'EJ958083935US';
// Its check digit is wrong: an agent's typing mistake, linked all the same.
const mistyped = 'EJ958083937US';

async function openCase(who: Client, businessArea: string, customer: string | null) {
  const opened = await who.post('/api/cases', {
    ...(customer ? { customerId: customer } : { sender: { name: 'A caller' } }),
    channel: 'phone',
    recordType: 'usps-880/call-center-contact',
    businessArea,
    title: 'Where is my parcel?',
    body: 'The caller has been waiting a week.',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json() as { id: string; number: string };
}

async function link(who: Client, caseId: string, number: string) {
  const linked = await who.post(`/api/cases/${caseId}/links`, { kind: 'article', number });
  expect(linked.statusCode, linked.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-25T18:00:00Z');
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('feeder', password, ['administrator']);
  agnesId = await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('bert', password, ['agent'], ['patents']);
  feed = client(t.app);
  await feed.signIn('feeder', password, now);
  agnes = client(t.app);
  await agnes.signIn('agnes', password, now);
  bert = client(t.app);
  await bert.signIn('bert', password, now);
  const created = await agnes.post('/api/customers', {
    kind: 'person',
    values: [{ field: 'customer_name', value: 'Philippa Marchbanks' }],
  });
  customerId = created.json().id;
  caseA = await openCase(agnes, 'trademarks', customerId);
  caseA2 = await openCase(agnes, 'trademarks', customerId);
  caseB = await openCase(bert, 'patents', null);
  await link(agnes, caseA.id, article);
  await link(agnes, caseA.id, unscanned);
  await link(agnes, caseA.id, mistyped);
  // The same article again, as read aloud in groups of four: one article, on both cases.
  await link(agnes, caseA2.id, article.replace(/(\d{4})/g, '$1 ').trim());
  await link(bert, caseB.id, otherArticle);
  const events = [
    { article, event: 'acceptance', at: '2026-11-23T09:00:00Z', facilityZip: '20260', source: 'retail' },
    { article, event: 'processed', at: '2026-11-24T03:00:00Z', facilityZip: '20066', source: 'processing' },
    { article, event: 'out_for_delivery', at: '2026-11-25T08:10:00-05:00', facilityZip: '45402', source: 'scanner' },
    { article: otherArticle, event: 'acceptance', at: '2026-11-24T10:00:00Z', facilityZip: '30301', source: 'retail' },
  ];
  const loaded = await feed.request({
    method: 'POST',
    url: '/api/tracking/events',
    headers: { 'content-type': 'application/x-ndjson' },
    payload: events.map((e) => JSON.stringify(e)).join('\n'),
  });
  expect(loaded.json()).toMatchObject({ stored: 4 });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /api/cases/:id/tracking', () => {
  it('answers each linked article with its events, newest first', async () => {
    const response = await agnes.get(`/api/cases/${caseA.id}/tracking`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.eventsPerArticle).toBe(50);
    expect(body.articles).toEqual([
      {
        number: article,
        cases: [caseA.number],
        events: [
          {
            class: 'package',
            event: 'out_for_delivery',
            description: 'Out for delivery',
            at: '2026-11-25T13:10:00.000Z',
            facilityZip: '45402',
            source: 'scanner',
          },
          expect.objectContaining({ event: 'processed', facilityZip: '20066', source: 'processing' }),
          expect.objectContaining({ event: 'acceptance', at: '2026-11-23T09:00:00.000Z', source: 'retail' }),
        ],
        eventCount: 3,
        unreadable: null,
      },
      { number: unscanned, cases: [caseA.number], events: [], eventCount: 0, unreadable: null },
      { number: mistyped, cases: [caseA.number], events: [], eventCount: 0, unreadable: 'check digit is 7, expected 5' },
    ]);
  });

  it('answers a case of another business area as 404, the same as a missing case', async () => {
    const hidden = await agnes.get(`/api/cases/${caseB.id}/tracking`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.headers['content-type']).toContain('application/problem+json');
    expect(hidden.body).not.toContain(otherArticle);
    const missing = await agnes.get('/api/cases/00000000-0000-4000-8000-000000000000/tracking');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe(hidden.json().detail);
    const own = await bert.get(`/api/cases/${caseB.id}/tracking`);
    expect(own.json().articles).toEqual([expect.objectContaining({ number: otherArticle, eventCount: 1 })]);
  });
});

describe('GET /api/customers/:id/tracking', () => {
  it('answers every article of the customer’s cases once, naming the cases and the cap', async () => {
    const response = await agnes.get(`/api/customers/${customerId}/tracking`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ articleLimit: 20, eventsPerArticle: 50, truncated: false });
    expect(body.articles).toHaveLength(3);
    const tracked = body.articles.find((a: { eventCount: number }) => a.eventCount === 3);
    expect([...tracked.cases].sort()).toEqual([caseA.number, caseA2.number].sort());
    expect(tracked.events.map((e: { event: string }) => e.event)).toEqual(['out_for_delivery', 'processed', 'acceptance']);
  });

  it('answers staff who may read none of the customer’s cases with no articles', async () => {
    const response = await bert.get(`/api/customers/${customerId}/tracking`);
    expect(response.statusCode).toBe(200);
    expect(response.json().articles).toEqual([]);
    expect(response.body).not.toContain(article);
  });
});

describe('auditing', () => {
  it('records the case read and each lookup, with the purpose and without the article number', async () => {
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    await agnes.get(`/api/cases/${caseA.id}/tracking`);
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'record_id', 'record_type', 'actor_id', 'purpose', 'detail'])
      .where('id', '>', Number(before.last))
      .where('actor_id', '=', agnesId)
      .execute();
    const lookups = entries.filter((e) => (e.detail as { step?: string }).step === 'tracking_lookup');
    expect(lookups).toHaveLength(2);
    expect(lookups[0]).toMatchObject({ action: 'read', record_type: 'usps-820/package-tracking' });
    // The case's links are read, not its messages.
    expect(entries).toContainEqual(expect.objectContaining({ action: 'read', record_id: caseA.id, detail: { part: 'links' } }));
    expect(new Set(entries.map((e) => e.purpose))).toEqual(
      new Set(['customer service: tell a customer where the mail their inquiry is about is (880.000, 820.200)']),
    );
    expect(JSON.stringify(entries)).not.toContain(article);
  });

  it('records a refused case as a refused read, naming no article', async () => {
    const before = await t.database.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('last'))
      .executeTakeFirstOrThrow();
    await agnes.get(`/api/cases/${caseB.id}/tracking`);
    const entries = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'outcome', 'detail'])
      .where('id', '>', Number(before.last))
      .where('actor_id', '=', agnesId)
      .execute();
    expect(entries).toEqual([{ action: 'read', outcome: 'denied', detail: { case_ids: [caseB.id], part: 'links' } }]);
    expect(JSON.stringify(entries)).not.toContain(otherArticle);
  });
});
