import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { createVault, openKeyring } from '../src/crypto/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { portalAuthFor } from '../src/http/portal.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// Business mailers' mailings through the real app: entered by an agent, kept up, and their
// performance read from tracking events a feed (an administrator's token) loads; the mailer
// sees its own mailings on the portal and nobody else's.
let t: TestApp;
let relay: TestRelay;
let agent: Client;
let outsider: Client;
let feed: Client;
let acmeId: string;
let betaId: string;
let personId: string;
const password = 'correct horse battery staple';
const mail = inbox();
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');
const problemsText = 'Tray 7 arrived wet at the SCF dock';

const label = (n: number) => `99000000000000000000${String(n).padStart(4, '0')}`;
const mailing = (changes: Record<string, unknown> = {}) => ({
  mailingId: 'FALL-2026-01',
  mailerId: '123456',
  serialFirst: 1000,
  serialLast: 1009,
  postageStatement: '8842117',
  mailingDate: '2026-11-20',
  mailClass: 'first_class',
  processingCategory: 'letters',
  priceCategory: 'Automation',
  presortLevel: '5_digit',
  pieceCount: 10,
  weightGrams: 280,
  postageCents: 4410,
  permitNumber: '1234',
  permitType: 'permit_imprint',
  containerLabels: [label(1), label(2)],
  entry: 'dscf',
  dropShipCode: 'SCF207',
  appointmentAt: '2026-11-20T14:00:00Z',
  reply: { kind: 'business_reply_mail', permitNumber: '555' },
  problems: problemsText,
  ...changes,
});

async function mailingRows(): Promise<number> {
  return withPrincipal(t.database.db, system, async (trx) => (await trx.selectFrom('mailings').select('id').execute()).length);
}

async function auditOf(recordId: string) {
  return withPrincipal(t.database.db, system, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['action', 'record_type', 'actor_id', 'detail', 'subjects'])
      .where('record_id', '=', recordId)
      .orderBy('id')
      .execute(),
  );
}

/** An IMb's 20 tracking digits: barcode id 00, service type 270 (First-Class with IV-MTR), the Mailer ID and a serial. */
const tracking = (mailerId: string, serial: number) => `00270${mailerId}${String(serial).padStart(mailerId.length === 9 ? 6 : 9, '0')}`;

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  t.clock.now = new Date('2026-11-25T17:00:00Z');
  await t.addArea('bulk-mail');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['bulk-mail']);
  await t.addStaff('pete', password, ['agent'], ['patents']);
  await t.addStaff('feeder', password, ['administrator']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  outsider = client(t.app);
  await outsider.signIn('pete', password, now);
  feed = client(t.app);
  await feed.signIn('feeder', password, now);
  const org = async (name: string) => {
    const created = await agent.post('/api/customers', {
      kind: 'organisation',
      businessArea: 'bulk-mail',
      values: [{ field: 'company_name', value: name }],
    });
    expect(created.statusCode, created.body).toBe(201);
    return created.json().id as string;
  };
  acmeId = await org('Acme Catalogs Inc');
  betaId = await org('Beta Circulars LLC');
  const person = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'bulk-mail',
    values: [{ field: 'customer_name', value: 'Ottoline Brackenbury' }],
  });
  personId = person.json().id;
}, 60_000);
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

let dropShipId: string;
let originId: string;
let betaMailingId: string;

