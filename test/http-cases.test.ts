import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
let customerId: string;
let agnesId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addArea('patents');
  agnesId = await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('carl', password, ['contractor'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    values: [
      { field: 'customer_name', value: 'Leopoldine Winterbourne' },
      { field: 'phone', value: '(718) 555-0134' },
    ],
  });
  customerId = created.json().id;
});
afterAll(async () => {
  await t.close();
});

describe('cases over HTTP', () => {
  let caseId: string;
  let number: string;

  it('opens a phone case for a customer and shows it with its history', async () => {
    const opened = await agent.post('/api/cases', {
      customerId,
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      category: 'missing-mail',
      title: 'Package not delivered',
      body: 'Caller says the package was scanned but never arrived.',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    ({ id: caseId, number } = opened.json());
    expect(number).toMatch(/^C-\d{4}-\d{6}$/);
    const detail = await agent.get(`/api/cases/${caseId}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      status: 'new',
      customerId,
      title: 'Package not delivered',
      events: [expect.objectContaining({ kind: 'created' })],
    });
    expect(detail.headers['cache-control']).toBe('no-store');
    expect((await agent.get(`/api/cases/by-number/${number}`)).json()).toEqual({ id: caseId });
  });

  it('is worked: assigned to me, noted, replied to, resolved', async () => {
    expect((await agent.post(`/api/cases/${caseId}/assign`, { assignee: 'me' })).json()).toMatchObject({ status: 'open' });
    const mine = await agent.get('/api/cases?assignee=me&status=open');
    expect(mine.json().map((c: { id: string }) => c.id)).toEqual([caseId]);
    expect((await agent.post(`/api/cases/${caseId}/notes`, { body: 'Checked with the carrier.' })).statusCode).toBe(201);
    expect((await agent.post(`/api/cases/${caseId}/replies`, { to: [], body: 'We found it; it arrives tomorrow.' })).statusCode).toBe(201);
    const noCode = await agent.post(`/api/cases/${caseId}/status`, { status: 'resolved' });
    expect(noCode.statusCode).toBe(422);
    expect(noCode.json().errors[0].field).toBe('/body/resolutionCode');
    const resolved = await agent.post(`/api/cases/${caseId}/status`, {
      status: 'resolved',
      resolutionCode: 'answered',
      resolution: 'Redelivered.',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved' });
    const wrong = await agent.post(`/api/cases/${caseId}/status`, { status: 'pending_customer' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().detail).toBe('a case that is resolved cannot become pending customer');
    const detail = (await agent.get(`/api/cases/${caseId}`)).json();
    expect(detail.messages.map((m: { kind: string }) => m.kind)).toEqual(['inbound', 'note', 'outbound']);
    expect(detail.firstResponseAt).not.toBeNull();
    expect(detail.disposeAfter).not.toBeNull();
  });

  it('finds the customer by case number in the find-customer box', async () => {
    const found = await agent.post('/api/lookup', { q: number.toLowerCase().replaceAll('-', ' ') });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().results.map((r: { customer: { id: string } }) => r.customer.id)).toEqual([customerId]);
  });

  it('pops the caller with open cases only', async () => {
    const second = await agent.post('/api/cases', {
      customerId,
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      title: 'Hold mail request',
      body: 'Wants mail held for two weeks.',
    });
    const pop = await agent.get(`/api/lookup/phone/${encodeURIComponent('718.555.0134')}`);
    expect(pop.statusCode, pop.body).toBe(200);
    expect(pop.json().customers).toEqual([
      expect.objectContaining({
        id: customerId,
        openCases: [expect.objectContaining({ id: second.json().id, title: 'Hold mail request' })],
      }),
    ]);
  });

  it('changes priority and tags, recording what changed, and refuses a bad tag naming it', async () => {
    const changed = await agent.post(`/api/cases/${caseId}/classification`, { priority: 'urgent', addTags: ['carrier-issue', 'vip'] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ priority: 'urgent' });
    const untagged = await agent.post(`/api/cases/${caseId}/classification`, { removeTags: ['vip'] });
    expect((await agent.get(`/api/cases/${caseId}`)).json().tags).toEqual(['carrier-issue']);
    expect(untagged.statusCode).toBe(200);
    const events = (await agent.get(`/api/cases/${caseId}`)).json().events.filter((e: { kind: string }) => e.kind === 'classified');
    expect(events.map((e: { detail: unknown }) => e.detail)).toEqual([
      { priority: { from: 'normal', to: 'urgent' }, tags: { added: ['carrier-issue', 'vip'], removed: [] } },
      { tags: { added: [], removed: ['vip'] } },
    ]);
    // Everyone who acted on the case is named among the staff involved.
    expect((await agent.get(`/api/cases/${caseId}`)).json().personnel).toEqual([{ id: agnesId, displayName: 'agnes' }]);
    const bad = await agent.post(`/api/cases/${caseId}/classification`, { addTags: ['Not A Tag'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('/body/addTags/0');
  });

  it('shows another area’s contractor nothing, and keeps case text out of the log', async () => {
    const carl = client(t.app);
    await carl.signIn('carl', password, now);
    expect((await carl.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await carl.get(`/api/cases/by-number/${number}`)).statusCode).toBe(404);
    expect((await carl.get('/api/cases')).json()).toEqual([]);
    expect(t.logs.join('\n')).not.toMatch(/Package not delivered|carrier|Leopoldine|555-0134/);
  });
});
