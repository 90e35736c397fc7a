import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let recordsManager: Client;
let agent: Client;
let auditor: Client;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'test set-up' };
const yearMs = 365 * 86_400_000;
const hold = {
  scope: { recordType: 'usps-880/inquiry' },
  reason: 'Litigation 26-cv-0142',
  owner: 'Office of General Counsel',
  reviewOn: '2027-01-15',
};

/** A letter case opened four years ago and resolved three years ago: due a year ago (usps-880/inquiry, 2 years after resolution). */
async function agedCase(): Promise<string> {
  const opened = new Date(now().getTime() - 4 * yearMs);
  const resolved = new Date(now().getTime() - 3 * yearMs);
  return withPrincipal(t.database.db, system, async (trx) => {
    const made = await t.services.cases.open(
      trx,
      system,
      {
        sender: { name: 'Ottoline Vasquez-Brandt', email: 'ottoline@example.org' },
        channel: 'letter',
        recordType: 'usps-880/inquiry',
        title: 'Lost parcel',
        body: 'My parcel never came.',
      },
      ctx,
      opened,
    );
    await t.services.cases.changeStatus(
      trx,
      system,
      made.case.id,
      { status: 'resolved', resolutionCode: 'answered', resolution: 'Found it.' },
      ctx,
      resolved,
    );
    return made.case.id;
  });
}

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-23T14:00:00Z');
  await t.addStaff('rick', password, ['records_manager']);
  await t.addStaff('agnes', password, ['agent']);
  await t.addStaff('otto', password, ['auditor']);
  recordsManager = client(t.app);
  agent = client(t.app);
  auditor = client(t.app);
  await recordsManager.signIn('rick', password, now);
  await agent.signIn('agnes', password, now);
  await auditor.signIn('otto', password, now);
});
afterAll(async () => {
  await t.close();
});

