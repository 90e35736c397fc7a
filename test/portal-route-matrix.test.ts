import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, portalBrowser, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';
import { servedRoutes } from './support/route-list.ts';
import { checkPickup } from '../src/modules/tracking/index.ts';

// The portal's authorization matrix as data: every portal route, and what each kind of caller
// gets — the owner of the object, another customer, an account not yet linked, a staff member
// (whose console session is no portal session) and nobody. The table must list every route
// the server has under /portal/api; each row is replayed as each caller, and a refusal must
// carry none of the owner's data.

type Caller = 'owner' | 'other' | 'unlinked' | 'staff' | 'anonymous';
interface Row {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  /** The owner's object ids are filled in for :id (a case, a request or a session of the owner), and :attachmentId (a file of the owner's case). */
  readonly id?: 'case' | 'request' | 'session' | 'hold' | 'alert' | 'move' | 'delivery';
  readonly body?: object | Buffer;
  readonly headers?: Readonly<Record<string, string>>;
  readonly expect: Readonly<Record<Caller, readonly number[]>>;
}

const refusedToOthers = { other: [404], unlinked: [403], staff: [401], anonymous: [401] } as const;
const customerRoute = (method: Row['method'], path: string, owner: number[], extra: Partial<Row> = {}): Row => ({
  method,
  path,
  ...extra,
  expect: { owner, ...refusedToOthers, ...(extra.id ? {} : { other: owner }) },
});
const accountRoute = (method: Row['method'], path: string, owner: number[], extra: Partial<Row> = {}): Row => ({
  method,
  path,
  ...extra,
  expect: { owner, other: extra.id ? [404] : owner, unlinked: extra.id ? [404] : owner, staff: [401], anonymous: [401] },
});
// Linking: an account linked already is refused (409); an unlinked one gets the proof's answer.
const linkRoute = (path: string, body: object, unlinked: number[]): Row => ({
  method: 'POST',
  path,
  body,
  expect: { owner: [409], other: [409], unlinked, staff: [401], anonymous: [401] },
});
// Public routes answer everyone alike (their own validation decides); listed so the table is complete.
const publicRoute = (method: Row['method'], path: string, body: object, status: number[]): Row => ({
  method,
  path,
  body,
  expect: { owner: status, other: status, unlinked: status, staff: status, anonymous: status },
});

