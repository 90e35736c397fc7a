import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
let supervisor: Client;
let outsider: Client;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

beforeAll(async () => {
  t = await testApp();
  // Monday 23 November 2026, 09:00 in New York.
  t.clock.now = new Date('2026-11-23T14:00:00Z');
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('sofia', password, ['supervisor'], ['trademarks']);
  await t.addStaff('pat', password, ['agent'], ['patents']);
  agent = client(t.app);
  supervisor = client(t.app);
  outsider = client(t.app);
  await agent.signIn('agnes', password, now);
  await outsider.signIn('pat', password, now);
});
afterAll(async () => {
  await t.close();
});

describe('service levels over HTTP', () => {
  it('show a case’s clocks to those who may read it, and its breach in the supervisor’s list', async () => {
    const opened = await agent.post('/api/cases', {
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      businessArea: 'trademarks',
      priority: 'urgent',
      title: 'Registration certificate never arrived',
      body: 'Caller is waiting for a certificate.',
      sender: { name: 'Hieronymus Vantongeren' },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { id, number } = opened.json();

    const clocks = await agent.get(`/api/cases/${id}/sla`);
    expect(clocks.statusCode, clocks.body).toBe(200);
    expect(clocks.json().firstResponse).toMatchObject({ state: 'running', targetMinutes: 60, dueAt: '2026-11-23T15:00:00.000Z' });
    expect((await outsider.get(`/api/cases/${id}/sla`)).statusCode).toBe(404);

    // Ninety minutes later (sessions idle for 15 minutes end: sign in again).
    t.clock.now = new Date('2026-11-23T15:30:00Z');
    await supervisor.signIn('sofia', password, now);
    await agent.signIn('agnes', password, now);
    const atRisk = await supervisor.get('/api/sla/at-risk');
    expect(atRisk.statusCode, atRisk.body).toBe(200);
    expect(atRisk.json()).toEqual([
      expect.objectContaining({
        id,
        number,
        target: 'first_response',
        state: 'breached',
        dueAt: '2026-11-23T15:00:00.000Z',
        priority: 'urgent',
      }),
    ]);
    expect(atRisk.body).not.toMatch(/Hieronymus|certificate/i);
    // Queues and workload: the case waits, unassigned, in its area's queue.
    const workload = await supervisor.get('/api/workload');
    expect(workload.statusCode, workload.body).toBe(200);
    expect(workload.json()).toEqual([
      {
        businessArea: 'trademarks',
        assignee: null,
        displayName: null,
        open: 1,
        byStatus: { new: 1 },
        oldestCreatedAt: '2026-11-23T14:00:00.000Z',
      },
    ]);
    await agent.post(`/api/cases/${id}/assign`, { assignee: 'me' });
    expect((await supervisor.get('/api/workload')).json()).toEqual([
      expect.objectContaining({
        businessArea: 'trademarks',
        assignee: expect.any(String),
        displayName: 'agnes',
        open: 1,
        byStatus: { open: 1 },
      }),
    ]);
    expect((await agent.get('/api/workload')).statusCode).toBe(403);
    const refused = await agent.get('/api/sla/at-risk');
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
