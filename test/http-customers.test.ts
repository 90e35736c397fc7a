import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealPending } from '../src/access/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { withoutIds } from './support/without-ids.ts';

// Personal values of this file: none may ever show up in the server's logs or the audit log.
const address = { lines: '475 Lenfant Plaza Southwest, Room 4012', city: 'Washington', state: 'DC', zip: '20260-0004' };
/** A registration body from the flat shape agents think in. */
function registration(p: {
  name: string;
  email?: string;
  phone?: string;
  address?: typeof address;
  ssnLast4?: string;
  businessArea?: string;
}) {
  return {
    kind: 'person',
    ...(p.businessArea ? { businessArea: p.businessArea } : {}),
    values: [
      { field: 'customer_name', value: p.name },
      ...(p.email ? [{ field: 'email', value: p.email }] : []),
      ...(p.phone ? [{ field: 'phone', value: p.phone, label: 'mobile' }] : []),
      ...(p.address ? [{ field: 'mailing_address', value: p.address, label: 'home' }] : []),
      ...(p.ssnLast4 ? [{ field: 'ssn_last4', value: p.ssnLast4 }] : []),
    ],
  };
}
const person = { name: 'Zebulon Quixote', email: 'zeb.quixote+cases@example.org', phone: '(202) 555-0147', address, ssnLast4: '4821' };
const personalValues = ['Zebulon', 'Quixote', 'zeb.quixote', '555-0147', '5550147', '4821', '20260-0004', 'LENFANT', 'Lenfant'];
type Value = { field: string; value: unknown; masked: boolean };
const valueOf = (body: { values: Value[] }, field: string) => body.values.find((v) => v.field === field);

let t: TestApp;
let agent: Client;
let customerId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('carl', password, ['contractor'], ['patents']);
  await t.addStaff('ada', password, ['administrator']);
  await t.addStaff('otto', password, ['auditor']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
});
afterAll(async () => {
  await t.close();
});

async function signedIn(username: string) {
  const c = client(t.app);
  await c.signIn(username, password, now);
  return c;
}