describe('entering mailings', () => {
  it('stores a destination-entry mailing as a drop ship record, its problems encrypted, and audits it', async () => {
    const response = await agent.post(`/api/customers/${acmeId}/mailings`, mailing());
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      customerId: acmeId,
      businessArea: 'bulk-mail',
      recordType: 'usps-820/drop-ship',
      mailingId: 'FALL-2026-01',
      mailerId: '123456',
      serialFirst: 1000,
      serialLast: 1009,
      mailClass: 'first_class',
      pieceCount: 10,
      postageCents: 4410,
      containerLabels: [label(1), label(2)],
      entry: 'dscf',
      dropShipCode: 'SCF207',
      appointmentAt: '2026-11-20T14:00:00.000Z',
      reply: { kind: 'business_reply_mail', permitNumber: '555' },
      status: 'scheduled',
      problems: problemsText,
      enteredBy: expect.stringMatching(/^staff:/),
    });
    // 2 years from its creation, in the agency's calendar.
    expect(created.disposeAfter.slice(0, 10)).toBe('2028-11-26');
    dropShipId = created.id;

    const stored = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('mailings').select(['problems_ct', 'record_type']).where('id', '=', dropShipId).executeTakeFirstOrThrow(),
    );
    expect(stored.record_type).toBe('usps-820/drop-ship');
    expect(Buffer.from(stored.problems_ct!).toString('latin1')).not.toContain('Tray 7');

    const audit = await auditOf(dropShipId);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        record_type: 'usps-820/drop-ship',
        detail: expect.objectContaining({ entry: 'dscf', pieces: 10, problems: true }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain('Tray 7');
  });

  it('stores an origin-entry mailing as a business mailing record, kept until 4 years after the relationship ends', async () => {
    const response = await agent.post(
      `/api/customers/${acmeId}/mailings`,
      mailing({
        mailingId: 'PARCELS-11',
        mailClass: 'package_services',
        processingCategory: 'parcels',
        serialFirst: null,
        serialLast: null,
        entry: 'origin',
        dropShipCode: null,
        appointmentAt: null,
        reply: null,
        problems: null,
      }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ recordType: 'usps-820/business-mailing', disposeAfter: null, problems: null });
    originId = response.json().id;
    const beta = await agent.post(`/api/customers/${betaId}/mailings`, mailing({ mailingId: 'BETA-1', mailerId: '912345678' }));
    expect(beta.statusCode, beta.body).toBe(201);
    betaMailingId = beta.json().id;
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a mailer id of 7 digits', { mailerId: '1234567' }, '/body/mailerId'],
    ['a serial range too small for the count', { serialLast: 1005 }, '/body/serialLast'],
    ['a 23-digit container label', { containerLabels: [label(1), label(2).slice(1)] }, '/body/containerLabels/1'],
    ['a container label with a letter', { containerLabels: [`${label(3).slice(0, 23)}A`] }, '/body/containerLabels/0'],
    ['destination entry without a drop ship code', { dropShipCode: null }, '/body/dropShipCode'],
    ['DSCF entry without an appointment', { appointmentAt: null }, '/body/appointmentAt'],
    ['an unknown mail class', { mailClass: 'standard_mail' }, '/body/mailClass'],
    ['an unknown presort level', { presortLevel: '4_digit' }, '/body/presortLevel'],
    ['a permit number with letters', { permitNumber: 'G10' }, '/body/permitNumber'],
    ['an unknown permit type', { permitType: 'stamps' }, '/body/permitType'],
    ['a mailing date that is no date', { mailingDate: '2026-13-01' }, '/body/mailingDate'],
    ['a count as text', { pieceCount: 'ten' }, '/body/pieceCount'],
    ['a negative postage amount', { postageCents: -1 }, '/body/postageCents'],
    ['a reply permit with letters', { reply: { kind: 'qbrm', permitNumber: 'abc' } }, '/body/reply/permitNumber'],
    ['the mailer’s id of a mailing it has already', { mailingId: 'FALL-2026-01' }, '/body/mailingId'],
    ['an unknown field', { customerName: 'x' }, '/body'],
  ])('refuses %s, naming the field, and stores nothing', async (_what, change, field) => {
    const before = await mailingRows();
    const response = await agent.post(`/api/customers/${acmeId}/mailings`, mailing({ mailingId: 'NEW-1', ...change }));
    expect(response.statusCode, response.body).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(response.body).not.toContain(problemsText);
    expect(await mailingRows()).toBe(before);
  });

  it('refuses a mailing for a person, and a customer or mailing of another area', async () => {
    const person = await agent.post(`/api/customers/${personId}/mailings`, mailing({ mailingId: 'P-1' }));
    expect(person.statusCode).toBe(409);
    expect((await outsider.post(`/api/customers/${acmeId}/mailings`, mailing({ mailingId: 'X-1' }))).statusCode).toBe(404);
    expect((await outsider.get(`/api/mailings/${dropShipId}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/mailings/${dropShipId}/performance`)).statusCode).toBe(404);
  });
});

