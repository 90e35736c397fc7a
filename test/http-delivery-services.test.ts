import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { customerWithCase } from './support/portal-customers.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

let t: TestApp;
let relay: TestRelay;
let agent: Client;
let otherAreaAgent: Client;
let customerId: string;
const mail = inbox();
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');

// Wednesday 25 November 2026, noon in New York: tomorrow is Thanksgiving, Sunday is day 4.
const day = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
// An IMpb number (check digit 0), typed with spaces as it is printed on PS Form 3849.
const article = '9212 3912 3456 7812 3456 70';
const articleNormalised = '9212391234567812345670';
const street = '12 Oak Street, Apartment 3';

const redelivery = (changes: Record<string, unknown> = {}) => ({
  articleNumbers: [article],
  date: day(2),
  option: 'deliver',
  location: 'back_door',
  instructions: 'Gate code 4411, beware of the goose',
  ...changes,
});
const pickup = (changes: Record<string, unknown> = {}) => ({
  date: day(2),
  packageCount: 3,
  totalWeightLb: 12,
  location: 'side_door',
  instructions: 'Boxes behind the recycling bin',
  ...changes,
});
const preferences = (changes: Record<string, unknown> = {}) => ({
  whenAbsent: 'hold_at_post_office',
  deliveryDays: [6, 2, 2],
  preferredContact: 'email',
  dropShipCodes: ['ddu 20260', 'DNDC:L12345', 'DDU:20260'],
  instructions: 'Ring twice; the dog is friendly',
  ...changes,
});

async function rowsOf(table: 'delivery_requests' | 'delivery_preferences'): Promise<number> {
  return withPrincipal(t.database.db, system, async (trx) => (await trx.selectFrom(table).select('id').execute()).length);
}

async function auditOf(recordId: string) {
  return withPrincipal(t.database.db, system, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['action', 'record_type', 'actor_kind', 'detail'])
      .where('record_id', '=', recordId)
      .orderBy('id')
      .execute(),
  );
}

