import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let customerId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const knownEmail = 'winifred.ashcombe@example.org';
let address = 0;
/** Each test sends from its own client address, so that only the rate-limit test meets the limit. */
const nextAddress = () => `198.51.100.${++address}`;

const getForm = async (remoteAddress: string) => {
  const response = await t.app.inject({ method: 'GET', url: '/api/public/inquiries/form', remoteAddress });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { token: string; categories: { id: string; label: string }[] };
};
const send = (payload: Record<string, unknown>, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/public/inquiries', payload, remoteAddress });
const inquiry = (token: string | undefined, extra: Record<string, unknown> = {}) => ({
  token,
  name: 'Winifred Ashcombe',
  email: knownEmail,
  phone: '',
  category: 'missing-mail',
  subject: 'Birthday card never arrived',
  message: 'I mailed a card to my niece on November 2 and it has not arrived.',
  website: '',
  ...extra,
});
const later = (seconds: number) => {
  t.clock.now = new Date(t.clock.now.getTime() + seconds * 1000);
};
const system = systemPrincipal('test');
const webCases = () =>
  withPrincipal(t.database.db, system, (trx) =>
    trx.selectFrom('cases').select(['number', 'customer_id', 'channel', 'tags', 'priority']).where('channel', '=', 'web').execute(),
  );

beforeAll(async () => {
  t = await testApp();
  await t.addStaff('agnes', password, ['agent'], []);
  const agent = client(t.app);
  await agent.signIn('agnes', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    values: [
      { field: 'customer_name', value: 'Winifred Ashcombe' },
      { field: 'email', value: knownEmail },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
});
afterAll(async () => {
  await t.close();
});

describe('the public inquiry form', () => {
  it('needs no sign-in, and turns a real inquiry into one web case whose number it answers', async () => {
    const from = nextAddress();
    const form = await getForm(from);
    expect(form.categories.map((c) => c.id)).toContain('missing-mail');
    later(20);
    const before = (await webCases()).length;
    const response = await send(inquiry(form.token, { email: 'someone.new@example.net' }), from);
    expect(response.statusCode, response.body).toBe(202);
    const body = response.json();
    expect(body).toEqual({ received: true, caseNumber: expect.stringMatching(/^C-\d{4}-\d{6}$/) });
    const after = await webCases();
    expect(after).toHaveLength(before + 1);
    expect(after.find((c) => c.number === body.caseNumber)).toMatchObject({ channel: 'web', customer_id: null });
    // The same form sent again (a double click) is the same case.
    const again = await send(inquiry(form.token, { email: 'someone.new@example.net' }), from);
    expect(again.json()).toEqual(body);
    expect(await webCases()).toHaveLength(before + 1);
  });

  it('answers a known and an unknown e-mail address alike, with no customer data', async () => {
    const from = nextAddress();
    const known = await getForm(from);
    const unknown = await getForm(from);
    later(30);
    const started = performance.now();
    const a = await send(inquiry(known.token), from);
    const knownMs = performance.now() - started;
    const b = await send(inquiry(unknown.token, { email: 'not.a.customer@example.com' }), from);
    const unknownMs = performance.now() - started - knownMs;
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(a.statusCode);
    expect(Object.keys(b.json()).sort()).toEqual(Object.keys(a.json()).sort());
    expect(Object.keys(a.json()).sort()).toEqual(['caseNumber', 'received']);
    expect(b.headers['content-type']).toBe(a.headers['content-type']);
    expect(b.body.length).toBe(a.body.length);
    for (const response of [a, b]) expect(response.body).not.toMatch(new RegExp(`${customerId}|Winifred|Ashcombe|example`));
    // Both held to the same minimum response time.
    expect(Math.min(knownMs, unknownMs)).toBeGreaterThanOrEqual(390);
    const cases = await webCases();
    expect(cases.find((c) => c.number === a.json().caseNumber)?.customer_id).toBe(customerId);
    expect(cases.find((c) => c.number === b.json().caseNumber)?.customer_id).toBeNull();
  });

  it('opens no case for a filled honeypot, a form sent too fast, or a missing, altered or expired token — and says the same to each', async () => {
    const from = nextAddress();
    const before = (await webCases()).length;
    const fresh = await getForm(from);
    const tooFast = await send(inquiry(fresh.token), from);
    later(10);
    const honeypot = await send(inquiry(fresh.token, { website: 'http://cheap-pills.example' }), from);
    const missing = await send(inquiry(undefined), from);
    const altered = await send(inquiry(`${fresh.token.slice(0, -6)}AAAAAA`), from);
    later(2 * 3600 + 1);
    const expired = await send(inquiry(fresh.token), from);
    const answers = [tooFast, honeypot, missing, altered, expired];
    for (const response of answers) {
      expect(response.statusCode).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors).toEqual([{ field: '/body/token', message: expect.stringContaining('expired') }]);
    }
    const withoutInstance = answers.map((r) => ({ ...r.json(), instance: undefined }));
    expect(new Set(withoutInstance.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await webCases()).toHaveLength(before);
  });

  it('keeps an inquiry full of links as a real case, tagged for an agent, answered like any other', async () => {
    const from = nextAddress();
    const form = await getForm(from);
    later(15);
    const response = await send(
      inquiry(form.token, {
        email: 'promoter@example.com',
        message: 'Great SEO services! https://a.example https://b.example https://c.example',
      }),
      from,
    );
    expect(response.statusCode).toBe(202);
    expect(Object.keys(response.json()).sort()).toEqual(['caseNumber', 'received']);
    const kept = (await webCases()).find((c) => c.number === response.json().caseNumber);
    expect(kept).toMatchObject({ tags: ['suspected-spam'], priority: 'low' });
  });

  it('names the field a person must correct', async () => {
    const from = nextAddress();
    const form = await getForm(from);
    later(10);
    const badEmail = await send(inquiry(form.token, { email: 'not-an-address' }), from);
    expect(badEmail.statusCode).toBe(422);
    expect(badEmail.json().errors).toEqual([expect.objectContaining({ field: '/body/email' })]);
    const missing = await send(inquiry(form.token, { subject: undefined, category: 'bananas' }), from);
    expect(missing.statusCode).toBe(422);
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['/body/category', '/body/subject']);
  });

  it('answers the sixth inquiry in a minute from one address with 429', async () => {
    const from = nextAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await send(inquiry(undefined), from)).statusCode);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses[5]).toBe(429);
    const limited = await send(inquiry(undefined), from);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json()).toMatchObject({ status: 429, type: 'urn:caseline:problem:rate-limited' });
    expect((await send(inquiry(undefined), nextAddress())).statusCode).toBe(422);
  });

  it('logs nothing the sender wrote', () => {
    const logs = t.logs.join('\n');
    expect(logs).toContain('web inquiry refused');
    expect(logs).not.toMatch(/Winifred|Ashcombe|example\.(org|net|com)|Birthday card|niece|SEO services/);
  });
});
