import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let supervisor: Client;
let agent: Client;
let customerId: string;
let caseId: string;
let caseNumber: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const macros: Record<string, string> = {};

const template = [
  'Dear {{customer.first_name}},',
  '',
  'Thank you for writing about case {{case.number}} ({{ case.title }}).',
  'Tell us how we did: {{survey.link}}',
  'Regards, {{agent.name}} for {{customer.name}}',
].join('\n');

beforeAll(async () => {
  t = await testApp();
  await t.addArea('claims');
  await t.addArea('spanish');
  await t.addStaff('sofia', password, ['supervisor'], ['claims', 'spanish']);
  await t.addStaff('agnes', password, ['agent'], ['claims']);
  supervisor = client(t.app);
  await supervisor.signIn('sofia', password, now);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  customerId = (
    await agent.post('/api/customers', { kind: 'person', values: [{ field: 'customer_name', value: 'Philippa Amberleigh-Stone' }] })
  ).json().id;
  const opened = await agent.post('/api/cases', {
    customerId,
    businessArea: 'claims',
    channel: 'email',
    recordType: 'usps-880/inquiry',
    title: 'Damaged parcel',
    body: 'The box arrived crushed.',
  });
  expect(opened.statusCode, opened.body).toBe(201);
  ({ id: caseId, number: caseNumber } = opened.json());
});
afterAll(async () => {
  await t.close();
});

const put = (c: Client, url: string, payload: unknown) => c.request({ method: 'PUT', url, payload: payload as object });
const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });

