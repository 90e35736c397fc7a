import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// Two cases opened, answered and resolved through the API at chosen instants of the settable
// clock (America/New_York, UTC−5 in November; the calendar opens 08:00–17:00 = 13:00–22:00Z).

let t: TestApp;
const password = 'correct horse battery staple';
const customerName = 'Leopoldine Winterbourne';
const title = 'Package not delivered';
const numbers: string[] = [];
const ids: string[] = [];
const url = (from: string, to: string) => `/api/reports/cases?from=${from}&to=${to}`;

/** A client signed in at the clock's present moment (sessions idle out as the clock jumps). */
async function signedIn(username: string): Promise<Client> {
  const c = client(t.app);
  await c.signIn(username, password, () => new Date(t.clock.now));
  return c;
}
const setClock = (iso: string) => void (t.clock.now = new Date(iso));

async function openCase(agent: Client, channel: string): Promise<string> {
  const customer = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [{ field: 'customer_name', value: customerName }],
  });
  expect(customer.statusCode, customer.body).toBe(201);
  const opened = await agent.post('/api/cases', {
    customerId: customer.json().id,
    channel,
    businessArea: 'trademarks',
    recordType: 'usps-880/inquiry',
    title,
    body: 'Scanned but never arrived.',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  numbers.push(opened.json().number);
  ids.push(opened.json().id);
  return opened.json().id;
}
async function reply(agent: Client, id: string) {
  const sent = await agent.post(`/api/cases/${id}/replies`, { body: 'We are looking into it.' });
  expect(sent.statusCode, sent.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp({ timeZone: 'America/New_York' });
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('sue', password, ['supervisor'], ['trademarks']);
  await t.addStaff('paul', password, ['supervisor'], ['patents']);

  // Monday 09:00: an e-mail and a call; the e-mail is answered at 11:00.
  setClock('2026-11-16T14:00:00Z');
  let agnes = await signedIn('agnes');
  const email = await openCase(agnes, 'email');
  const call = await openCase(agnes, 'phone');
  setClock('2026-11-16T16:00:00Z');
  agnes = await signedIn('agnes');
  await reply(agnes, email);
  // Tuesday 09:00: the call is answered (24 h, 9 business hours), the e-mail resolved (the same).
  setClock('2026-11-17T14:00:00Z');
  agnes = await signedIn('agnes');
  await reply(agnes, call);
  const resolved = await agnes.post(`/api/cases/${email}/status`, { status: 'resolved', resolutionCode: 'answered', resolution: 'Found.' });
  expect(resolved.statusCode, resolved.body).toBe(200);
  // The report is asked for on Wednesday 10:00.
  setClock('2026-11-18T15:00:00Z');
});
afterAll(async () => {
  await t.close();
});

describe('GET /api/reports/cases', () => {
  it('gives a supervisor the volume, the percentiles and the backlog of their area', async () => {
    const sue = await signedIn('sue');
    const res = await sue.get(url('2026-11-16', '2026-11-18'));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report).toMatchObject({ from: '2026-11-16', to: '2026-11-18', timeZone: 'America/New_York' });
    expect(report.volume.total).toBe(2);
    expect(report.volume.byDay.map((d: { day: string; total: number }) => [d.day, d.total])).toEqual([
      ['2026-11-16', 2],
      ['2026-11-17', 0],
      ['2026-11-18', 0],
    ]);
    expect(report.volume.byChannel).toEqual({ email: 1, phone: 1, fax: 0, web: 0, letter: 0, walk_in: 0 });
    expect(report.volume.byArea).toEqual([{ area: 'trademarks', label: 'trademarks', count: 2 }]);
    expect(report.firstResponse.all).toEqual({
      count: 2,
      elapsedHours: { p50: 2, p90: 24, p99: 24 },
      businessHours: { p50: 2, p90: 9, p99: 9 },
    });
    expect(report.firstResponse.byChannel.map((c: { channel: string }) => c.channel)).toEqual(['email', 'phone']);
    expect(report.resolution.all).toEqual({
      count: 1,
      elapsedHours: { p50: 24, p90: 24, p99: 24 },
      businessHours: { p50: 9, p90: 9, p99: 9 },
    });
    // The call, open since Monday 09:00: 49 hours old.
    expect(report.backlog).toEqual({
      asOf: '2026-11-18T15:00:00.000Z',
      bucketLabels: ['Under 1 day', '1–3 days', '3–7 days', '1–4 weeks', 'Over 4 weeks'],
      byArea: [{ area: 'trademarks', label: 'trademarks', buckets: [0, 1, 0, 0, 0], total: 1, oldestAgeHours: 49 }],
      all: { buckets: [0, 1, 0, 0, 0], total: 1, oldestAgeHours: 49 },
    });
    expect(report.sla).toEqual({ firstResponse: { warning: 0, breached: 0 }, resolution: { warning: 0, breached: 0 } });
  });

  it('holds nothing personal: no customer, case text, number or id', async () => {
    const sue = await signedIn('sue');
    const res = await sue.get(url('2026-11-16', '2026-11-18'));
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain(customerName);
    expect(res.body).not.toContain(title);
    expect(res.body).not.toContain('Scanned');
    for (const value of [...numbers, ...ids]) expect(res.body).not.toContain(value);
  });

  it('shows another area’s supervisor none of these cases', async () => {
    const paul = await signedIn('paul');
    const res = await paul.get(url('2026-11-16', '2026-11-18'));
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.volume.total).toBe(0);
    expect(report.volume.byArea).toEqual([]);
    expect(report.firstResponse.all).toEqual({ count: 0, elapsedHours: null, businessHours: null });
    expect(report.resolution.all.count).toBe(0);
    expect(report.backlog.byArea).toEqual([]);
    expect(report.backlog.all).toEqual({ buckets: [0, 0, 0, 0, 0], total: 0, oldestAgeHours: null });
  });

  it('is forbidden to an agent', async () => {
    const agnes = await signedIn('agnes');
    const refused = await agnes.get(url('2026-11-16', '2026-11-18'));
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).not.toContain('volume');
  });

  it('is documented, with a response schema that lists every field', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    const operation = doc.paths['/api/reports/cases'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'to']);
    const ok = operation.responses['200'].content['application/json'].schema;
    expect(ok.additionalProperties).toBe(false);
    expect(Object.keys(ok.properties).sort()).toEqual([
      'backlog',
      'firstResponse',
      'from',
      'resolution',
      'sla',
      'timeZone',
      'to',
      'volume',
    ]);
  });

  it('names the query field of a bad period', async () => {
    const sue = await signedIn('sue');
    const fieldOf = async (query: string, status: number) => {
      const res = await sue.get(`/api/reports/cases?${query}`);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return res.json().errors.map((e: { field: string }) => e.field);
    };
    expect(await fieldOf('from=yesterday&to=2026-11-18', 400)).toEqual(['/querystring/from']);
    expect(await fieldOf('from=2026-11-16', 400)).toEqual(['/querystring/to']);
    expect(await fieldOf('from=2026-11-18&to=2026-11-16', 422)).toEqual(['/querystring/to']);
    expect(await fieldOf('from=2025-01-01&to=2026-01-02', 422)).toEqual(['/querystring/to']);
  });
});