describe('keeping a mailing up', () => {
  it('lists the customer’s mailings and reads one', async () => {
    const list = await agent.get(`/api/customers/${acmeId}/mailings`);
    expect(list.statusCode, list.body).toBe(200);
    expect(
      list
        .json()
        .map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual([dropShipId, originId].sort());
    const one = await agent.get(`/api/mailings/${dropShipId}`);
    expect(one.json().problems).toBe(problemsText);
    expect((await auditOf(dropShipId)).map((a) => a.action)).toEqual(['create', 'read']);
  });

  it('moves the status on, replaces the notes, and refuses a move back', async () => {
    const inducted = await agent.request({ method: 'PATCH', url: `/api/mailings/${dropShipId}`, payload: { status: 'inducted' } });
    expect(inducted.statusCode, inducted.body).toBe(200);
    expect(inducted.json().status).toBe('inducted');
    const noted = await agent.request({ method: 'PATCH', url: `/api/mailings/${dropShipId}`, payload: { problems: 'Short 2 pieces' } });
    expect(noted.json()).toMatchObject({ status: 'inducted', problems: 'Short 2 pieces' });
    const back = await agent.request({ method: 'PATCH', url: `/api/mailings/${dropShipId}`, payload: { status: 'scheduled' } });
    expect(back.statusCode).toBe(409);
    const empty = await agent.request({ method: 'PATCH', url: `/api/mailings/${dropShipId}`, payload: {} });
    expect(empty.statusCode).toBe(422);
    const updates = (await auditOf(dropShipId)).filter((a) => a.action === 'update');
    expect(updates.map((a) => a.detail)).toEqual([
      expect.objectContaining({ fields: ['status'], status: 'inducted' }),
      expect.objectContaining({ fields: ['problems'] }),
    ]);
    expect(JSON.stringify(updates)).not.toContain('Short 2');
  });
});

describe('a mailing’s performance', () => {
  it('counts the mailing’s pieces by their latest scan, from the tracking feed', async () => {
    const event = (mailerId: string, serial: number, kind: string, at: string) =>
      JSON.stringify({ imb: tracking(mailerId, serial), event: kind, at, facilityZip: '20066', source: 'processing' });
    const body = [
      // Pieces 1000 to 1003 of the mailing: two delivered, one out for delivery, one processed.
      event('123456', 1000, 'acceptance', '2026-11-20T15:00:00Z'),
      event('123456', 1000, 'processed', '2026-11-21T03:00:00Z'),
      event('123456', 1000, 'delivered', '2026-11-22T16:00:00Z'),
      event('123456', 1001, 'processed', '2026-11-21T03:10:00Z'),
      event('123456', 1001, 'delivered', '2026-11-23T17:30:00Z'),
      event('123456', 1002, 'out_for_delivery', '2026-11-24T12:00:00Z'),
      event('123456', 1003, 'processed', '2026-11-21T04:00:00Z'),
      // Not the mailing's: a serial past its range, another mailer with a serial in it, and a
      // scan of a piece of the range weeks before the mailing (an earlier mailing's reuse).
      event('123456', 1010, 'delivered', '2026-11-22T16:00:00Z'),
      event('654321', 1004, 'delivered', '2026-11-22T16:00:00Z'),
      event('123456', 1005, 'delivered', '2026-10-30T16:00:00Z'),
    ].join('\n');
    const loaded = await feed.request({
      method: 'POST',
      url: '/api/tracking/events',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: body,
    });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json()).toMatchObject({ stored: 10, rejected: 0 });

    const response = await agent.get(`/api/mailings/${dropShipId}/performance`);
    expect(response.statusCode, response.body).toBe(200);
    const performance = response.json();
    expect(performance).toMatchObject({
      mailingId: dropShipId,
      tracked: true,
      pieceCount: 10,
      piecesSeen: 4,
      delivered: 2,
      notScanned: 6,
      lastEventAt: '2026-11-24T12:00:00.000Z',
      window: { from: '2026-11-19T00:00:00.000Z', to: '2026-11-25T17:00:00.000Z' },
      eventsKeptUntil: '2026-12-22T00:00:00.000Z',
    });
    expect(performance.byLastEvent.map((g: { event: string; pieces: number }) => [g.event, g.pieces])).toEqual([
      ['delivered', 2],
      ['out_for_delivery', 1],
      ['processed', 1],
    ]);
    const read = (await auditOf(dropShipId)).filter((a) => a.detail && (a.detail as { step?: string }).step === 'mailing_performance');
    expect(read).toEqual([
      expect.objectContaining({
        action: 'read',
        record_type: 'usps-820/drop-ship',
        detail: { step: 'mailing_performance', pieces_seen: 4 },
      }),
    ]);
  });

  it('reads no IMb serials for a parcel mailing', async () => {
    const response = await agent.get(`/api/mailings/${originId}/performance`);
    expect(response.json()).toMatchObject({ tracked: false, piecesSeen: 0, notScanned: 1 * 10 });
  });
});