describe('macros', () => {
  it('are written by supervisors only', async () => {
    const denied = await agent.post('/api/macros', { name: 'Mine', body: 'Hello' });
    expect(denied.statusCode).toBe(403);
    expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);

    const created = await supervisor.post('/api/macros', {
      name: 'Damage acknowledgement',
      body: template,
      businessArea: 'claims',
      actions: { status: 'pending_customer', priority: 'high', tags: ['damage', 'damage', 'acknowledged'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Damage acknowledgement',
      businessArea: 'claims',
      actions: { status: 'pending_customer', priority: 'high', tags: ['damage', 'acknowledged'] },
      placeholders: ['customer.first_name', 'case.number', 'case.title', 'survey.link', 'agent.name', 'customer.name'],
    });
    macros.damage = created.json().id;
    macros.everyone = (await supervisor.post('/api/macros', { name: 'Closing', body: 'Case {{case.number}} is closed.' })).json().id;
    macros.spanish = (
      await supervisor.post('/api/macros', { name: 'Respuesta', body: 'Estimado {{customer.name}}', businessArea: 'spanish' })
    ).json().id;

    expect((await put(agent, `/api/macros/${macros.everyone}`, { name: 'Closing', body: 'x' })).statusCode).toBe(403);
    expect((await del(agent, `/api/macros/${macros.everyone}`)).statusCode).toBe(403);

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['detail'])
      .where('action', '=', 'settings_change')
      .where('record_type', '=', 'macro')
      .execute();
    expect(audit.map((a) => (a.detail as { change: string }).change)).toEqual(['created', 'created', 'created']);
  });

  it('refuse an unknown placeholder or unbalanced braces, naming the field and the position, and save nothing', async () => {
    const before = (await supervisor.get('/api/macros')).json().length;
    const unknown = await supervisor.post('/api/macros', { name: 'Typo', body: 'Hello,\nDear {{customer.nmae}}, welcome' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toHaveLength(1);
    expect(unknown.json().errors[0].field).toBe('/body/body');
    expect(unknown.json().errors[0].message).toMatch(/^line 2, column 6 \(offset 12\): unknown placeholder \{\{customer\.nmae\}\}/);

    const unclosed = await supervisor.post('/api/macros', { name: 'Typo', body: 'Case {{case.number was opened' });
    expect(unclosed.statusCode).toBe(422);
    expect(unclosed.json().errors[0]).toEqual({
      field: '/body/body',
      message: "line 1, column 6 (offset 5): '{{' without its closing '}}'",
    });
    const stray = await put(supervisor, `/api/macros/${macros.everyone}`, { name: 'Closing', body: 'Closed } now' });
    expect(stray.statusCode).toBe(422);
    expect(stray.json().errors[0].message).toMatch(/^line 1, column 8 \(offset 7\)/);

    const noCode = await supervisor.post('/api/macros', { name: 'Resolve', body: 'Done.', actions: { status: 'resolved' } });
    expect(noCode.statusCode).toBe(422);
    expect(noCode.json().errors[0].field).toBe('/body/actions/resolutionCode');
    const badArea = await supervisor.post('/api/macros', { name: 'Nowhere', body: 'x', businessArea: 'nowhere' });
    expect(badArea.json().errors[0].field).toBe('/body/businessArea');
    const taken = await supervisor.post('/api/macros', { name: 'CLOSING', body: 'Another.' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].field).toBe('/body/name');

    expect((await supervisor.get('/api/macros')).json()).toHaveLength(before);
    expect((await supervisor.get('/api/macros')).json().find((m: { id: string }) => m.id === macros.everyone).body).toBe(
      'Case {{case.number}} is closed.',
    );
  });

  it('are listed to every agent: those of no area and of theirs', async () => {
    const names = (await agent.get('/api/macros')).json().map((m: { name: string }) => m.name);
    expect(names).toEqual(['Closing', 'Damage acknowledgement']);
    const all = (await supervisor.get('/api/macros')).json().map((m: { name: string }) => m.name);
    expect(all).toEqual(['Closing', 'Damage acknowledgement', 'Respuesta']);
  });

  it('preview for a case: the customer’s name, the case number, the agent, no survey line; nothing changes', async () => {
    const preview = await agent.post(`/api/cases/${caseId}/macros/${macros.damage}/preview`);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      body: [
        'Dear Philippa,',
        '',
        `Thank you for writing about case ${caseNumber} (Damaged parcel).`,
        'Regards, agnes for Philippa Amberleigh-Stone',
      ].join('\n'),
      actions: { status: 'pending_customer', priority: 'high', tags: ['damage', 'acknowledged'] },
    });
    expect(preview.headers['cache-control']).toBe('no-store');
    expect((await agent.get(`/api/cases/${caseId}`)).json()).toMatchObject({ status: 'new', priority: 'normal' });
    expect(t.logs.join('\n')).not.toContain('Philippa');

    // The agent then sends it and applies its status with the existing case routes.
    expect((await agent.post(`/api/cases/${caseId}/replies`, { to: [], body: preview.json().body })).statusCode).toBe(201);
    expect((await agent.post(`/api/cases/${caseId}/status`, { status: preview.json().actions.status })).json()).toMatchObject({
      status: 'pending_customer',
    });

    const otherArea = await agent.post(`/api/cases/${caseId}/macros/${macros.spanish}/preview`);
    expect(otherArea.statusCode).toBe(422);
    expect(otherArea.json().errors[0].field).toBe('/params/macroId');
    expect((await agent.post(`/api/cases/${crypto.randomUUID()}/macros/${macros.damage}/preview`)).statusCode).toBe(404);
    expect((await agent.post(`/api/cases/${caseId}/macros/${crypto.randomUUID()}/preview`)).statusCode).toBe(404);
  });

  it('greet the sender of a case without a customer by the name they gave', async () => {
    const opened = await agent.post('/api/cases', {
      sender: { name: 'Walter  Ng-Okafor', email: 'walter@example.com' },
      channel: 'web',
      recordType: 'usps-880/inquiry',
      title: 'Stamp order',
      body: 'Where are my stamps?',
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const greeting = await supervisor.post('/api/macros', { name: 'Greeting', body: 'Hi {{customer.first_name}} ({{customer.name}})' });
    const preview = await agent.post(`/api/cases/${opened.json().id}/macros/${greeting.json().id}/preview`);
    expect(preview.json()).toEqual({ body: 'Hi Walter (Walter  Ng-Okafor)', actions: {} });
    expect((await del(supervisor, `/api/macros/${greeting.json().id}`)).statusCode).toBe(204);
  });

  it('are changed and deleted by supervisors', async () => {
    const changed = await put(supervisor, `/api/macros/${macros.everyone}`, {
      name: 'Closing note',
      body: 'Case {{case.number}} is closed.\nSurvey: {{survey.link}}',
      actions: { status: 'closed' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      name: 'Closing note',
      actions: { status: 'closed' },
      placeholders: ['case.number', 'survey.link'],
    });
    expect((await agent.post(`/api/cases/${caseId}/macros/${macros.everyone}/preview`)).json().body).toBe(`Case ${caseNumber} is closed.`);
    expect((await del(supervisor, `/api/macros/${macros.everyone}`)).statusCode).toBe(204);
    expect((await del(supervisor, `/api/macros/${macros.everyone}`)).statusCode).toBe(404);
    expect((await put(supervisor, `/api/macros/${macros.everyone}`, { name: 'Gone', body: 'x' })).statusCode).toBe(404);
    expect((await agent.get('/api/macros')).json().map((m: { name: string }) => m.name)).toEqual(['Damage acknowledgement']);
  });
});
