import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatImpb, encodeImb } from '../src/modules/tracking/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// The feed endpoint and the lookups, through the real app: an integration (administrator,
// tracking.ingest) loads, an agent looks up, and neither can do the other's part.
let t: TestApp;
let feed: Client;
let agent: Client;
const now = () => new Date(t.clock.now);
const article = formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial: '0000042' });
const tracking = '00270123456200800001';
const routing = '20260000475';

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-25T18:00:00Z');
  await t.addStaff('feeder', 'correct horse battery staple', ['administrator']);
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  feed = client(t.app);
  await feed.signIn('feeder', 'correct horse battery staple', now);
  agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', now);
});
afterAll(async () => {
  await t?.close();
});

const send = (who: Client, body: string, type = 'application/x-ndjson', query = '') =>
  who.request({ method: 'POST', url: `/api/tracking/events${query}`, headers: { 'content-type': type }, payload: body });

describe('POST /api/tracking/events', () => {
  it('loads an NDJSON feed and counts a replay as duplicates', async () => {
    const body = [
      { article, event: 'acceptance', at: '2026-11-24T09:00:00Z', facilityZip: '20260', source: 'retail' },
      { article, event: 'out_for_delivery', at: '2026-11-25T08:10:00-05:00', facilityZip: '20260', source: 'scanner' },
      { imb: encodeImb(tracking, routing), event: 'processed', at: '2026-11-25T03:00:00Z', facilityZip: '20066', source: 'processing' },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const first = await send(feed, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ received: 3, stored: 3, duplicates: 0, rejected: 0, errors: [] });
    expect((await send(feed, body)).json()).toMatchObject({ stored: 0, duplicates: 3 });
  });

  it('loads CSV', async () => {
    const response = await send(feed, `article,event,at,source\n${article},delivered,2026-11-25T15:30:00Z,scanner\n`, 'text/csv');
    expect(response.json()).toMatchObject({ received: 1, stored: 1 });
  });

  it('refuses a feed with an invalid record as problem+json naming line and field, storing nothing', async () => {
    const wrong = (Number(article.at(-1)) + 1) % 10;
    const response = await send(
      feed,
      `${JSON.stringify({ article: article.slice(0, -1) + wrong, event: 'delivered', at: '2026-11-25T15:30:00Z', source: 'scanner' })}\n`,
    );
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors).toEqual([{ field: '/line/1/article', message: `check digit is ${wrong}, expected ${article.at(-1)}` }]);
    expect(response.body).not.toContain(article.slice(0, 10));
  });

  it('stores the valid records and lists the rest with invalid=skip', async () => {
    const response = await send(
      feed,
      `{"article":"${article}","event":"alert","at":"2026-11-25T16:00:00Z","source":"scanner"}\n{"article":"x"}\n`,
      'application/x-ndjson',
      '?invalid=skip',
    );
    expect(response.json()).toMatchObject({ received: 2, stored: 1, rejected: 1 });
  });

  it('refuses an agent (no tracking.ingest) and an unknown content type', async () => {
    expect((await send(agent, '{}')).statusCode).toBe(403);
    expect((await send(feed, '{}', 'text/plain')).statusCode).toBe(415);
  });
});

describe('POST /api/tracking/lookup', () => {
  const lookup = (body: object) => agent.post('/api/tracking/lookup', body);

  it('answers an article’s history, with or without its routing prefix and spaces', async () => {
    const plain = await lookup({ by: 'article', number: article });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json().events.map((e: { event: string }) => e.event)).toEqual(['acceptance', 'out_for_delivery', 'delivered', 'alert']);
    const spaced = await lookup({ by: 'article', number: `420 20260 ${article.replace(/(\d{4})/g, '$1 ')}` });
    expect(spaced.json().events).toHaveLength(4);
  });

  it('finds mail by its barcode or its digits, by delivery point and day, and by mailer and day', async () => {
    expect((await lookup({ by: 'imb', code: encodeImb(tracking, routing) })).json().events).toHaveLength(1);
    expect((await lookup({ by: 'imb', code: tracking + routing })).json().events[0]).toMatchObject({
      class: 'mail',
      zip11: routing,
      mailerId: 123456,
    });
    expect((await lookup({ by: 'zip11', zip11: routing, day: '2026-11-25' })).json().events).toHaveLength(1);
    expect((await lookup({ by: 'zip11', zip11: routing, day: '2026-11-24' })).json().events).toHaveLength(0);
    expect((await lookup({ by: 'mailer', mailerId: '912345678', day: '2026-11-25' })).json().events).toHaveLength(3);
  });

  it('pages a mailer’s day a hundred events at a time, each event once, in time order', async () => {
    const scans = Array.from({ length: 250 }, (_, i) =>
      JSON.stringify({
        imb: `0027065432${String(100000000 + i).slice(-9)}0`.slice(0, 20) + routing,
        event: 'processed',
        at: new Date(Date.parse('2026-11-25T04:00:00Z') + Math.floor(i / 2) * 1000).toISOString(),
        source: 'processing',
      }),
    );
    expect((await send(feed, scans.join('\n'))).json()).toMatchObject({ stored: 250 });
    const seen: string[] = [];
    let after: string | null = null;
    const sizes: number[] = [];
    do {
      const page = await lookup({ by: 'mailer', mailerId: '654321', day: '2026-11-25', ...(after ? { after } : {}) });
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json() as { events: { piece: string; at: string }[]; next: string | null };
      sizes.push(body.events.length);
      seen.push(...body.events.map((e) => `${e.at} ${e.piece}`));
      after = body.next;
    } while (after);
    expect(sizes).toEqual([100, 100, 50]);
    expect(new Set(seen).size).toBe(250);
    expect(seen).toEqual([...seen].sort());
    const forged = await lookup({ by: 'mailer', mailerId: '654321', day: '2026-11-25', after: 'bm90IGEgY3Vyc29y' });
    expect(forged.statusCode).toBe(422);
    expect(forged.json().errors[0].field).toBe('/body/after');
  });

  it('explains an invalid query by field', async () => {
    const bad = await lookup({ by: 'article', number: '1234' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('/body/number');
    const damaged = await lookup({ by: 'imb', code: encodeImb(tracking, routing).replace(/^./, (c) => (c === 'F' ? 'T' : 'F')) });
    expect(damaged.statusCode).toBe(422);
    expect((await lookup({ by: 'mailer', mailerId: '12345', day: '2026-11-25' })).statusCode).toBe(400);
  });

  it('is audited, without the number looked up', async () => {
    const rows = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'read').execute();
    const lookups = rows.filter((r) => (r.detail as { step?: string }).step === 'tracking_lookup');
    expect(lookups.length).toBeGreaterThanOrEqual(7);
    expect(JSON.stringify(lookups)).not.toContain(article);
  });

  it('refuses the anonymous', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/tracking/lookup', payload: { by: 'article', number: article } });
    expect(response.statusCode).toBe(401);
  });
});