describe('customers over HTTP', () => {
  it('registers a customer and shows it back, sensitive field masked, never cacheable', async () => {
    const created = await agent.post('/api/customers', registration(person));
    expect(created.statusCode, created.body).toBe(201);
    customerId = created.json().id;
    const read = await agent.get(`/api/customers/${customerId}`);
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const body = read.json();
    expect(body.name).toBe(person.name);
    expect(valueOf(body, 'email')).toMatchObject({ value: person.email, masked: false, primary: true, recordSource: 'agent' });
    // Stored in E.164 and Publication 28 form.
    expect(valueOf(body, 'phone')).toMatchObject({ value: '+12025550147', label: 'mobile' });
    expect(valueOf(body, 'mailing_address')?.value).toMatchObject({
      deliveryLine: '475 LENFANT PLZ SW RM 4012',
      lastLine: 'WASHINGTON DC 20260-0004',
    });
    expect(valueOf(body, 'ssn_last4')).toMatchObject({ value: '••••', masked: true });
    const revealed = await agent.get(`/api/customers/${customerId}?reveal=ssn_last4`);
    expect(valueOf(revealed.json(), 'ssn_last4')).toMatchObject({ value: '4821', masked: false });
  });

  it('finds the customer by any key, tolerant of spelling, and never by SSN digits alone', async () => {
    const byName = await agent.post('/api/customers/search', { name: 'zebulun QUIXOTTE' });
    expect(byName.json().map((c: { id: string }) => c.id)).toContain(customerId);
    const byPhone = await agent.post('/api/customers/search', { phone: '+1 202.555.0147' });
    expect(
      byPhone.json().map((c: { id: string }) => c.id),
      byPhone.body,
    ).toEqual([customerId]);
    const byEmail = await agent.post('/api/customers/search', { email: 'ZEB.Quixote+cases@Example.ORG' });
    expect(byEmail.json().map((c: { id: string }) => c.id)).toEqual([customerId]);
    const byZip = await agent.post('/api/customers/search', { zip: '20260', ssnLast4: '4821' });
    expect(byZip.json().map((c: { id: string }) => c.id)).toEqual([customerId]);
    const byAddress = await agent.post('/api/customers/search', {
      address: { lines: "475 L'Enfant Plaza SW Rm. 4012", city: 'washington', state: 'District of Columbia', zip: '20260' },
    });
    expect(
      byAddress.json().map((c: { id: string }) => c.id),
      byAddress.body,
    ).toEqual([customerId]);
    const ssnAlone = await agent.post('/api/customers/search', { ssnLast4: '4821' });
    expect(ssnAlone.statusCode).toBe(422);
    expect(ssnAlone.json().detail).toMatch(/ssnLast4 retrieves no one alone/);
  });

  it('rejects a bad value naming its field, and stores nothing', async () => {
    const bad = await agent.post('/api/customers', registration({ ...person, name: 'Wilhelmina Nobody', phone: '123' }));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('/body/values/2/value');
    const { instance: _requestId, ...problem } = bad.json();
    expect(JSON.stringify(problem)).not.toContain('123');
    const badZip = await agent.post('/api/customers', registration({ name: 'Wilhelmina Nobody', address: { ...address, zip: '2026' } }));
    expect(badZip.json().errors[0].field).toBe('/body/values/1/value/zip');
    expect((await agent.post('/api/customers/search', { name: 'Wilhelmina Nobody' })).json()).toEqual([]);
  });

  it('shows the customer to no one whose duties do not require it', async () => {
    const contractor = await signedIn('carl');
    expect((await contractor.get(`/api/customers/${customerId}`)).statusCode).toBe(404);
    // The refusal is itself recorded, with no data subject (no personal data was carried).
    const refusals = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('record_id', '=', customerId)
      .where('outcome', '=', 'denied')
      .execute();
    expect(refusals.map((r) => [r.action, r.subjects])).toEqual([['read', []]]);
    expect((await contractor.post('/api/customers/search', { email: person.email })).json()).toEqual([]);
    const admin = await signedIn('ada');
    expect((await admin.get(`/api/customers/${customerId}`)).statusCode).toBe(404);
    const otherArea = await agent.post('/api/customers', registration({ ...person, name: 'Other Area', businessArea: 'patents' }));
    expect(otherArea.statusCode).toBe(403);
  });

  it('logs every access in the audit log with the subject, and no personal value', async () => {
    await sealPending(t.database.db, { batchSize: 1000, now });
    const auditor = await signedIn('otto');
    const listed = await auditor.get(`/api/audit?subject=${customerId}&limit=100`);
    expect(listed.statusCode, listed.body + t.logs.filter((l) => l.includes('request failed')).join('\n')).toBe(200);
    const entries = listed.json() as { action: string; subjects: string[]; purpose: string }[];
    const actions = new Set(entries.map((e) => e.action));
    for (const action of ['create', 'read', 'reveal', 'search']) expect(actions).toContain(action);
    expect(entries.every((e) => e.subjects.includes(customerId))).toBe(true);
    const text = JSON.stringify(entries);
    for (const value of personalValues) expect(text).not.toContain(value);
    const verification = (await auditor.get('/api/audit/verify')).json();
    expect(verification).toMatchObject({ ok: true });
    expect(verification.entries).toBeGreaterThan(entries.length);
  });

  it('keeps every personal value of this file out of the server log', async () => {
    // Even when a client puts one in a URL: requests are logged by route pattern, not path.
    expect(
      (await agent.get(`/api/customers/${encodeURIComponent(person.email)}/x?phone=${encodeURIComponent(person.phone)}`)).statusCode,
    ).toBe(404);
    expect((await agent.get(`/api/customers/${customerId}?name=${encodeURIComponent(person.name)}`)).statusCode).toBe(400);
    expect(t.logs.length).toBeGreaterThan(10);
    // Every text the log holds; numbers (times, durations) are left out, where digits like '4821' occur by chance.
    const strings = (value: unknown): string[] =>
      typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(strings) : [];
    const text = withoutIds(t.logs.flatMap((line) => strings(JSON.parse(line))).join('\n'));
    for (const value of personalValues) expect(text).not.toContain(value);
    expect(text).not.toContain(password);
  });
});

