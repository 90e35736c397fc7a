import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

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
  await t.addStaff('pete', password, ['agent'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
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

describe('calls over HTTP', () => {
  let callId: string;
  let caseId: string;

  it('logs a call that opens a phone case, linked both ways', async () => {
    const logged = await agent.post('/api/calls', {
      customerId,
      direction: 'inbound',
      number: '718.555.0134',
      durationSeconds: 312,
      notes: 'Caller reports a trademark certificate lost in the mail.',
      openCase: { title: 'Certificate lost in the mail', category: 'missing-mail' },
    });
    expect(logged.statusCode, logged.body).toBe(201);
    const call = logged.json();
    expect(call).toMatchObject({
      customerId,
      direction: 'inbound',
      number: '+17185550134',
      disposition: 'case_opened',
      durationSeconds: 312,
    });
    expect(call.caseNumber).toMatch(/^C-\d{4}-\d{6}$/);
    ({ id: callId, caseId } = call);
    const detail = (await agent.get(`/api/cases/${caseId}`)).json();
    expect(detail).toMatchObject({
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      customerId,
      title: 'Certificate lost in the mail',
    });
    expect((await agent.get(`/api/cases/${caseId}/calls`)).json().map((c: { id: string }) => c.id)).toEqual([callId]);
    const history = (await agent.get(`/api/customers/${customerId}/history`)).json();
    expect(JSON.stringify(history)).toContain('call_logged');
  });

  it('adds a later call to the case as a note and lists the customer’s calls newest first', async () => {
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const update = await agent.post('/api/calls', {
      customerId,
      caseId,
      direction: 'outbound',
      number: '+1 718 555 0134',
      durationSeconds: 95,
      notes: 'Told the customer a replacement is on its way.',
    });
    expect(update.statusCode, update.body).toBe(201);
    expect(update.json()).toMatchObject({ caseId, disposition: 'case_updated' });
    const detail = (await agent.get(`/api/cases/${caseId}`)).json();
    expect(detail.messages.map((m: { kind: string; body: string }) => [m.kind, m.body])).toContainEqual([
      'note',
      'Told the customer a replacement is on its way.',
    ]);
    expect(detail.events.map((e: { kind: string }) => e.kind)).toContain('note');
    const list = await agent.get(`/api/customers/${customerId}/calls`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((c: { id: string; direction: string }) => c.direction)).toEqual(['outbound', 'inbound']);
    expect(list.headers['cache-control']).toBe('no-store');
  });

  it('refuses a bad duration or direction with 422 naming the field, and writes nothing', async () => {
    const before = (await agent.get(`/api/customers/${customerId}/calls`)).json().length;
    const base = { customerId, direction: 'inbound', number: '7185550134', durationSeconds: 60, disposition: 'resolved_on_call' };
    for (const [change, field] of [
      [{ durationSeconds: -5 }, '/body/durationSeconds'],
      [{ durationSeconds: 'long' }, '/body/durationSeconds'],
      [{ durationSeconds: 100_000 }, '/body/durationSeconds'],
      [{ direction: 'sideways' }, '/body/direction'],
      [{ number: 'call me maybe' }, '/body/number'],
      [{ disposition: 'hung_up' }, '/body/disposition'],
    ] as const) {
      const response = await agent.post('/api/calls', { ...base, ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const noDisposition = await agent.post('/api/calls', { ...base, disposition: undefined });
    expect(noDisposition.json().errors).toEqual([expect.objectContaining({ field: '/body/disposition' })]);
    expect((await agent.get(`/api/customers/${customerId}/calls`)).json()).toHaveLength(before);
  });

  it('shows another area’s agent nothing (404), and keeps numbers and notes out of the log', async () => {
    const pete = client(t.app);
    await pete.signIn('pete', password, now);
    expect((await pete.get(`/api/calls/${callId}`)).statusCode).toBe(404);
    expect((await pete.get(`/api/customers/${customerId}/calls`)).statusCode).toBe(404);
    expect((await pete.get(`/api/cases/${caseId}/calls`)).statusCode).toBe(404);
    expect((await agent.get(`/api/calls/${callId}`)).json().notes).toBe('Caller reports a trademark certificate lost in the mail.');
    expect(t.logs.join('\n')).not.toMatch(/555.?0134|certificate lost|replacement is on its way|Brackenbury/i);
  });

  it('keeps the number as ciphertext in the table', async () => {
    const system = systemPrincipal('test');
    const rows = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('calls').select(['number_ct', 'notes_ct']).where('id', '=', callId).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]!.number_ct!).toString('latin1')).not.toMatch(/7185550134/);
    expect(Buffer.from(rows[0]!.notes_ct!).toString('latin1')).not.toMatch(/certificate/);
  });
});
