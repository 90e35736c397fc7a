import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { customerWithCase } from './support/portal-customers.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// A linked portal customer files a change of address for themselves: verified by the portal,
// screened with the request's own device and network, their requests theirs alone.
const ada = { name: 'Ada Quintrell', zip: '20260-0004', ssn: '4821', canary: `canary-ada-${randomUUID()}` };
const bea = { name: 'Bea Rothwell', zip: '10001', ssn: '7310', canary: `canary-bea-${randomUUID()}` };
const password = 'a long and private passphrase';
const system = systemPrincipal('test');
const laptop = 'c0ffee'.repeat(10);

let t: TestApp;
let relay: TestRelay;
let agent: Client;
let adaPortal: PortalBrowser;
let beaPortal: PortalBrowser;
let adaAddress: string;
let beaAddress: string;
const mail = inbox();
const now = () => new Date(t.clock.now);

const move = (oldAddressId: string, changes: Record<string, unknown> = {}) => ({
  moveType: 'individual',
  duration: 'permanent',
  effectiveDate: '2026-12-05',
  oldAddressId,
  newAddress: { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' },
  ...changes,
});
const file = (who: PortalBrowser, body: object, device: string | null = laptop) =>
  who.request({
    method: 'POST',
    url: '/portal/api/changes-of-address',
    payload: body,
    headers: device ? { 'x-device-fingerprint': device } : {},
  });
const stored = () =>
  withPrincipal(t.database.db, system, async (trx) => ({
    changes: (await trx.selectFrom('changes_of_address').select('id').execute()).length,
    verifications: (await trx.selectFrom('coa_identity_verifications').select('id').execute()).length,
  }));

async function linked(fixture: typeof ada, email: string): Promise<PortalBrowser> {
  const browser = await registeredAccount(t.app, mail, email, password);
  const response = await browser.post('/portal/api/link/knowledge', {
    surname: fixture.name.split(' ')[1],
    zip: fixture.zip.slice(0, 5),
    ssnLast4: fixture.ssn,
  });
  expect(response.statusCode, response.body).toBe(200);
  return browser;
}

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  t.clock.now = new Date('2026-11-25T17:00:00Z');
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', now);
  await customerWithCase(agent, { ...ada, addressLabel: 'home' });
  await customerWithCase(agent, { ...bea, addressLabel: 'home' });
  adaPortal = await linked(ada, 'ada.at.home@example.com');
  beaPortal = await linked(bea, 'bea.at.home@example.com');
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

describe('POST /portal/api/changes-of-address', () => {
  it('offers the customer’s own addresses of record', async () => {
    const response = await adaPortal.get('/portal/api/changes-of-address/addresses');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual([
      {
        id: expect.any(String),
        label: 'home',
        primary: true,
        address: { deliveryLine: '475 LENFANT PLZ SW', lastLine: 'WASHINGTON DC 20260-0004' },
      },
    ]);
    adaAddress = response.json()[0].id;
    beaAddress = (await beaPortal.get('/portal/api/changes-of-address/addresses')).json()[0].id;
  });

  it('accepts a valid request, recorded as verified by the portal account, with the request’s device and network', async () => {
    const response = await file(adaPortal, move(adaAddress));
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      moveType: 'individual',
      duration: 'permanent',
      effectiveDate: '2026-12-05',
      endDate: null,
      oldAddress: { deliveryLine: '475 LENFANT PLZ SW', lastLine: 'WASHINGTON DC 20260-0004' },
      newAddress: { deliveryLine: '742 EVERGREEN TER', lastLine: 'SPRINGFIELD IL 62704' },
      status: 'accepted',
      forwarding: false,
      createdAt: '2026-11-25T17:00:00.000Z',
    });
    const seen = await agent.get(`/api/changes-of-address/${created.id}`);
    expect(seen.json()).toMatchObject({
      name: 'Ada Quintrell',
      verification: { method: 'portal_account', outcome: 'passed', verifiedBy: 'portal' },
      screening: { outcome: 'pass' },
    });
    const row = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('changes_of_address').select(['device_key', 'network_key']).where('id', '=', created.id).executeTakeFirstOrThrow(),
    );
    expect(row.device_key).not.toBeNull();
    expect(row.network_key).not.toBeNull();
    expect(Buffer.from(row.device_key!).toString('hex')).not.toContain(laptop);
  });

  it('holds a burst from one device for review, without saying why', async () => {
    t.clock.now = new Date('2026-11-25T17:10:00Z');
    expect((await file(adaPortal, move(adaAddress))).json().status).toBe('accepted');
    expect((await file(adaPortal, move(adaAddress))).json().status).toBe('accepted');
    const burst = await file(adaPortal, move(adaAddress));
    expect(burst.statusCode, burst.body).toBe(201);
    expect(burst.json().status).toBe('in_review');
    expect(burst.body).not.toMatch(/device|velocity|score|reason/i);
    const seen = (await agent.get(`/api/changes-of-address/${burst.json().id}`)).json();
    expect(seen.screening.reasons.map((r: { rule: string }) => r.rule)).toContain('device_velocity');
  });

  it('names each invalid field and stores nothing', async () => {
    const before = await stored();
    const schema = await file(adaPortal, {
      ...move(adaAddress),
      moveType: 'sideways',
      newAddress: { lines: '1 Main St', city: 'Dayton', state: 'OH' },
    });
    expect(schema.statusCode).toBe(422);
    expect(schema.headers['content-type']).toContain('application/problem+json');
    expect(
      schema
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['/body/moveType', '/body/newAddress/zip']);
    const notTheirs = await file(adaPortal, move(beaAddress));
    expect(notTheirs.statusCode).toBe(422);
    expect(notTheirs.json().errors).toEqual([{ field: '/body/oldAddressId', message: 'must be one of your addresses of record' }]);
    const tooLate = await file(adaPortal, move(adaAddress, { effectiveDate: '2027-06-01' }));
    expect(tooLate.statusCode).toBe(422);
    expect(tooLate.json().errors[0].field).toBe('/body/effectiveDate');
    const temporary = await file(adaPortal, move(adaAddress, { duration: 'temporary' }));
    expect(temporary.statusCode).toBe(422);
    expect(temporary.json().errors[0].field).toBe('/body/endDate');
    const badDevice = await file(adaPortal, move(adaAddress), 'x'.repeat(201));
    expect(badDevice.statusCode).toBe(422);
    expect(badDevice.json().errors[0].field).toBe('/headers/x-device-fingerprint');
    expect(await stored()).toEqual(before);
  });
});

