import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
let privacy: Client;
let customerId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const address = {
  deliveryLine: '12 Orchard Row',
  unitDesignator: null,
  unitNumber: null,
  city: 'Dayton',
  state: 'OH',
  zip5: '45402',
  zip4: null,
};

beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('priya', password, ['privacy_officer']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  privacy = client(t.app);
  await privacy.signIn('priya', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [
      { field: 'customer_name', value: 'Ottoline Brackenbury' },
      { field: 'phone', value: '(718) 555-0134' },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
});
afterAll(async () => {
  await t.close();
});

const accessRequest = (extra: Record<string, unknown> = {}) => ({
  kind: 'access',
  channel: 'letter',
  customerId,
  requester: { name: 'Ottoline Brackenbury', address },
  details: 'Please send me every record you hold about me.',
  ...extra,
});

describe('Privacy Act requests over HTTP', () => {
  it('withdraws an open request and closes a decided one, refusing moves its status does not allow (409)', async () => {
    const withdrawn = (await agent.post('/api/privacy/requests', accessRequest())).json().id;
    const out = await privacy.post(`/api/privacy/requests/${withdrawn}/withdraw`, {});
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ status: 'withdrawn', nextDeadline: null });
    expect((await privacy.post(`/api/privacy/requests/${withdrawn}/close`, {})).statusCode).toBe(409);

    const decided = (await agent.post('/api/privacy/requests', accessRequest())).json().id;
    expect((await privacy.post(`/api/privacy/requests/${decided}/close`, {})).statusCode).toBe(409);
    expect((await privacy.post(`/api/privacy/requests/${decided}/identity`, { method: 'document', evidence: 'Passport' })).statusCode).toBe(
      200,
    );
    expect((await privacy.post(`/api/privacy/requests/${decided}/decision`, { outcome: 'granted' })).statusCode).toBe(200);
    const closed = await privacy.post(`/api/privacy/requests/${decided}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const history = await privacy.get(`/api/privacy/requests/${decided}/events`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().map((e: { kind: string }) => e.kind)).toEqual(['received', 'identity_verified', 'decided', 'closed']);
    expect(history.json()[2]).toMatchObject({ actor: expect.stringMatching(/^staff:/), detail: { outcome: 'granted' } });
    expect((await agent.post(`/api/privacy/requests/${decided}/withdraw`, {})).statusCode).toBe(403);
  });

  it('answers 422 problem+json naming the field for bad input', async () => {
    for (const [change, field] of [
      [{ channel: 'pigeon' }, '/body/channel'],
      [{ requester: { name: 'Ottoline Brackenbury' } }, '/body/requester/address'],
      [{ kind: 'amendment' }, '/body/target'],
    ] as const) {
      const response = await agent.post('/api/privacy/requests', accessRequest(change));
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('lets an agent open a request, refuses the agent a decision (403), and lets the privacy office work it to letters', async () => {
    const opened = await agent.post('/api/privacy/requests', accessRequest());
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json().id;
    expect(opened.json()).toMatchObject({ kind: 'access', status: 'received', number: expect.stringMatching(/^PA-\d{4}-\d{6}$/) });

    const byAgent = await agent.post(`/api/privacy/requests/${id}/decision`, { outcome: 'granted' });
    expect(byAgent.statusCode, byAgent.body).toBe(403);

    const early = await privacy.get(`/api/privacy/requests/${id}/access-report?format=json`);
    expect(early.statusCode, early.body).toBe(409);

    const badIdentity = await privacy.post(`/api/privacy/requests/${id}/identity`, { method: 'telepathy', evidence: 'x' });
    expect(badIdentity.statusCode).toBe(422);
    expect(badIdentity.json().errors.map((e: { field: string }) => e.field)).toContain('/body/method');
    const verified = await privacy.post(`/api/privacy/requests/${id}/identity`, { method: 'document', evidence: 'Passport seen' });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().identity).toMatchObject({ method: 'document' });

    const acknowledged = await privacy.post(`/api/privacy/requests/${id}/acknowledge`);
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    const ack = await privacy.get(`/api/privacy/requests/${id}/letters/acknowledgement.pdf`);
    expect(ack.statusCode, ack.body).toBe(200);
    expect(ack.headers['content-type']).toContain('application/pdf');
    expect(ack.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const report = await privacy.get(`/api/privacy/requests/${id}/access-report?format=json`);
    expect(report.statusCode, report.body).toBe(200);
    expect(report.body).toContain('Ottoline Brackenbury');
    const pdf = await privacy.get(`/api/privacy/requests/${id}/access-report?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const noReason = await privacy.post(`/api/privacy/requests/${id}/decision`, { outcome: 'denied' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors.map((e: { field: string }) => e.field)).toContain('/body/reason');
    const decided = await privacy.post(`/api/privacy/requests/${id}/decision`, { outcome: 'denied', reason: 'Exempt material.' });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().request.appealWindowEnds).toEqual(expect.any(String));
    const denial = await privacy.get(`/api/privacy/requests/${id}/letters/denial.pdf`);
    expect(denial.statusCode, denial.body).toBe(200);
    expect(denial.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const appeal = await agent.post(`/api/privacy/requests/${id}/appeal`, { channel: 'letter', details: 'I appeal.' });
    expect(appeal.statusCode, appeal.body).toBe(201);
    expect(appeal.json()).toMatchObject({ kind: 'appeal', appealOf: id });

    const listed = await privacy.get('/api/privacy/requests?status=denied');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((r: { id: string }) => r.id)).toContain(id);
  });

  it('answers 404 for a request that does not exist', async () => {
    const response = await privacy.get('/api/privacy/requests/00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
  });
});
