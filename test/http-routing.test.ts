import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let supervisor: Client;
let agent: Client;
const ids: Record<string, string> = {};
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

beforeAll(async () => {
  t = await testApp();
  await t.addArea('claims');
  await t.addArea('spanish');
  ids.sofia = await t.addStaff('sofia', password, ['supervisor'], ['claims', 'spanish']);
  ids.agnes = await t.addStaff('agnes', password, ['agent'], ['claims']);
  ids.bruno = await t.addStaff('bruno', password, ['agent'], ['claims']);
  ids.pilar = await t.addStaff('pilar', password, ['agent'], ['spanish']);
  supervisor = client(t.app);
  await supervisor.signIn('sofia', password, now);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
});
afterAll(async () => {
  await t.close();
});

const newCase = (c: Client, over: object = {}) =>
  c.post('/api/cases', {
    sender: { name: 'Routing Sender' },
    channel: 'email',
    recordType: 'usps-880/inquiry',
    title: 'Damaged parcel',
    body: 'The box arrived crushed and I want to file a claim.',
    ...over,
  });

describe('routing rules', () => {
  it('are managed by supervisors only, validated field by field, and audited', async () => {
    const denied = await agent.post('/api/routing/rules', { name: 'x', conditions: {}, actions: {} });
    expect(denied.statusCode).toBe(403);
    const badArea = await supervisor.post('/api/routing/rules', { name: 'Claims', conditions: {}, actions: { businessArea: 'nowhere' } });
    expect(badArea.statusCode).toBe(422);
    expect(badArea.json().errors[0].field).toBe('/body/actions/businessArea');

    const spanish = await supervisor.post('/api/routing/rules', {
      name: 'Spanish speakers',
      conditions: { languages: ['es'] },
      actions: { businessArea: 'spanish', assignment: 'round_robin' },
    });
    expect(spanish.statusCode, spanish.body).toBe(201);
    const claims = await supervisor.post('/api/routing/rules', {
      name: 'Damage claims',
      conditions: { words: ['claim', 'damaged', 'crushed'], channels: ['email', 'web'] },
      actions: { businessArea: 'claims', priority: 'high', tags: ['damage'], assignment: 'least_loaded' },
    });
    expect(claims.statusCode).toBe(201);
    const listed = (await supervisor.get('/api/routing/rules')).json();
    expect(listed.map((r: { name: string }) => r.name)).toEqual(['Spanish speakers', 'Damage claims']);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('action', '=', 'settings_change')
      .where('record_type', '=', 'routing_rule')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('preview which rule would fire', async () => {
    const preview = (body: string, channel = 'email') =>
      supervisor.post('/api/routing/preview', { channel, customerType: 'unknown', title: 'Consulta', body }).then((r) => r.json());
    expect(await preview('Hola, mi paquete no ha llegado y tengo el recibo para la entrega')).toMatchObject({
      rule: { name: 'Spanish speakers' },
      actions: { businessArea: 'spanish' },
      language: 'es',
    });
    expect((await preview('My parcel was crushed')).rule.name).toBe('Damage claims');
    expect((await preview('My parcel was crushed', 'phone')).rule).toBeNull();
  });

  it('route a new case to its area with priority and tags, and assign it to the least-loaded agent', async () => {
    const first = await newCase(supervisor);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ businessArea: 'claims', priority: 'high', status: 'open' });
    const second = await newCase(supervisor);
    // Both agents of the area had no cases; the second case goes to the other one.
    expect([first.json().assignee, second.json().assignee].sort()).toEqual([ids.agnes, ids.bruno].sort());
    const detail = (await supervisor.get(`/api/cases/${first.json().id}`)).json();
    expect(detail.tags).toEqual(['damage']);
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'routed', 'assigned']);
    expect(detail.events[1].detail).toMatchObject({ rule: 'Damage claims', business_area: 'claims' });
  });

  it('leave an explicit business area alone, and refuse to route where the opener may not open cases', async () => {
    const explicit = await newCase(agent, {
      businessArea: 'claims',
      body: 'Hola, mi paquete no ha llegado y tengo el recibo para la entrega',
    });
    expect(explicit.json()).toMatchObject({ businessArea: 'claims', status: 'new', assignee: null });
    const refused = await newCase(agent, { title: 'Consulta', body: 'Hola, mi paquete no ha llegado y tengo el recibo para la entrega' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/Spanish speakers/);
  });

  it('can be reordered, every rule once', async () => {
    const rules = (await supervisor.get('/api/routing/rules')).json() as { id: string }[];
    const bad = await supervisor.request({ method: 'PUT', url: '/api/routing/order', payload: { ids: [rules[0]!.id] } });
    expect(bad.statusCode).toBe(422);
    const reordered = await supervisor.request({
      method: 'PUT',
      url: '/api/routing/order',
      payload: { ids: rules.map((r) => r.id).reverse() },
    });
    expect(reordered.json().map((r: { name: string }) => r.name)).toEqual(['Damage claims', 'Spanish speakers']);
  });

  it('show an area’s staff to its own people only', async () => {
    const staff = (await agent.get('/api/routing/staff?area=claims')).json();
    expect(staff.map((s: { id: string }) => s.id).sort()).toEqual([ids.agnes, ids.bruno, ids.sofia].sort());
    expect((await agent.get('/api/routing/staff?area=spanish')).json()).toEqual([]);
  });
});
