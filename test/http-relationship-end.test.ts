import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// The end of a customer's relationship starts the rules that run from it: 820.200 customer
// account records (delivery preferences) and delivery requests are kept 4 years after it.

let t: TestApp;
let agent: Client;
let privacyOfficer: Client;
let customerId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');
const day = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);

// Ended on Friday 20 November 2026 (New York): the 4 years run to 20 November 2030, due at the start of the 21st (EST).
const endedOn = '2026-11-20';
const due = '2030-11-21T05:00:00.000Z';

async function datesOf(): Promise<{ table: string; dispose_after: Date | null }[]> {
  return withPrincipal(t.database.db, system, async (trx) => [
    ...(await trx.selectFrom('delivery_requests').select('dispose_after').where('subject_id', '=', customerId).execute()).map((row) => ({
      table: 'delivery_requests',
      ...row,
    })),
    ...(await trx.selectFrom('delivery_preferences').select('dispose_after').where('subject_id', '=', customerId).execute()).map((row) => ({
      table: 'delivery_preferences',
      ...row,
    })),
  ]);
}

const end = (client: Client, subjectId: string, payload: { endedOn: string | null }) =>
  client.request({ method: 'PUT', url: `/api/retention/relationship-ends/${subjectId}`, payload });

const redelivery = () =>
  agent.post(`/api/customers/${customerId}/redeliveries`, {
    articleNumbers: ['9212 3912 3456 7812 3456 70'],
    date: day(2),
    option: 'deliver',
    location: 'back_door',
  });

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-25T17:00:00Z');
  await t.addArea('trademarks');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('priya', password, ['privacy_officer']);
  agent = client(t.app);
  privacyOfficer = client(t.app);
  await agent.signIn('agnes', password, now);
  await privacyOfficer.signIn('priya', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [
      { field: 'customer_name', value: 'Wilhelmina Ashcombe-Tull' },
      { field: 'mailing_address', value: { lines: '9 Cedar Lane', city: 'Albany', state: 'NY', zip: '12207' } },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
  expect((await redelivery()).statusCode).toBe(201);
  const preferences = await agent.request({
    method: 'PUT',
    url: `/api/customers/${customerId}/delivery-preferences`,
    payload: { whenAbsent: 'hold_at_post_office', deliveryDays: [2], preferredContact: 'email', dropShipCodes: [], instructions: null },
  });
  expect(preferences.statusCode, preferences.body).toBe(200);
});
afterAll(async () => {
  await t?.close();
});

describe('the end of a customer’s relationship', () => {
  it('leaves the records without a disposal date while the relationship lasts', async () => {
    expect(await datesOf()).toEqual([
      { table: 'delivery_requests', dispose_after: null },
      { table: 'delivery_preferences', dispose_after: null },
    ]);
  });

  it('refuses a bad or future date naming the field, an unknown subject, and an agent, changing nothing', async () => {
    for (const endedOn of ['2026-02-30', 'yesterday', day(1)]) {
      const refused = await end(privacyOfficer, customerId, { endedOn });
      expect(refused.statusCode, endedOn).toBe(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(new Set(refused.json().errors.map((e: { field: string }) => e.field))).toEqual(new Set(['/body/endedOn']));
    }
    expect((await end(privacyOfficer, '8d7e3c4a-1f2b-4c5d-9e8f-0a1b2c3d4e5f', { endedOn })).statusCode).toBe(404);
    // An agent updates records of their own areas only; the end reschedules the customer's records in all of them.
    expect((await end(agent, customerId, { endedOn })).statusCode).toBe(403);
    expect((await datesOf()).every((row) => row.dispose_after === null)).toBe(true);
  });

  it('gives every record under a rule from the end its date, and audits the change without personal data', async () => {
    const recorded = await end(privacyOfficer, customerId, { endedOn });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toEqual({ subjectId: customerId, endedOn, rescheduled: 2 });
    expect((await datesOf()).map((row) => row.dispose_after?.toISOString())).toEqual([due, due]);
    const audit = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['action', 'record_type', 'detail'])
        .where('record_id', '=', customerId)
        .where('record_type', '=', 'data_subject')
        .execute(),
    );
    expect(audit).toEqual([{ action: 'update', record_type: 'data_subject', detail: { change: 'relationship_ended', rescheduled: 2 } }]);
  });

  it('dates a record written after the end at the next sweep, and disposes of nothing before its day', async () => {
    expect((await redelivery()).statusCode).toBe(201);
    expect((await datesOf()).filter((row) => row.dispose_after === null)).toHaveLength(1);
    const run = await t.services.retention.run(t.database, now());
    expect(run.lines).toEqual([]);
    expect((await datesOf()).map((row) => row.dispose_after?.toISOString())).toEqual([due, due, due]);
  });

  it('takes the dates away when the relationship lasts again, and gives them back when it ends', async () => {
    const resumed = await end(privacyOfficer, customerId, { endedOn: null });
    expect(resumed.json()).toEqual({ subjectId: customerId, endedOn: null, rescheduled: 3 });
    expect((await datesOf()).every((row) => row.dispose_after === null)).toBe(true);
    expect((await end(privacyOfficer, customerId, { endedOn })).json().rescheduled).toBe(3);
  });

  it('disposes of them on their day, not the day before', async () => {
    const dayBefore = await t.services.retention.run(t.database, new Date(Date.parse(due) - 1));
    expect(dayBefore.lines).toEqual([]);
    const run = await t.services.retention.run(t.database, new Date(Date.parse(due) + 1));
    expect(run.lines.map((line) => [line.recordTable, line.recordType, line.records])).toEqual([
      ['delivery_preferences', 'usps-820/customer-account', 1],
      ['delivery_requests', 'usps-820/delivery-request', 2],
    ]);
    expect(await datesOf()).toEqual([]);
  });
});