const rows: Row[] = [
  publicRoute('POST', '/portal/api/auth/register', { email: 'not-an-address', password: 'x' }, [422]),
  publicRoute('POST', '/portal/api/auth/verify', { email: 'nobody@example.org', code: '000000' }, [401]),
  publicRoute('POST', '/portal/api/auth/resend', { email: 'not-an-address' }, [422]),
  publicRoute('POST', '/portal/api/auth/login', { email: 'nobody@example.org', password: 'wrong password here' }, [401]),
  publicRoute('POST', '/portal/api/auth/mfa', { code: '000000' }, [401, 403]),
  publicRoute('POST', '/portal/api/auth/reset', { email: 'not-an-address' }, [422]),
  publicRoute(
    'POST',
    '/portal/api/auth/reset/complete',
    { email: 'nobody@example.org', code: '000000', password: 'a long new passphrase' },
    [401],
  ),
  publicRoute('GET', '/portal/api/session', {}, [200]),
  customerRoute('GET', '/portal/api/cases', [200]),
  customerRoute('GET', '/portal/api/cases/:id', [200], { id: 'case' }),
  customerRoute('POST', '/portal/api/cases/:id/messages', [200], { id: 'case', body: { body: 'A follow-up.' } }),
  customerRoute('POST', '/portal/api/cases', [201], { body: { title: 'A question', body: 'Where is it?' } }),
  customerRoute('GET', '/portal/api/cases/:id/attachments', [200], { id: 'case' }),
  customerRoute('GET', '/portal/api/cases/:id/attachments/:attachmentId', [200], { id: 'case' }),
  customerRoute('POST', '/portal/api/cases/:id/attachments', [201], {
    id: 'case',
    body: Buffer.from('A receipt.\n'),
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': "attachment; filename*=UTF-8''receipt.txt" },
  }),
  // The owner's case is not resolved: refused, naming the case.
  customerRoute('POST', '/portal/api/cases/:id/rating', [409], { id: 'case', body: { rating: 5 } }),
  // The owner here is a person, who has no mailings (a business mailer's are in http-mailings.test.ts):
  // the id of the owner's case is no mailing, answered as one of someone else's.
  customerRoute('GET', '/portal/api/mailings', [200]),
  customerRoute('GET', '/portal/api/mailings/:id/performance', [404], { id: 'case' }),
  customerRoute('GET', '/portal/api/profile', [200]),
  customerRoute('PUT', '/portal/api/profile/preferences', [200], { body: { preferredContact: 'email' } }),
  customerRoute('GET', '/portal/api/privacy/requests', [200]),
  customerRoute('POST', '/portal/api/privacy/requests', [201], {
    body: { kind: 'notification', details: 'Do you hold records about me?' },
  }),
  customerRoute('GET', '/portal/api/privacy/requests/:id/records', [409], { id: 'request' }),
  customerRoute('GET', '/portal/api/privacy/disclosures', [200]),
  customerRoute('GET', '/portal/api/hold-mail', [200]),
  customerRoute('GET', '/portal/api/hold-mail/:id', [200], { id: 'hold' }),
  // Not an address of the caller's record: refused, naming the field.
  customerRoute('POST', '/portal/api/hold-mail', [422], {
    body: { addressId: randomUUID(), beginDate: '2099-01-01', endDate: '2099-01-05', endAction: 'deliver' },
  }),
  customerRoute('POST', '/portal/api/hold-mail/:id/cancel', [200], { id: 'hold' }),
  customerRoute('GET', '/portal/api/changes-of-address/addresses', [200]),
  customerRoute('GET', '/portal/api/changes-of-address', [200]),
  customerRoute('GET', '/portal/api/changes-of-address/:id', [200], { id: 'move' }),
  // Not an address of the caller's record: refused, naming the field.
  customerRoute('POST', '/portal/api/changes-of-address', [422], {
    body: {
      moveType: 'individual',
      duration: 'permanent',
      effectiveDate: '2099-01-01',
      oldAddressId: randomUUID(),
      newAddress: { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' },
    },
  }),
  customerRoute('POST', '/portal/api/tracking/lookup', [200], { body: { number: 'EJ958083935US' } }),
  customerRoute('GET', '/portal/api/tracking-alerts', [200]),
  customerRoute('POST', '/portal/api/tracking-alerts', [201], {
    body: { number: 'EJ958083935US', channel: 'email', email: 'alerts@example.org', events: 'all' },
  }),
  customerRoute('DELETE', '/portal/api/tracking-alerts/:id', [200], { id: 'alert' }),
  // Redeliveries and pickups: a date far ahead is refused, naming the field (the owner's pickup is made in beforeAll).
  customerRoute('GET', '/portal/api/redeliveries', [200]),
  customerRoute('POST', '/portal/api/redeliveries', [422], {
    body: { articleNumbers: ['9212391234567812345670'], date: '2099-01-01', option: 'post_office' },
  }),
  customerRoute('GET', '/portal/api/pickups', [200]),
  customerRoute('POST', '/portal/api/pickups', [422], {
    body: { date: '2099-01-01', packageCount: 1, totalWeightLb: 1, location: 'front_door' },
  }),
  customerRoute('POST', '/portal/api/delivery-requests/:id/cancel', [200], { id: 'delivery' }),
  customerRoute('GET', '/portal/api/delivery-preferences', [200]),
  customerRoute('PUT', '/portal/api/delivery-preferences', [200], {
    body: { whenAbsent: 'redeliver', deliveryDays: [1, 3], preferredContact: 'email', dropShipCodes: [], instructions: null },
  }),
  customerRoute('POST', '/portal/api/profile/corrections', [422], {
    body: { valueId: randomUUID(), field: 'email', value: 'x@example.org', explanation: 'Fix it.' },
  }),
  accountRoute('GET', '/portal/api/account', [200]),
  accountRoute('GET', '/portal/api/account/sessions', [200]),
  accountRoute('DELETE', '/portal/api/account/sessions/:id', [204], { id: 'session' }),
  accountRoute('POST', '/portal/api/account/authenticator/confirm', [422], { body: { code: '000000' } }),
  accountRoute('POST', '/portal/api/account/authenticator/remove', [422], { body: { password: 'not the password at all' } }),
  linkRoute('/portal/api/link/knowledge', { surname: 'Nobody', zip: '99999', ssnLast4: '1234' }, [403]),
  linkRoute('/portal/api/link/email', { surname: 'Nobody', zip: '99999' }, [403]),
  // No text gateway in this app: refused before any lookup.
  linkRoute('/portal/api/link/phone', { surname: 'Nobody', zip: '99999' }, [503]),
  linkRoute('/portal/api/link/letter', { surname: 'Nobody', zip: '99999' }, [403]),
  linkRoute('/portal/api/link/confirm', { code: '000000' }, [403]),
  // Last: it links the unlinked caller.
  linkRoute('/portal/api/link/new', { name: 'Someone' }, [200]),
];
// Not replayed: they end or change the caller's own session or authenticator, which the
// rows above need (covered in http-portal-account.test.ts); listed so coverage is complete.
const replayedElsewhere = new Set([
  'POST /portal/api/auth/logout',
  'POST /portal/api/account/sessions/end-all',
  'POST /portal/api/account/authenticator',
]);

let t: TestApp;
let relay: TestRelay;
const mail = inbox();
const password = 'a long and private passphrase';
let staff: Client;
const callers = {} as Record<'owner' | 'other' | 'unlinked', PortalBrowser>;
const owned = {} as Record<'case' | 'request' | 'session' | 'attachment' | 'hold' | 'alert' | 'move' | 'delivery', string>;
const canary = `canary-${randomUUID()}`;

async function linkedCustomer(address: string, name: string): Promise<PortalBrowser> {
  const b = await registeredAccount(t.app, mail, address, password);
  expect((await b.post('/portal/api/link/new', { name })).statusCode).toBe(200);
  return b;
}

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  staff = client(t.app);
  await staff.signIn('agnes', 'correct horse battery staple', () => new Date(t.clock.now));
  callers.owner = await linkedCustomer('owner@example.org', `Owner ${canary}`);
  callers.other = await linkedCustomer('other@example.org', 'Other Customer');
  callers.unlinked = await registeredAccount(t.app, mail, 'unlinked@example.org', password);
  owned.case = (await callers.owner.post('/portal/api/cases', { title: `Mine ${canary}`, body: `Body ${canary}` })).json().id;
  owned.request = (await callers.owner.post('/portal/api/privacy/requests', { kind: 'access', details: `Mine ${canary}` })).json().id;
  const file = await callers.owner.request({
    method: 'POST',
    url: `/portal/api/cases/${owned.case}/attachments`,
    headers: { 'content-disposition': `attachment; filename*=UTF-8''${canary}.txt` },
    payload: Buffer.from(`File ${canary}\n`),
  });
  expect(file.statusCode, file.body).toBe(201);
  owned.attachment = file.json().id;
  // A hold of the owner's mail, at an address an agent adds to the owner's record.
  const found = await staff.post('/api/customers/search', { name: `Owner ${canary}` });
  expect(found.statusCode, found.body).toBe(200);
  const ownerId = (found.json() as { id: string }[])[0]!.id;
  const added = await staff.post(`/api/customers/${ownerId}/values`, {
    values: [{ field: 'mailing_address', value: { lines: '12 Orchard Row', city: 'Dayton', state: 'OH', zip: '45402' }, label: 'home' }],
  });
  expect(added.statusCode, added.body).toBe(201);
  const day = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const hold = await callers.owner.post('/portal/api/hold-mail', {
    addressId: (added.json() as { id: string }[])[0]!.id,
    beginDate: day(5),
    endDate: day(12),
    endAction: 'deliver',
  });
  expect(hold.statusCode, hold.body).toBe(201);
  owned.hold = hold.json().id;
  // The owner's change of address, out of the same address.
  const move = await callers.owner.post('/portal/api/changes-of-address', {
    moveType: 'individual',
    duration: 'permanent',
    effectiveDate: day(10),
    oldAddressId: (added.json() as { id: string }[])[0]!.id,
    newAddress: { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' },
  });
  expect(move.statusCode, move.body).toBe(201);
  owned.move = move.json().id;
  const alert = await callers.owner.post('/portal/api/tracking-alerts', {
    number: 'EJ958083935US',
    channel: 'email',
    email: `${canary}@example.org`,
    events: 'all',
  });
  expect(alert.statusCode, alert.body).toBe(201);
  owned.alert = alert.json().id;
  // The owner's pickup at that address, on the first day from 2 days on the service takes.
  let pickupDay = 2;
  const pickupDate = () => day(pickupDay);
  for (;;) {
    try {
      checkPickup({ date: pickupDate(), packageCount: 1, totalWeightLb: 1, location: 'front_door' }, t.clock.now, 'America/New_York');
      break;
    } catch {
      pickupDay += 1;
    }
  }
  const pickup = await callers.owner.post('/portal/api/pickups', {
    date: pickupDate(),
    packageCount: 2,
    totalWeightLb: 8,
    location: 'front_door',
    instructions: `Porch ${canary}`,
  });
  expect(pickup.statusCode, pickup.body).toBe(201);
  owned.delivery = pickup.json().id;
  // Another browser of the owner's: the session the DELETE row may end without ending the owner's own.
  await portalBrowser(t.app).post('/portal/api/auth/login', { email: 'owner@example.org', password });
  owned.session = ((await callers.owner.get('/portal/api/account/sessions')).json() as { id: string; current: boolean }[]).find(
    (s) => !s.current,
  )!.id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

describe('the portal route matrix', () => {
  it('lists every route the server has under /portal/api', () => {
    const served = servedRoutes(t.app, '/portal/api');
    const listed = new Set([...rows.map((row) => `${row.method} ${row.path}`), ...replayedElsewhere]);
    expect([...served].sort()).toEqual([...listed].sort());
  });

  it('answers an unknown portal path as not found, signed in or not', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/portal/api/no-such-thing' })).statusCode).toBe(404);
    expect((await callers.owner.get('/portal/api/no-such-thing')).statusCode).toBe(404);
  });

  for (const row of rows)
    for (const caller of ['owner', 'other', 'unlinked', 'staff', 'anonymous'] as const)
      it(`${row.method} ${row.path} as ${caller}: ${row.expect[caller].join(' or ')}`, async () => {
        const url = (row.id ? row.path.replace(':id', owned[row.id]) : row.path).replace(':attachmentId', owned.attachment);
        const options = {
          method: row.method,
          url,
          ...(row.body ? { payload: row.body } : {}),
          ...(row.headers ? { headers: { ...row.headers } } : {}),
        };
        const response =
          caller === 'anonymous'
            ? await t.app.inject(options)
            : caller === 'staff'
              ? await staff.request(options)
              : await callers[caller].request(options);
        expect(row.expect[caller], `${response.statusCode}: ${response.body.slice(0, 200)}`).toContain(response.statusCode);
        if (caller !== 'owner') expect(response.body).not.toContain(canary);
        if (response.statusCode >= 400) expect(response.headers['content-type']).toContain('application/problem+json');
      });
});
