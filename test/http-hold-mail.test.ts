import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import {
  endActions,
  holdMailRules,
  holdMailStatuses,
  holdMaxDays,
  holdMaxDaysAhead,
  holdMinDays,
  holdScreeningThresholds,
} from '../src/modules/tracking/index.ts';
import * as consoleHolds from '../web/src/api/hold-mail.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

let t: TestApp;
let relay: TestRelay;
let agent: Client;
let supervisor: Client;
let otherAgent: Client;
let portal: PortalBrowser;
const mail = inbox();
const password = 'correct horse battery staple';
const system = systemPrincipal('test');
const start = new Date('2026-11-25T17:00:00Z');
const now = () => new Date(t.clock.now);
const ids: Record<string, string> = {};

/** 'YYYY-MM-DD' n days from the start (17:00 UTC is noon in New York: the agency's day too). */
const day = (n: number) => new Date(start.getTime() + n * 86_400_000).toISOString().slice(0, 10);

const oak = { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' };
const pine = { lines: '88 Pine Street', city: 'Brooklyn', state: 'NY', zip: '11201' };
const seasonal = { lines: '1 Main St', city: 'Springfield', state: 'IL', zip: '62704' };
const hold = (changes: Record<string, unknown> = {}) => ({
  name: 'Ottoline Brackenbury',
  beginDate: day(2),
  endDate: day(9),
  address: oak,
  endAction: 'deliver',
  instructions: 'Parcels to the side door',
  verification: { method: 'in_person_id', outcome: 'passed' },
  ...changes,
});

async function rowsOf(table: 'hold_mail_requests' | 'coa_identity_verifications'): Promise<number> {
  return withPrincipal(t.database.db, system, async (trx) => (await trx.selectFrom(table).select('id').execute()).length);
}

async function auditOf(recordId: string) {
  return withPrincipal(t.database.db, system, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['action', 'record_type', 'subjects', 'detail'])
      .where('record_id', '=', recordId)
      .orderBy('id')
      .execute(),
  );
}