const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  t.clock.now = new Date('2026-11-25T17:00:00Z');
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('pete', password, ['agent'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  otherAreaAgent = client(t.app);
  await otherAreaAgent.signIn('pete', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [
      { field: 'customer_name', value: 'Ottoline Brackenbury' },
      { field: 'mailing_address', value: { lines: street, city: 'Brooklyn', state: 'NY', zip: '11201' } },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

describe('redelivery and pickup, entered by staff', () => {
  let redeliveryId: string;
  let pickupId: string;
  let pickupNumber: string;

  it('stores a redelivery at the address of record, the article number normalised, the address and instructions encrypted, audited', async () => {
    const response = await agent.post(`/api/customers/${customerId}/redeliveries`, redelivery());
    expect(response.statusCode, response.body).toBe(201);
    const r = response.json();
    expect(r).toMatchObject({
      customerId,
      businessArea: 'trademarks',
      kind: 'redelivery',
      articleNumbers: [articleNormalised],
      date: day(2),
      option: 'deliver',
      location: 'back_door',
      instructions: 'Gate code 4411, beware of the goose',
      pickupNumber: null,
      status: 'requested',
      disposeAfter: null,
    });
    expect(r.address.deliveryLine).toBe('12 OAK ST APT 3');
    expect(r.enteredBy).toMatch(/^staff:/);
    redeliveryId = r.id;

    const stored = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('delivery_requests')
        .select(['address_ct', 'instructions_ct'])
        .where('id', '=', redeliveryId)
        .executeTakeFirstOrThrow(),
    );
    for (const value of Object.values(stored)) expect(Buffer.from(value!).toString('latin1')).not.toMatch(/OAK|goose/i);
    const audit = await auditOf(redeliveryId);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        record_type: 'usps-820/delivery-request',
        detail: expect.objectContaining({ kind: 'redelivery' }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/OAK|goose|9212/i);
  });

  it('schedules a pickup on the next delivery day with a checked confirmation number', async () => {
    const response = await agent.post(
      `/api/customers/${customerId}/pickups`,
      pickup({ address: { lines: '4 Elm Avenue', city: 'Brooklyn', state: 'NY', zip: '11215' } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    const p = response.json();
    expect(p).toMatchObject({ kind: 'pickup', date: day(2), packageCount: 3, totalWeightLb: 12, location: 'side_door', option: null });
    expect(p.address.deliveryLine).toBe('4 ELM AVE');
    expect(p.pickupNumber).toMatch(/^WTC\d{10}$/);
    pickupId = p.id;
    pickupNumber = p.pickupNumber;
  });

  it('lists each kind and reads one', async () => {
    const redeliveries = await agent.get(`/api/customers/${customerId}/redeliveries`);
    expect(redeliveries.statusCode, redeliveries.body).toBe(200);
    expect(redeliveries.json().map((r: { id: string }) => r.id)).toEqual([redeliveryId]);
    const pickups = await agent.get(`/api/customers/${customerId}/pickups?limit=5`);
    expect(pickups.json().map((r: { id: string }) => r.id)).toEqual([pickupId]);
    const one = await agent.get(`/api/delivery-requests/${pickupId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().instructions).toBe('Boxes behind the recycling bin');
    expect((await auditOf(pickupId)).map((a) => a.action)).toEqual(['create', 'read']);
  });

  it('finds the customer by the pickup confirmation number', async () => {
    const found = await agent.post('/api/lookup', { q: pickupNumber.toLowerCase() });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().results.map((r: { customer: { id: string } }) => r.customer.id)).toEqual([customerId]);
  });

  it('refuses invalid redeliveries naming the field, and stores nothing', async () => {
    const before = await rowsOf('delivery_requests');
    const cases: [Record<string, unknown>, string][] = [
      [{ date: day(0) }, '/body/date'],
      [{ date: day(31) }, '/body/date'],
      [{ date: day(4) }, '/body/date'],
      [{ date: '2026-02-30' }, '/body/date'],
      [{ articleNumbers: [] }, '/body/articleNumbers'],
      [{ articleNumbers: [articleNormalised, '9212391234567812345671'] }, '/body/articleNumbers/1'],
      [{ option: 'drone' }, '/body/option'],
      [{ option: 'post_office' }, '/body/location'],
      [{ location: 'chimney' }, '/body/location'],
      [{ address: { lines: street, city: 'Brooklyn', state: 'NY', zip: '1120' } }, '/body/address/zip'],
    ];
    for (const [changes, field] of cases) {
      const response = await agent.post(`/api/customers/${customerId}/redeliveries`, redelivery(changes));
      expect(response.statusCode, `${field}: ${response.body}`).toBe(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fieldsOf(response.json())).toContain(field);
      expect(response.body).not.toMatch(/goose|1120\b|9212/i);
    }
    expect(await rowsOf('delivery_requests')).toBe(before);
  });

  it('refuses invalid pickups naming the field, and stores nothing', async () => {
    const before = await rowsOf('delivery_requests');
    const cases: [Record<string, unknown>, string][] = [
      // Thanksgiving, the day after the clock's.
      [{ date: day(1) }, '/body/date'],
      [{ date: day(4) }, '/body/date'],
      [{ date: day(31) }, '/body/date'],
      [{ packageCount: 0 }, '/body/packageCount'],
      [{ packageCount: 100 }, '/body/packageCount'],
      [{ packageCount: 2, totalWeightLb: 141 }, '/body/totalWeightLb'],
      [{ totalWeightLb: 2.5 }, '/body/totalWeightLb'],
      [{ location: 'roof' }, '/body/location'],
      [{ location: 'other', instructions: null }, '/body/instructions'],
      [{ articleNumbers: ['not a number'] }, '/body/articleNumbers/0'],
    ];
    for (const [changes, field] of cases) {
      const response = await agent.post(`/api/customers/${customerId}/pickups`, pickup(changes));
      expect(response.statusCode, `${field}: ${response.body}`).toBe(422);
      expect(fieldsOf(response.json())).toContain(field);
    }
    expect(await rowsOf('delivery_requests')).toBe(before);
  });

  it('answers 404 to staff of another business area, and for an unknown request', async () => {
    expect((await otherAreaAgent.get(`/api/delivery-requests/${pickupId}`)).statusCode).toBe(404);
    expect((await otherAreaAgent.post(`/api/delivery-requests/${pickupId}/cancel`)).statusCode).toBe(404);
    expect((await agent.get(`/api/delivery-requests/${randomUUID()}`)).statusCode).toBe(404);
    expect((await agent.get(`/api/customers/${randomUUID()}/pickups`)).statusCode).toBe(404);
  });

  it('cancels a request once, completes another once, audited with the change', async () => {
    const cancelled = await agent.post(`/api/delivery-requests/${redeliveryId}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusBy: expect.stringMatching(/^staff:/) });
    expect((await agent.post(`/api/delivery-requests/${redeliveryId}/cancel`)).statusCode).toBe(409);
    expect((await agent.post(`/api/delivery-requests/${redeliveryId}/complete`)).statusCode).toBe(409);
    const completed = await agent.post(`/api/delivery-requests/${pickupId}/complete`);
    expect(completed.statusCode, completed.body).toBe(200);
    expect(completed.json().status).toBe('completed');
    const updates = (await auditOf(redeliveryId)).filter((a) => a.action === 'update');
    expect(updates).toEqual([
      expect.objectContaining({ detail: { kind: 'redelivery', from_status: 'requested', to_status: 'cancelled' } }),
    ]);
  });
});

describe('delivery preferences, by staff', () => {
  it('starts empty, and round-trips what is set, normalised', async () => {
    const empty = await agent.get(`/api/customers/${customerId}/delivery-preferences`);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toMatchObject({ whenAbsent: null, deliveryDays: [], dropShipCodes: [], updatedAt: null });
    const set = await agent.request({ method: 'PUT', url: `/api/customers/${customerId}/delivery-preferences`, payload: preferences() });
    expect(set.statusCode, set.body).toBe(200);
    const expected = {
      customerId,
      whenAbsent: 'hold_at_post_office',
      deliveryDays: [2, 6],
      preferredContact: 'email',
      dropShipCodes: ['DDU:20260', 'DNDC:L12345'],
      instructions: 'Ring twice; the dog is friendly',
    };
    expect(set.json()).toMatchObject(expected);
    expect((await agent.get(`/api/customers/${customerId}/delivery-preferences`)).json()).toMatchObject(expected);
    const replaced = await agent.request({
      method: 'PUT',
      url: `/api/customers/${customerId}/delivery-preferences`,
      payload: preferences({ whenAbsent: 'signature_required', dropShipCodes: [], instructions: null }),
    });
    expect(replaced.json()).toMatchObject({ whenAbsent: 'signature_required', dropShipCodes: [], instructions: null });
    expect(await rowsOf('delivery_preferences')).toBe(1);
    const stored = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('record_type', '=', 'usps-820/customer-account')
        .orderBy('id')
        .execute(),
    );
    expect(stored.map((a) => a.action)).toEqual(['read', 'create', 'read', 'update']);
    expect(JSON.stringify(stored)).not.toMatch(/dog|20260/);
  });

  it('refuses invalid preferences naming the field, and changes nothing', async () => {
    const before = (await agent.get(`/api/customers/${customerId}/delivery-preferences`)).json();
    const cases: [Record<string, unknown>, string][] = [
      [{ dropShipCodes: ['DDU:20260', 'XYZ:1'] }, '/body/dropShipCodes/1'],
      [{ dropShipCodes: ['DSCF 2026'] }, '/body/dropShipCodes/0'],
      [{ deliveryDays: [7] }, '/body/deliveryDays/0'],
      [{ whenAbsent: 'throw_over_fence' }, '/body/whenAbsent'],
      [{ preferredContact: 'pigeon' }, '/body/preferredContact'],
    ];
    for (const [changes, field] of cases) {
      const response = await agent.request({
        method: 'PUT',
        url: `/api/customers/${customerId}/delivery-preferences`,
        payload: preferences(changes),
      });
      expect(response.statusCode, `${field}: ${response.body}`).toBe(422);
      expect(fieldsOf(response.json())).toContain(field);
    }
    expect((await agent.get(`/api/customers/${customerId}/delivery-preferences`)).json()).toEqual(before);
  });
});

describe('a customer merge', () => {
  it('moves the merged customer’s requests to the survivor, keeps the survivor’s preferences, and undoes exactly', async () => {
    const duplicate = await agent.post('/api/customers', {
      kind: 'person',
      businessArea: 'trademarks',
      values: [
        { field: 'customer_name', value: 'Ottoline Brackenbury' },
        { field: 'mailing_address', value: { lines: street, city: 'Brooklyn', state: 'NY', zip: '11201' } },
      ],
    });
    expect(duplicate.statusCode, duplicate.body).toBe(201);
    const duplicateId = duplicate.json().id;
    const moved = await agent.post(`/api/customers/${duplicateId}/pickups`, pickup({ instructions: 'Under the mat of the duplicate' }));
    expect(moved.statusCode, moved.body).toBe(201);
    const ownPreferences = await agent.request({
      method: 'PUT',
      url: `/api/customers/${duplicateId}/delivery-preferences`,
      payload: preferences({ whenAbsent: 'leave_at_door' }),
    });
    expect(ownPreferences.statusCode).toBe(200);
    const survivorPreferences = (await agent.get(`/api/customers/${customerId}/delivery-preferences`)).json().whenAbsent;

    const merged = await agent.post(`/api/customers/${customerId}/merge`, { mergedId: duplicateId });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().moved).toMatchObject({ delivery_requests: 1, delivery_preferences: 0 });
    const pickups = (await agent.get(`/api/customers/${customerId}/pickups`)).json() as { id: string; instructions: string }[];
    expect(pickups.find((p) => p.id === moved.json().id)?.instructions).toBe('Under the mat of the duplicate');
    expect((await agent.get(`/api/customers/${customerId}/delivery-preferences`)).json().whenAbsent).toBe(survivorPreferences);

    const undone = await agent.post(`/api/customers/merges/${merged.json().mergeId}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    const back = (await agent.get(`/api/customers/${duplicateId}/pickups`)).json() as { id: string; instructions: string }[];
    expect(back.map((p) => [p.id, p.instructions])).toEqual([[moved.json().id, 'Under the mat of the duplicate']]);
    expect((await agent.get(`/api/customers/${duplicateId}/delivery-preferences`)).json().whenAbsent).toBe('leave_at_door');
  });
});

describe('delivery services on the portal', () => {
  const ada = {
    name: 'Ada Quintrell',
    email: 'ada.quintrell@example.org',
    zip: '20260-0004',
    ssn: '4821',
    canary: `canary-ada-${randomUUID()}`,
  };
  const bea = { name: 'Bea Rothwell', email: 'bea.rothwell@example.net', zip: '10001', ssn: '7310', canary: `canary-bea-${randomUUID()}` };
  let adaPortal: PortalBrowser;
  let beaPortal: PortalBrowser;
  let adaId: string;
  let adaPickup: string;
  let beaRedelivery: string;

  const put = (b: PortalBrowser, url: string, payload: object) => b.request({ method: 'PUT', url, payload });

  beforeAll(async () => {
    await t.addStaff('nora', password, ['agent']);
    const nora = client(t.app);
    await nora.signIn('nora', password, now);
    adaId = (await customerWithCase(nora, ada)).customer;
    await customerWithCase(nora, bea);
    adaPortal = await registeredAccount(t.app, mail, 'ada.at.home@example.com', password);
    expect((await adaPortal.post('/portal/api/link/knowledge', { surname: 'Quintrell', zip: '20260', ssnLast4: ada.ssn })).statusCode).toBe(
      200,
    );
    beaPortal = await registeredAccount(t.app, mail, 'bea.at.home@example.com', password);
    expect((await beaPortal.post('/portal/api/link/knowledge', { surname: 'Rothwell', zip: '10001', ssnLast4: bea.ssn })).statusCode).toBe(
      200,
    );
  });

  it('schedules a pickup at the address of record, and lists it', async () => {
    const created = await adaPortal.post('/portal/api/pickups', pickup({ instructions: ada.canary }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'pickup', status: 'requested', instructions: ada.canary });
    expect(created.json().address).toEqual({ deliveryLine: '475 LENFANT PLZ SW', lastLine: 'WASHINGTON DC 20260-0004' });
    expect(created.json().pickupNumber).toMatch(/^WTC\d{10}$/);
    expect(created.body).not.toMatch(/businessArea|enteredBy|staff:/);
    adaPickup = created.json().id;
    const list = await adaPortal.get('/portal/api/pickups');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((r: { id: string }) => r.id)).toEqual([adaPickup]);
    expect((await adaPortal.get('/portal/api/redeliveries')).json()).toEqual([]);
    const audit = await auditOf(adaPickup);
    expect(audit[0]).toMatchObject({ action: 'create', actor_kind: 'customer' });
  });

  it('requests a redelivery, refusing a bad field by name and taking no address from the request', async () => {
    const bad = await beaPortal.post('/portal/api/redeliveries', redelivery({ date: day(4) }));
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad.json())).toEqual(['/body/date']);
    const elsewhere = await beaPortal.post('/portal/api/redeliveries', {
      ...redelivery(),
      address: { lines: '1 Thief Lane', city: 'Newark', state: 'NJ', zip: '07102' },
    });
    expect(elsewhere.statusCode).toBe(422);
    const created = await beaPortal.post(
      '/portal/api/redeliveries',
      redelivery({ option: 'post_office', location: null, instructions: null }),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ option: 'post_office', articleNumbers: [articleNormalised] });
    beaRedelivery = created.json().id;
  });

  it('answers another customer’s request as not found, and leaves it as it was', async () => {
    const response = await adaPortal.post(`/portal/api/delivery-requests/${beaRedelivery}/cancel`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(bea.canary);
    expect((await beaPortal.get('/portal/api/redeliveries')).json()[0].status).toBe('requested');
    expect((await beaPortal.get('/portal/api/pickups')).body).not.toContain(ada.canary);
  });

  it('cancels the customer’s own request, and does not let them mark it completed', async () => {
    const cancelled = await adaPortal.post(`/portal/api/delivery-requests/${adaPickup}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect((await adaPortal.post(`/portal/api/delivery-requests/${adaPickup}/cancel`)).statusCode).toBe(409);
    expect((await adaPortal.post(`/portal/api/delivery-requests/${adaPickup}/complete`)).statusCode).toBe(404);
  });

  it('reads and sets the customer’s own preferences, which staff then see', async () => {
    expect((await adaPortal.get('/portal/api/delivery-preferences')).json()).toMatchObject({ whenAbsent: null, deliveryDays: [] });
    const set = await put(adaPortal, '/portal/api/delivery-preferences', preferences({ dropShipCodes: [] }));
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ whenAbsent: 'hold_at_post_office', deliveryDays: [2, 6], preferredContact: 'email' });
    expect(set.body).not.toMatch(/customerId|updatedBy/);
    const bad = await put(adaPortal, '/portal/api/delivery-preferences', preferences({ dropShipCodes: ['nope'] }));
    expect(bad.statusCode).toBe(422);
    expect(fieldsOf(bad.json())).toEqual(['/body/dropShipCodes/0']);
    expect((await beaPortal.get('/portal/api/delivery-preferences')).json().whenAbsent).toBeNull();
    const staffView = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('delivery_preferences')
        .select(['when_absent', 'updated_by'])
        .where('customer_id', '=', adaId)
        .executeTakeFirstOrThrow(),
    );
    expect(staffView).toEqual({ when_absent: 'hold_at_post_office', updated_by: `customer:${adaId}` });
  });
});