describe('the find-customer box (POST /api/lookup)', () => {
  async function lookup(q: string) {
    const response = await agent.post('/api/lookup', { q });
    return { status: response.statusCode, body: response.json() };
  }

  it('recognises what was typed and finds the customer by it', async () => {
    for (const q of [
      'ZEB.Quixote+cases@Example.ORG',
      '(202) 555-0147',
      '+1.202.555.0147',
      customerId,
      'zebulun quixotte',
      'Quixote, Zebulon',
      'Zebulon Quixote 20260',
    ]) {
      const { status, body } = await lookup(q);
      expect(status, q).toBe(200);
      expect(
        body.results.map((r: { customer: { id: string } }) => r.customer.id),
        q,
      ).toContain(customerId);
    }
    const byPhone = await lookup('202-555-0147');
    expect(byPhone.body.interpretations[0].kind).toBe('phone');
    expect(byPhone.body.results[0].matchedBy).toBe(byPhone.body.interpretations[0].description);
  });

  it('ranks the closest name first', async () => {
    await agent.post('/api/customers', registration({ name: 'Zebulon Quixano' }));
    const { body } = await lookup('Zebulon Quixote');
    expect(body.results[0].customer.id).toBe(customerId);
  });

  it('never retrieves anyone by SSN last four alone, and says why on the field', async () => {
    const { status, body } = await lookup('4821');
    expect(status).toBe(422);
    expect(body.errors[0].field).toBe('/body/q');
    expect(body.detail).toMatch(/must come with a name or ZIP/);
    const combined = await lookup('Quixote 4821');
    expect(combined.body.results.map((r: { customer: { id: string } }) => r.customer.id)).toEqual([customerId]);
  });

  it('records each lookup with its purpose and the customers it returned', async () => {
    const response = await agent.post('/api/lookup', { q: 'zeb.quixote+cases@example.org', purpose: 'caller asked about a held parcel' });
    expect(response.statusCode).toBe(200);
    const entry = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('purpose', '=', 'caller asked about a held parcel')
      .executeTakeFirstOrThrow();
    expect(entry.action).toBe('search');
    expect(entry.subjects).toEqual([customerId]);
    expect(JSON.stringify(entry.detail)).not.toContain('quixote');
  });
});

describe('duplicates', () => {
  it('are reported when a customer is registered, and on demand, without values in the reasons', async () => {
    const again = await agent.post('/api/customers', registration({ name: 'Zebulon Quixotte', phone: '202 555 0147', address }));
    expect(again.statusCode).toBe(201);
    const created = again.json();
    expect(created.possibleDuplicates.map((d: { id: string }) => d.id)).toContain(customerId);
    const match = created.possibleDuplicates.find((d: { id: string }) => d.id === customerId);
    expect(match.score).toBeGreaterThanOrEqual(0.5);
    expect(match.reasons).toContain('phone');
    expect(JSON.stringify(match.reasons)).not.toMatch(/555|Quixot/);

    const onDemand = await agent.get(`/api/customers/${customerId}/duplicates`);
    expect(onDemand.statusCode).toBe(200);
    expect(onDemand.json().map((d: { id: string }) => d.id)).toContain(created.id);

    const stranger = await agent.post(
      '/api/customers',
      registration({ name: 'Ottoline Featherstonehaugh', email: 'ottoline@example.net' }),
    );
    expect(stranger.json().possibleDuplicates).toEqual([]);
  });
});