describe('the mailer on the portal', () => {
  let acmePortal: PortalBrowser;

  it('lists the organisation’s own mailings, without the agency’s internal fields', async () => {
    acmePortal = await registeredAccount(t.app, mail, 'shipping@acme.example', 'a long and private passphrase');
    // Linking proofs on the portal are a person's (surname, ZIP Code, SSN); a business's account
    // is linked by the agency, as here through the portal's own sign-in service.
    const keyring = await openKeyring({ dataDir: t.dataDir, masterKey: null });
    const portalAuth = portalAuthFor(
      { database: t.database, vault: createVault({ keys: keyring, blindIndex: keyring.blindIndex }), keyring, clock: now },
      null,
    );
    const info = (await portalAuth.resolve(acmePortal.cookie!))!;
    const issued = await portalAuth.linkAccount(info, acmeId, 'knowledge', { requestId: null, clientAddr: null, purpose: 'test set-up' });
    acmePortal.cookie = issued.token;
    acmePortal.csrf = issued.csrfToken;

    const list = await acmePortal.get('/portal/api/mailings');
    expect(list.statusCode, list.body).toBe(200);
    const mine = list.json() as Record<string, unknown>[];
    expect(mine.map((m) => m.id).sort()).toEqual([dropShipId, originId].sort());
    expect(mine[0]).not.toHaveProperty('businessArea');
    expect(mine[0]).not.toHaveProperty('enteredBy');
    expect(list.body).not.toContain('BETA-1');
  });

  it('shows the performance of its own mailing, and not of another customer’s', async () => {
    const own = await acmePortal.get(`/portal/api/mailings/${dropShipId}/performance`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ piecesSeen: 4, delivered: 2, notScanned: 6 });
    const other = await acmePortal.get(`/portal/api/mailings/${betaMailingId}/performance`);
    expect(other.statusCode).toBe(404);
    expect(other.headers['content-type']).toContain('application/problem+json');
    const responses = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('audit_log').select(['subjects', 'detail']).where('action', '=', 'portal.response').execute(),
    );
    const mailingResponses = responses.filter((r) => String((r.detail as { route?: string }).route).includes('/mailings'));
    expect(mailingResponses.length).toBeGreaterThanOrEqual(2);
    for (const r of mailingResponses) expect(r.subjects).toEqual([acmeId]);
  });

  it('keeps staff and the unsigned out', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/portal/api/mailings' })).statusCode).toBe(401);
    expect((await agent.get('/portal/api/mailings')).statusCode).toBe(401);
  });
});