describe('retention over HTTP', () => {
  it('lists every record type of every notice with its rule and the notice’s statement', async () => {
    const rules = await recordsManager.get('/api/retention/rules');
    expect(rules.statusCode, rules.body).toBe(200);
    const usps880 = rules.json().find((notice: { designation: string }) => notice.designation === 'USPS 880.000');
    expect(usps880.recordTypes).toContainEqual(
      expect.objectContaining({ id: 'usps-880/inquiry', rule: '2 years after resolution', retentionStatement: expect.any(String) }),
    );
    expect(typeof usps880.disposal).toBe('string');
    // The catalog is readable by every staff role.
    expect((await agent.get('/api/retention/rules')).statusCode).toBe(200);
  });

  it('is refused to an agent with 403 problem+json', async () => {
    for (const url of ['/api/retention/forecast', '/api/retention/check', '/api/retention/certificates', '/api/retention/holds']) {
      const refused = await agent.get(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const placed = await agent.post('/api/retention/holds', hold);
    expect(placed.statusCode).toBe(403);
    expect((await auditor.get('/api/retention/holds')).statusCode).toBe(403);
  });

  it('refuses a bad hold with 400 naming the field, and changes nothing', async () => {
    const empty = await recordsManager.post('/api/retention/holds', { ...hold, scope: {} });
    expect(empty.statusCode, empty.body).toBe(400);
    expect(empty.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(empty.json().errors).toEqual([{ field: '/body/scope', message: expect.stringMatching(/at least one/) }]);

    const badDate = await recordsManager.post('/api/retention/holds', { ...hold, reviewOn: '2027-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors).toEqual([{ field: '/body/reviewOn', message: 'must be a date, YYYY-MM-DD' }]);

    const badCase = await recordsManager.post('/api/retention/holds', { ...hold, scope: { caseId: 'CL-2026-1' } });
    expect(badCase.statusCode).toBe(400);
    expect(badCase.json().errors[0].field).toBe('/body/scope/caseId');

    const badType = await recordsManager.post('/api/retention/holds', { ...hold, scope: { recordType: 'usps-880/nothing' } });
    expect(badType.json().errors[0].field).toBe('/body/scope/recordType');

    const missing = await recordsManager.post('/api/retention/holds', { scope: { recordType: 'usps-880/inquiry' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['/body/reason', '/body/owner', '/body/reviewOn']),
    );
    expect((await recordsManager.get('/api/retention/holds')).json()).toEqual([]);
    const badDays = await recordsManager.get('/api/retention/forecast?days=0');
    expect(badDays.statusCode).toBe(400);
    expect(badDays.json().errors[0].field).toBe('/querystring/days');
  });

  it('places a hold that keeps an aged case out of the sweep, shows it in the forecast, and releases it', async () => {
    const caseId = await agedCase();
    const before = await recordsManager.get('/api/retention/forecast?days=30');
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json().until).toBe('2026-12-23T14:00:00.000Z');
    expect(before.json().lines).toContainEqual(
      expect.objectContaining({ recordTable: 'cases', recordType: 'usps-880/inquiry', due: 1, held: 0, rule: '2 years after resolution' }),
    );
    const failing = (await recordsManager.get('/api/retention/check?graceHours=2')).json();
    expect(failing).toMatchObject({ passed: false, graceHours: 2, checkedAt: '2026-11-23T14:00:00.000Z' });
    expect(failing.overdue).toContainEqual(expect.objectContaining({ recordTable: 'cases', due: 1 }));

    const placed = await recordsManager.post('/api/retention/holds', {
      ...hold,
      scope: { caseId, createdFrom: '2020-01-01T00:00:00Z', createdTo: null },
    });
    expect(placed.statusCode, placed.body).toBe(201);
    const id = placed.json().id;
    expect(placed.json()).toMatchObject({
      scope: { caseId, recordType: null, createdFrom: '2020-01-01T00:00:00.000Z', createdTo: null },
      reason: hold.reason,
      owner: hold.owner,
      reviewOn: '2027-01-15',
      placedAt: '2026-11-23T14:00:00.000Z',
      releasedAt: null,
    });
    expect((await recordsManager.get('/api/retention/holds?active=true')).json()).toEqual([expect.objectContaining({ id })]);
    expect((await recordsManager.get('/api/retention/holds?active=false')).json()).toEqual([]);

    const held = (await recordsManager.get('/api/retention/forecast?days=36600')).json();
    expect(held.lines).toContainEqual(expect.objectContaining({ recordTable: 'cases', recordType: 'usps-880/inquiry', due: 0, held: 1 }));
    const check = (await recordsManager.get('/api/retention/check')).json();
    expect(check.overdue.filter((line: { recordTable: string }) => line.recordTable === 'cases')).toEqual([]);
    expect(check.held).toContainEqual(expect.objectContaining({ recordTable: 'cases', held: 1 }));

    // The sweep leaves the held case.
    const kept = await t.services.retention.run(t.database, now(), { job: 'test-sweep' });
    expect(kept.lines.filter((line) => line.recordTable === 'cases')).toEqual([]);

    const noNote = await recordsManager.post(`/api/retention/holds/${id}/release`, { note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().errors).toEqual([{ field: '/body/note', message: expect.any(String) }]);
    const released = await recordsManager.post(`/api/retention/holds/${id}/release`, { note: 'Case settled' });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ id, releaseNote: 'Case settled', releasedAt: '2026-11-23T14:00:00.000Z' });
    expect(released.json().releasedBy).toMatch(/^staff:/);
    const again = await recordsManager.post(`/api/retention/holds/${id}/release`, { note: 'Case settled' });
    expect(again.statusCode).toBe(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await recordsManager.post('/api/retention/holds/not-a-hold/release', { note: 'Case settled' })).statusCode).toBe(404);
    expect((await recordsManager.get('/api/retention/holds?active=true')).json()).toEqual([]);
    expect((await recordsManager.get('/api/retention/holds?active=false')).json()).toEqual([expect.objectContaining({ id })]);
    expect((await recordsManager.get('/api/retention/holds')).json()).toHaveLength(1);

    // Released, the case goes at the next sweep, and the certificate says so.
    const run = await t.services.retention.run(t.database, now(), { job: 'test-sweep' });
    expect(run.lines).toContainEqual(expect.objectContaining({ recordTable: 'cases', records: 1 }));
    for (const reader of [recordsManager, auditor]) {
      const certificates = await reader.get('/api/retention/certificates');
      expect(certificates.statusCode, certificates.body).toBe(200);
      const certificate = certificates.json().find((c: { runId: string }) => c.runId === run.runId);
      expect(certificate).toMatchObject({ runBy: expect.stringContaining('test-sweep'), finishedAt: '2026-11-23T14:00:00.000Z' });
      expect(certificate.lines).toContainEqual(
        expect.objectContaining({
          recordTable: 'cases',
          recordType: 'usps-880/inquiry',
          rule: '2 years after resolution',
          records: 1,
          keysDestroyed: expect.any(Number),
          idsSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        }),
      );
      expect(certificates.body).not.toContain(caseId);
      expect(certificates.body).not.toMatch(/Ottoline|parcel/i);
    }
    // A window that ends before the run shows none of it; an inverted one is refused naming the field.
    expect((await recordsManager.get('/api/retention/certificates?from=2026-01-01&to=2026-11-22')).json()).toEqual([]);
    expect((await recordsManager.get('/api/retention/certificates?from=2026-11-23&to=2026-11-23')).json()).toContainEqual(
      expect.objectContaining({ runId: run.runId }),
    );
    const inverted = await recordsManager.get('/api/retention/certificates?from=2026-11-24&to=2026-11-23');
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().errors[0].field).toBe('/querystring/to');
    expect((await recordsManager.get('/api/retention/forecast?days=36600')).json().lines).not.toContainEqual(
      expect.objectContaining({ recordTable: 'cases' }),
    );
  });
});