describe('GET /portal/api/changes-of-address', () => {
  it('lists the customer’s own requests and never another customer’s', async () => {
    const beas = await file(
      beaPortal,
      move(beaAddress, { newAddress: { lines: '12 Oak Street', city: 'Brooklyn', state: 'NY', zip: '11201' } }),
      'beef'.repeat(16),
    );
    expect(beas.statusCode, beas.body).toBe(201);
    const adaList = await adaPortal.get('/portal/api/changes-of-address');
    expect(adaList.statusCode).toBe(200);
    expect(adaList.json()).toHaveLength(4);
    expect(adaList.json().map((c: { id: string }) => c.id)).not.toContain(beas.json().id);
    expect(adaList.body).not.toContain('BROOKLYN');
    const beaList = await beaPortal.get('/portal/api/changes-of-address');
    expect(beaList.json().map((c: { id: string }) => c.id)).toEqual([beas.json().id]);
    const peek = await adaPortal.get(`/portal/api/changes-of-address/${beas.json().id}`);
    expect(peek.statusCode).toBe(404);
    expect(peek.body).not.toContain('BROOKLYN');
    const own = await beaPortal.get(`/portal/api/changes-of-address/${beas.json().id}`);
    expect(own.json()).toMatchObject({
      status: 'accepted',
      oldAddress: { lastLine: 'WASHINGTON DC 10001' },
      newAddress: { lastLine: 'BROOKLYN NY 11201' },
    });
  });
});