async function person(as: Client, name: string, area: string, values: object[]): Promise<string> {
  const created = await as.post('/api/customers', {
    kind: 'person',
    businessArea: area,
    values: [{ field: 'customer_name', value: name }, ...values],
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

const fields = (response: { json(): { errors: { field: string }[] } }) => response.json().errors.map((e) => e.field);

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  t.clock.now = start;
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('sue', password, ['supervisor'], ['trademarks']);
  await t.addStaff('pete', password, ['agent'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  supervisor = client(t.app);
  await supervisor.signIn('sue', password, now);
  otherAgent = client(t.app);
  await otherAgent.signIn('pete', password, now);
  ids.ottoline = await person(agent, 'Ottoline Brackenbury', 'trademarks', [
    { field: 'mailing_address', value: oak, label: 'home' },
    { field: 'mailing_address', value: seasonal, label: 'seasonal' },
    { field: 'ssn_last4', value: '4821' },
  ]);
  ids.bea = await person(agent, 'Bea Rothwell', 'trademarks', [{ field: 'mailing_address', value: pine, label: 'home' }]);
  ids.mover = await person(agent, 'Mortimer Pinewood', 'trademarks', [{ field: 'mailing_address', value: pine, label: 'home' }]);
  ids.pat = await person(otherAgent, 'Patience Ogilvy', 'patents', [
    { field: 'mailing_address', value: { lines: '3 Birch Ln', city: 'Brooklyn', state: 'NY', zip: '11201' }, label: 'home' },
  ]);
}, 60_000);
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

describe('hold mail over HTTP', () => {
  it('accepts a valid hold: verified, screened, stored encrypted with its ZIP Code in clear, audited', async () => {
    const response = await agent.post(`/api/customers/${ids.ottoline}/hold-mail`, hold());
    expect(response.statusCode, response.body).toBe(201);
    const held = response.json();
    expect(held).toMatchObject({
      customerId: ids.ottoline,
      businessArea: 'trademarks',
      name: 'Ottoline Brackenbury',
      beginDate: day(2),
      endDate: day(9),
      endAction: 'deliver',
      instructions: 'Parcels to the side door',
      status: 'scheduled',
      phase: 'upcoming',
      screening: { score: 0, outcome: 'pass', reasons: [] },
      review: null,
      cancelledAt: null,
    });
    expect(held.address).toMatchObject({ deliveryLine: '12 OAK ST APT 3', zip5: '11201' });
    expect(held.verification).toMatchObject({ method: 'in_person_id', outcome: 'passed', verifiedBy: expect.stringMatching(/^staff:/) });
    // usps-820/hold-mail: a year from the request.
    const kept = Date.parse(held.disposeAfter) - start.getTime();
    expect(kept).toBeGreaterThanOrEqual(365 * 86_400_000);
    expect(kept).toBeLessThan(367 * 86_400_000);
    ids.holdA = held.id;

    const stored = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('hold_mail_requests as h')
        .innerJoin('coa_identity_verifications as v', 'v.id', 'h.verification_id')
        .select(['h.name_ct', 'h.address_ct', 'h.instructions_ct', 'h.zip5', 'v.service'])
        .where('h.id', '=', ids.holdA!)
        .executeTakeFirstOrThrow(),
    );
    expect(stored.zip5).toBe('11201');
    expect(stored.service).toBe('hold_mail');
    for (const value of [stored.name_ct, stored.address_ct, stored.instructions_ct])
      expect(Buffer.from(value!).toString('latin1')).not.toMatch(/OAK|Brackenbury|side door/i);

    const audit = await auditOf(ids.holdA!);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        record_type: 'usps-820/hold-mail',
        subjects: [ids.ottoline],
        detail: expect.objectContaining({ screening: 'pass', status: 'scheduled' }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/OAK|Brackenbury|side door/i);
    expect(await auditOf(held.verification.id)).toEqual([
      expect.objectContaining({ action: 'create', record_type: 'usps-880/identity-verification' }),
    ]);
  });

  it('lists the customer’s holds and reads one, each read audited', async () => {
    const list = await agent.get(`/api/customers/${ids.ottoline}/hold-mail`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((h: { id: string }) => h.id)).toEqual([ids.holdA]);
    const one = await agent.get(`/api/hold-mail/${ids.holdA}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().address.deliveryLine).toBe('12 OAK ST APT 3');
    expect((await auditOf(ids.holdA!)).map((a) => a.action)).toEqual(['create', 'read']);
    // Another area's agent sees neither.
    expect((await otherAgent.get(`/api/hold-mail/${ids.holdA}`)).statusCode).toBe(404);
    expect((await otherAgent.get(`/api/customers/${ids.ottoline}/hold-mail`)).statusCode).toBe(404);
  });

  it('refuses each limit naming the field, and stores nothing', async () => {
    const before = [await rowsOf('hold_mail_requests'), await rowsOf('coa_identity_verifications')];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ beginDate: day(0), endDate: day(5) }, 422, '/body/beginDate'],
      [{ beginDate: day(-3), endDate: day(5) }, 422, '/body/beginDate'],
      [{ beginDate: day(31), endDate: day(35) }, 422, '/body/beginDate'],
      [{ beginDate: day(2), endDate: day(32) }, 422, '/body/endDate'],
      [{ beginDate: day(2), endDate: day(3) }, 422, '/body/endDate'],
      [{ beginDate: day(5), endDate: day(4) }, 422, '/body/endDate'],
      [{ beginDate: '2026-02-30' }, 422, '/body/beginDate'],
      [{ address: { ...oak, zip: '1120' } }, 422, '/body/address/zip'],
      [{ address: { lines: 'PO Box 12', city: 'Brooklyn', state: 'NY', zip: '11201' } }, 422, '/body/address'],
      [{ name: undefined }, 422, '/body/name'],
      [{ name: '   ' }, 422, '/body/name'],
      [{ endAction: 'forward' }, 422, '/body/endAction'],
      [{ verification: { method: 'in_person_id' } }, 422, '/body/verification/outcome'],
    ];
    for (const [changes, status, field] of cases) {
      const response = await agent.post(`/api/customers/${ids.ottoline}/hold-mail`, hold(changes));
      expect(response.statusCode, `${field}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(response), response.body).toContain(field);
      expect(response.body).not.toMatch(/Oak|Brackenbury|side door/i);
    }
    expect((await agent.get('/api/hold-mail/not-a-uuid')).statusCode).toBe(400);
    expect([await rowsOf('hold_mail_requests'), await rowsOf('coa_identity_verifications')]).toEqual(before);
  });

  it('sends a hold at an address someone moved away from, or not on the record, to review, with the reasons', async () => {
    const move = await agent.post(`/api/customers/${ids.mover}/changes-of-address`, {
      moveType: 'individual',
      duration: 'permanent',
      name: 'Mortimer Pinewood',
      effectiveDate: day(1),
      oldAddress: pine,
      newAddress: { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' },
      verification: { method: 'in_person_id', outcome: 'passed' },
    });
    expect(move.statusCode, move.body).toBe(201);
    expect(move.json().status).toBe('accepted');

    const atPine = await agent.post(
      `/api/customers/${ids.bea}/hold-mail`,
      hold({ name: 'Bea Rothwell', address: pine, beginDate: day(3), endDate: day(10) }),
    );
    expect(atPine.statusCode, atPine.body).toBe(201);
    expect(atPine.json()).toMatchObject({ status: 'in_review', phase: null, screening: { outcome: 'review' } });
    expect(atPine.json().screening.reasons.map((r: { rule: string }) => r.rule)).toEqual(['moved_away_from_address']);
    ids.holdPine = atPine.json().id;
    // A minute on: the review queue is oldest first.
    t.clock.now = new Date(start.getTime() + 60_000);

    const elsewhere = await agent.post(
      `/api/customers/${ids.ottoline}/hold-mail`,
      hold({ address: { lines: '5 Elm St', city: 'Brooklyn', state: 'NY', zip: '11201' } }),
    );
    expect(elsewhere.statusCode, elsewhere.body).toBe(201);
    expect(elsewhere.json().status).toBe('in_review');
    expect(elsewhere.json().screening.reasons.map((r: { rule: string }) => r.rule)).toEqual(['address_not_of_record']);
    ids.holdElm = elsewhere.json().id;

    const refused = await agent.post(
      `/api/customers/${ids.ottoline}/hold-mail`,
      hold({
        address: { lines: '7 Ash St', city: 'Brooklyn', state: 'NY', zip: '11201' },
        verification: { method: 'knowledge_questions', outcome: 'failed' },
      }),
    );
    expect(refused.statusCode, refused.body).toBe(201);
    expect(refused.json()).toMatchObject({ status: 'refused', screening: { outcome: 'refuse', score: 75 } });
    ids.holdRefused = refused.json().id;
  });

  it('shows the review queue to a supervisor and lets them decide, with a reason', async () => {
    const queue = await supervisor.get('/api/hold-mail/review');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().map((h: { id: string }) => h.id)).toEqual([ids.holdPine, ids.holdElm]);
    expect((await agent.get('/api/hold-mail/review')).statusCode).toBe(403);
    expect((await agent.post(`/api/hold-mail/${ids.holdPine}/decision`, { decision: 'approve', reason: 'fine' })).statusCode).toBe(403);

    const blank = await supervisor.post(`/api/hold-mail/${ids.holdPine}/decision`, { decision: 'approve', reason: '  ' });
    expect(blank.statusCode).toBe(422);
    expect(fields(blank)).toEqual(['/body/reason']);

    const approved = await supervisor.post(`/api/hold-mail/${ids.holdPine}/decision`, {
      decision: 'approve',
      reason: 'The new resident showed a lease at the counter.',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'scheduled', phase: 'upcoming', review: { decision: 'approve' } });
    const denied = await supervisor.post(`/api/hold-mail/${ids.holdElm}/decision`, {
      decision: 'deny',
      reason: 'Not the customer’s address.',
    });
    expect(denied.json()).toMatchObject({ status: 'refused', review: { decision: 'deny' } });
    const again = await supervisor.post(`/api/hold-mail/${ids.holdElm}/decision`, { decision: 'approve', reason: 'Changed my mind.' });
    expect(again.statusCode).toBe(409);
    expect((await supervisor.get('/api/hold-mail/review')).json()).toEqual([]);
    expect((await auditOf(ids.holdPine!)).at(-1)).toMatchObject({
      action: 'update',
      detail: expect.objectContaining({ review_decision: 'approve', to_status: 'scheduled' }),
    });
  });

  it('cancels a hold before it begins, and refuses to cancel it twice or a refused one', async () => {
    const created = await agent.post(`/api/customers/${ids.ottoline}/hold-mail`, hold({ beginDate: day(4), endDate: day(8) }));
    expect(created.json().status).toBe('scheduled');
    const cancelled = await agent.post(`/api/hold-mail/${created.json().id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      phase: null,
      endDate: day(8),
      cancelledBy: expect.stringMatching(/^staff:/),
    });
    expect((await agent.post(`/api/hold-mail/${created.json().id}/cancel`)).statusCode).toBe(409);
    expect((await agent.post(`/api/hold-mail/${ids.holdRefused}/cancel`)).statusCode).toBe(409);
    expect((await otherAgent.post(`/api/hold-mail/${ids.holdA}/cancel`)).statusCode).toBe(404);
    expect((await auditOf(created.json().id)).at(-1)).toMatchObject({
      action: 'update',
      detail: expect.objectContaining({ cancelled: true, to_status: 'cancelled', ended_early: false }),
    });
  });

  it('lists exactly the holds active in a ZIP Code on a day, with the addresses, audited as a search', async () => {
    const seasonalHold = await agent.post(`/api/customers/${ids.ottoline}/hold-mail`, hold({ address: seasonal }));
    expect(seasonalHold.json().status).toBe('scheduled');
    const patHold = await otherAgent.post(
      `/api/customers/${ids.pat}/hold-mail`,
      hold({ name: 'Patience Ogilvy', address: { lines: '3 Birch Ln', city: 'Brooklyn', state: 'NY', zip: '11201' } }),
    );
    expect(patHold.json().status).toBe('scheduled');

    const list = async (as: Client, date: string) => {
      const response = await as.get(`/api/hold-mail/delivery-list?zip=11201&date=${date}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { id: string; name: string; address: { deliveryLine: string }; endAction: string }[];
    };
    // Day 5: the Oak Street hold (days 2 to 9) and the approved Pine Street one (3 to 10); not the
    // cancelled, refused or denied ones, not the Springfield one, not the other area's.
    const onDay5 = await list(agent, day(5));
    expect(onDay5.map((h) => h.id).sort()).toEqual([ids.holdA, ids.holdPine].sort());
    expect(onDay5.find((h) => h.id === ids.holdA)).toMatchObject({
      name: 'Ottoline Brackenbury',
      address: { deliveryLine: '12 OAK ST APT 3' },
      endAction: 'deliver',
      instructions: 'Parcels to the side door',
    });
    expect((await list(agent, day(2))).map((h) => h.id)).toEqual([ids.holdA]);
    expect((await list(agent, day(10))).map((h) => h.id)).toEqual([ids.holdPine]);
    expect(await list(agent, day(11))).toEqual([]);
    expect((await list(otherAgent, day(5))).map((h) => h.id)).toEqual([patHold.json().id]);

    const searches = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['subjects', 'detail'])
        .where('action', '=', 'search')
        .where('record_type', '=', 'usps-820/hold-mail')
        .where(sql<boolean>`detail ? 'delivery_unit_list'`)
        .orderBy('id')
        .execute(),
    );
    expect(searches[0]).toMatchObject({ detail: expect.objectContaining({ delivery_unit_list: 2, zip5: '11201', day: day(5) }) });
    expect([...searches[0]!.subjects].sort()).toEqual([ids.ottoline, ids.bea].sort());

    const badZip = await agent.get(`/api/hold-mail/delivery-list?zip=1120&date=${day(5)}`);
    expect(badZip.statusCode).toBe(400);
    expect(fields(badZip)).toContain('/querystring/zip');
    const badDate = await agent.get('/api/hold-mail/delivery-list?zip=11201&date=2026-02-30');
    expect([400, 422]).toContain(badDate.statusCode);
    expect(fields(badDate)).toContain('/querystring/date');
  });
});

