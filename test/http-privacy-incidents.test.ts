import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { personInput } from './support/customers.ts';

let t: TestApp;
let agent: Client;
let auditor: Client;
let privacy: Client;
const password = 'correct horse battery staple';
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'test set-up' };
const start = new Date('2026-11-25T12:00:00Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
const now = () => new Date(t.clock.now);
const people: Record<string, string> = {};
const session = randomUUID();

const declaration = (extra: Record<string, unknown> = {}) => ({
  title: 'Portal case page showed another customer’s case',
  description: 'Release 4.2 answered the case page with other customers’ cases.',
  windowStart: at(0).toISOString(),
  windowEnd: at(120).toISOString(),
  suspectedRoutes: ['GET /portal/api/cases/:id'],
  suspectedRelease: '4.2.0',
  ...extra,
});

beforeAll(async () => {
  t = await testApp();
  t.clock.now = at(180);
  await t.addStaff('agnes', password, ['agent']);
  await t.addStaff('audrey', password, ['auditor']);
  await t.addStaff('priya', password, ['privacy_officer']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  auditor = client(t.app);
  await auditor.signIn('audrey', password, now);
  privacy = client(t.app);
  await privacy.signIn('priya', password, now);
  for (const [key, name] of [
    ['exposed', 'Ottoline Brackenbury'],
    ['viewer', 'Lysander Pemberton-Oduya'],
    ['canary', 'Wilhelmina Canary'],
  ] as const) {
    const created = await withPrincipal(t.database.db, system, (trx) =>
      t.services.customers.create(
        trx,
        system,
        personInput({ name, address: { lines: '12 Orchard Row', city: 'Dayton', state: 'OH', zip: '45402' } }),
        ctx,
        now(),
      ),
    );
    people[key] = created.id;
  }
  const response = (subjects: string[], customer: string, minute: number) =>
    t.database.db
      .insertInto('audit_log')
      .values({
        at: at(minute),
        actor_kind: 'customer',
        actor_id: customer,
        actor_role: 'customer',
        action: 'portal.response',
        subjects,
        purpose: 'portal',
        outcome: 'ok',
        detail: JSON.stringify({ session, route: 'GET /portal/api/cases/:id', status: 200 }),
      })
      .execute();
  await response([people.viewer!, people.exposed!], people.viewer!, 15);
  await response([people.canary!], people.canary!, 20);
});
afterAll(async () => {
  await t.close();
});

describe('privacy incidents over HTTP', () => {
  it('is the privacy office’s: 403 for an agent, read-only for an auditor, 401 without a session', async () => {
    for (const response of [
      await agent.post('/api/privacy/incidents', declaration()),
      await agent.get('/api/privacy/incidents'),
      await auditor.post('/api/privacy/incidents', declaration()),
    ]) {
      expect(response.statusCode, response.body).toBe(403);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await auditor.get('/api/privacy/incidents')).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/privacy/incidents' })).statusCode).toBe(401);
  });

  it('answers 422 problem+json naming the field for bad input, and writes nothing', async () => {
    for (const [body, field] of [
      [declaration({ windowEnd: at(-1).toISOString() }), '/body/windowEnd'],
      [declaration({ suspectedRoutes: ['cases page'] }), '/body/suspectedRoutes'],
      [declaration({ title: '' }), '/body/title'],
      [declaration({ windowStart: 'yesterday' }), '/body/windowStart'],
    ] as const) {
      const response = await privacy.post('/api/privacy/incidents', body);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await privacy.get('/api/privacy/incidents')).json()).toEqual([]);
    const missing = await privacy.get(`/api/privacy/incidents/${randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('declares, lists the affected person, runs the CISA clock, prints the letters and completes notification', async () => {
    const declared = await privacy.post('/api/privacy/incidents', declaration());
    expect(declared.statusCode, declared.body).toBe(201);
    const { incident, affected } = declared.json();
    expect(incident).toMatchObject({ status: 'open', affectedCount: 1, cisaClock: { status: 'not_started', deadline: null } });
    expect(affected).toEqual([
      expect.objectContaining({ subjectId: people.exposed, recipients: [`portal-session:${session}`], responses: 1 }),
    ]);
    const id = incident.id;
    expect((await privacy.get('/api/privacy/incidents')).json().map((i: { id: string }) => i.id)).toEqual([id]);

    expect((await privacy.post(`/api/privacy/incidents/${id}/steps/reported_to_cisa`, {})).statusCode).toBe(409);
    expect((await privacy.post(`/api/privacy/incidents/${id}/steps/contained`, { at: at(170).toISOString() })).statusCode).toBe(200);
    const confirmed = await privacy.post(`/api/privacy/incidents/${id}/steps/confirmed`, { at: at(125).toISOString() });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().incident.cisaClock).toMatchObject({ status: 'running', secondsLeft: 300, deadline: at(185).toISOString() });
    t.clock.now = at(190);
    const overdue = await privacy.get(`/api/privacy/incidents/${id}`);
    expect(overdue.statusCode, overdue.body).toBe(200);
    expect(overdue.json().incident.cisaClock).toMatchObject({
      status: 'overdue',
      secondsLeft: -300,
    });
    const reported = await privacy.post(`/api/privacy/incidents/${id}/steps/reported_to_cisa`, {});
    expect(reported.json().incident.cisaClock.status).toBe('late');
    expect((await privacy.post(`/api/privacy/incidents/${id}/steps/launched`, {})).statusCode).toBe(400);

    const radius = await privacy.post(`/api/privacy/incidents/${id}/blast-radius`, {});
    expect(radius.json()).toEqual({ affected: 1, removed: 0, blockedResponses: 0 });

    const letters = await privacy.get(`/api/privacy/incidents/${id}/letters.pdf`);
    expect(letters.statusCode, letters.body).toBe(200);
    expect(letters.headers['content-type']).toBe('application/pdf');
    expect(letters.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const one = await privacy.get(`/api/privacy/incidents/${id}/letters/${people.exposed}.pdf`);
    expect(one.statusCode, one.body).toBe(200);
    expect((await privacy.get(`/api/privacy/incidents/${id}/letters/${people.canary}.pdf`)).statusCode).toBe(404);
    expect((await agent.get(`/api/privacy/incidents/${id}/letters.pdf`)).statusCode).toBe(403);

    expect((await privacy.post(`/api/privacy/incidents/${id}/emails`, {})).json()).toEqual({ queued: 0, alreadyQueued: 0, notByEmail: 1 });
    const done = await privacy.post(`/api/privacy/incidents/${id}/steps/notification_completed`, {});
    expect(done.json().incident.status).toBe('closed');
    const events = await privacy.get(`/api/privacy/incidents/${id}/events`);
    expect(events.json().map((e: { kind: string }) => e.kind)).toEqual([
      'declared',
      'radius_computed',
      'contained',
      'confirmed',
      'reported_to_cisa',
      'radius_computed',
      'letters_generated',
      'letters_generated',
      'emails_queued',
      'notification_completed',
    ]);
    // No person's name in the log lines the requests left.
    expect(t.logs.join('\n')).not.toMatch(/Ottoline|Brackenbury|Orchard/);
  });
});