describe('hold mail on the portal', () => {
  let addressId: string;

  beforeAll(async () => {
    portal = await registeredAccount(t.app, mail, 'ottoline@example.com', 'a long and private passphrase');
    const linked = await portal.post('/portal/api/link/knowledge', { surname: 'Brackenbury', zip: '11201', ssnLast4: '4821' });
    expect(linked.statusCode, linked.body).toBe(200);
    const profile = await portal.get('/portal/api/profile');
    expect(profile.statusCode, profile.body).toBe(200);
    addressId = (profile.json().values as { id: string; field: string; label: string }[]).find(
      (v) => v.field === 'mailing_address' && v.label === 'home',
    )!.id;
  });

  it('takes a hold at the customer’s own address, verified by the portal account', async () => {
    const response = await portal.post('/portal/api/hold-mail', { addressId, beginDate: day(6), endDate: day(12), endAction: 'pickup' });
    expect(response.statusCode, response.body).toBe(201);
    const held = response.json();
    expect(held).toMatchObject({
      name: 'Ottoline Brackenbury',
      beginDate: day(6),
      endDate: day(12),
      endAction: 'pickup',
      status: 'scheduled',
      address: { deliveryLine: '12 OAK ST APT 3' },
    });
    // What the customer is not shown: the screen, the area, who entered it.
    for (const key of ['screening', 'businessArea', 'enteredBy', 'verification', 'review']) expect(held).not.toHaveProperty(key);
    ids.portalHold = held.id;
    const verification = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('hold_mail_requests as h')
        .innerJoin('coa_identity_verifications as v', 'v.id', 'h.verification_id')
        .select(['v.method', 'v.verified_by', 'v.service', 'h.entered_by'])
        .where('h.id', '=', held.id)
        .executeTakeFirstOrThrow(),
    );
    expect(verification).toMatchObject({ method: 'portal_account', verified_by: 'portal', service: 'hold_mail' });
    expect(verification.entered_by).toMatch(/^customer:/);
  });

  it('lists only the customer’s own holds', async () => {
    const list = await portal.get('/portal/api/hold-mail');
    expect(list.statusCode, list.body).toBe(200);
    const listed = (list.json() as { id: string }[]).map((h) => h.id);
    expect(listed).toContain(ids.portalHold);
    expect(listed).toContain(ids.holdA);
    expect(listed).not.toContain(ids.holdPine);
  });

  it('refuses limits and another customer’s address naming the field, storing nothing', async () => {
    const before = await rowsOf('hold_mail_requests');
    const long = await portal.post('/portal/api/hold-mail', { addressId, beginDate: day(2), endDate: day(40), endAction: 'deliver' });
    expect(long.statusCode).toBe(422);
    expect(fields(long)).toEqual(['/body/endDate']);
    const past = await portal.post('/portal/api/hold-mail', { addressId, beginDate: day(-1), endDate: day(5), endAction: 'deliver' });
    expect(fields(past)).toEqual(['/body/beginDate']);
    const beaAddress = (await agent.get(`/api/customers/${ids.bea}`))
      .json()
      .values.find((v: { field: string }) => v.field === 'mailing_address').id;
    const notMine = await portal.post('/portal/api/hold-mail', {
      addressId: beaAddress,
      beginDate: day(2),
      endDate: day(5),
      endAction: 'deliver',
    });
    expect(notMine.statusCode).toBe(422);
    expect(fields(notMine)).toEqual(['/body/addressId']);
    expect(notMine.body).not.toMatch(/Pine|Rothwell/i);
    expect(await rowsOf('hold_mail_requests')).toBe(before);
  });

  it('answers another customer’s hold as not found, and cancels its own', async () => {
    for (const response of [
      await portal.get(`/portal/api/hold-mail/${ids.holdPine}`),
      await portal.post(`/portal/api/hold-mail/${ids.holdPine}/cancel`),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toMatch(/Pine|Rothwell/i);
    }
    expect((await agent.get(`/api/hold-mail/${ids.holdPine}`)).json().cancelledAt).toBeNull();
    const cancelled = await portal.post(`/portal/api/hold-mail/${ids.portalHold}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const entries = await auditOf(ids.portalHold!);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
  });
});

describe('a hold that has begun', () => {
  it('ends a begun hold on the day it is cancelled', async () => {
    t.clock.now = new Date(start.getTime() + 4 * 86_400_000);
    try {
      // Four days on, the morning's session is long over: a new one.
      const later = client(t.app);
      await later.signIn('agnes', password, now);
      const cancelled = await later.post(`/api/hold-mail/${ids.holdA}/cancel`);
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'scheduled', phase: 'active', beginDate: day(2), endDate: day(4) });
      expect((await later.get(`/api/hold-mail/delivery-list?zip=11201&date=${day(5)}`)).json().map((h: { id: string }) => h.id)).toEqual([
        ids.holdPine,
      ]);
      expect((await later.post(`/api/hold-mail/${ids.holdA}/cancel`)).statusCode).toBe(409);
    } finally {
      t.clock.now = start;
    }
  });
});

describe('retention of holds', () => {
  it('disposes of a hold a year after it was requested, not before', async () => {
    const exists = () =>
      withPrincipal(t.database.db, system, async (trx) =>
        Boolean(await trx.selectFrom('hold_mail_requests').select('id').where('id', '=', ids.holdA!).executeTakeFirst()),
      );
    await t.services.retention.run(t.database, new Date(start.getTime() + 360 * 86_400_000));
    expect(await exists()).toBe(true);
    await t.services.retention.run(t.database, new Date(start.getTime() + 367 * 86_400_000));
    expect(await exists()).toBe(false);
  });
});

// The console keeps copies of these lists (it cannot import server modules): held to the server's here.
describe('the console’s copies of the hold mail lists', () => {
  it('match the server', () => {
    expect([...consoleHolds.endActions]).toEqual([...endActions]);
    expect([...consoleHolds.holdMailStatuses]).toEqual([...holdMailStatuses]);
    expect(consoleHolds.holdScreeningThresholds).toEqual({
      review: holdScreeningThresholds.review,
      refuse: holdScreeningThresholds.refuse,
    });
    expect(Object.keys(consoleHolds.holdRuleLabels).sort()).toEqual(holdMailRules.map((r) => r.rule).sort());
    expect(consoleHolds.holdLimits).toEqual({ minDays: holdMinDays, maxDays: holdMaxDays, maxDaysAhead: holdMaxDaysAhead });
  });
});
