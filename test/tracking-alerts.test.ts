import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPortalMailer, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { createHttpTextGateway } from '../src/modules/text-messages/index.ts';
import { createAlertDispatcher, formatImpb, ingestFeed, readFeed, type AlertDispatcher } from '../src/modules/tracking/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// Subscriptions made over HTTP, events loaded by the feed loader, alerts sent by the dispatcher
// to a real SMTP receiver and a real HTTP text gateway in this process.
let t: TestApp;
let relay: TestRelay;
let gateway: http.Server;
let agent: Client;
let dispatcher: AlertDispatcher;
let customerId: string;
const mail = inbox();
const texts: { to: string; text: string }[] = [];
let gatewayStatus = 202;
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');
const feed = systemPrincipal('tracking-feed');
const password = 'a long and private passphrase';

const article = (serial: string) => formatImpb({ applicationId: '92', serviceType: '001', mailerId: '912345678', serial });
const pieceA = article('0000101');
const pieceB = article('0000202');
const email = 'ottoline.alerts@example.org';
const alertMails = () => mail.messages.filter((m) => m.subject.startsWith('USPS Tracking'));

/** Moves the clock on, so that the next load is received after the last: the cursor is receipt time. */
function tick(minutes = 5): void {
  t.clock.now = new Date(t.clock.now.getTime() + minutes * 60_000);
}

async function load(...records: object[]): Promise<void> {
  tick();
  const text = records.map((r) => JSON.stringify(r)).join('\n') + '\n';
  const summary = await ingestFeed(
    t.database,
    feed,
    readFeed(Readable.from([text]), 'ndjson'),
    { invalid: 'reject' },
    { requestId: null, clientAddr: null, purpose: 'tracking feed' },
    now,
  );
  expect(summary.stored).toBe(records.length);
}
const scan = (piece: string, event: string, minutesAgo: number, facilityZip = '20066') => ({
  article: piece,
  event,
  at: new Date(t.clock.now.getTime() - minutesAgo * 60_000).toISOString(),
  facilityZip,
  zip: '20260000475',
  source: 'scanner',
});

async function alert(id: string) {
  const list = await agent.get(`/api/customers/${customerId}/tracking-alerts`);
  expect(list.statusCode, list.body).toBe(200);
  return (list.json() as { id: string; alertsSent: number; lastError: string | null; lastEventAt: string | null }[]).find(
    (a) => a.id === id,
  )!;
}

beforeAll(async () => {
  gateway = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      if (gatewayStatus < 300) texts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(gatewayStatus).end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  relay = await startTestRelay((raw) => mail.receive(raw));
  const textGateway = { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, token: 'tok' };
  const mailFrom = 'Customer Care <care@caseline.example.gov>';
  t = await testApp({ smtpRelay: relay.url, mailFrom, textGateway });
  t.clock.now = new Date('2026-11-25T17:00:00Z');
  dispatcher = createAlertDispatcher({
    database: t.database,
    vault: t.services.vault,
    mailer: createPortalMailer({ relay: relay.url, from: mailFrom }),
    texts: createHttpTextGateway(textGateway),
    clock: now,
    timeZone: 'America/New_York',
  });
  await t.addArea('trademarks');
  await t.addStaff('agnes', 'correct horse battery staple', ['agent'], ['trademarks']);
  agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [{ field: 'customer_name', value: 'Ottoline Brackenbury' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
  await new Promise((resolve) => gateway?.close(resolve));
});

let emailAlert: string;
let textAlert: string;

describe('subscribing to tracking alerts', () => {
  it('refuses an invalid number, a bad address and a text alert without its carrier, naming the field', async () => {
    const base = { channel: 'email', email, events: 'all' };
    const cases: [object, string][] = [
      [{ ...base, number: pieceA.slice(0, -1) + ((Number(pieceA.at(-1)) + 1) % 10) }, '/body/number'],
      [{ ...base, number: pieceA, email: 'not an address' }, '/body/email'],
      [{ number: pieceA, channel: 'text', phone: '202-555-0147', events: 'all' }, '/body/carrier'],
      [{ number: pieceA, channel: 'text', phone: '555-0147', carrier: 'verizon', events: 'all' }, '/body/phone'],
    ];
    for (const [body, field] of cases) {
      const response = await agent.post(`/api/customers/${customerId}/tracking-alerts`, body);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });

  it('subscribes by e-mail and by text, the contact encrypted and kept out of the audit log', async () => {
    const byEmail = await agent.post(`/api/customers/${customerId}/tracking-alerts`, {
      number: pieceA,
      channel: 'email',
      email,
      events: 'all',
    });
    expect(byEmail.statusCode, byEmail.body).toBe(201);
    expect(byEmail.json()).toMatchObject({
      class: 'package',
      piece: pieceA,
      channel: 'email',
      address: email,
      carrier: null,
      active: true,
    });
    // Packages are tracked 90 days: so long the alert lasts.
    expect(Date.parse(byEmail.json().expiresAt) - now().getTime()).toBe(90 * 86_400_000);
    emailAlert = byEmail.json().id;
    const byText = await agent.post(`/api/customers/${customerId}/tracking-alerts`, {
      number: pieceA,
      channel: 'text',
      phone: '(202) 555-0147',
      carrier: 'verizon',
      events: 'all',
    });
    expect(byText.statusCode, byText.body).toBe(201);
    expect(byText.json()).toMatchObject({ address: '+12025550147', carrier: 'verizon' });
    textAlert = byText.json().id;

    const stored = await withPrincipal(t.database.db, system, async (trx) => ({
      rows: await trx.selectFrom('tracking_subscriptions').selectAll().execute(),
      audit: await trx
        .selectFrom('audit_log')
        .select(['action', 'record_id', 'detail'])
        .where('record_id', 'in', [emailAlert, textAlert])
        .execute(),
    }));
    expect(stored.rows).toHaveLength(2);
    for (const row of stored.rows) {
      expect(row.address_ct.toString('latin1')).not.toContain('example.org');
      expect(row.address_ct.toString('latin1')).not.toContain('5550147');
      expect(row.dispose_after.getTime()).toBeGreaterThan(row.expires_at.getTime());
    }
    expect(stored.audit.map((a) => a.action)).toEqual(['create', 'create']);
    expect(JSON.stringify(stored.audit)).not.toMatch(/example\.org|5550147|verizon/);
  });
});

describe('the alert dispatcher', () => {
  it('sends new events by e-mail and text: masked number, facility ZIP, never the delivery point', async () => {
    await load(scan(pieceA, 'acceptance', 60), scan(pieceA, 'in_transit', 10, '20260'));
    const round = await dispatcher.runOnce();
    expect(round).toMatchObject({ emails: 1, texts: 1, failed: 0 });
    expect(alertMails()).toHaveLength(1);
    const sent = alertMails()[0]!;
    expect(sent.to).toContain(email);
    expect(sent.subject).toContain(`...${pieceA.slice(-6)}`);
    expect(sent.text).toContain('Accepted');
    expect(sent.text).toContain('In transit');
    expect(sent.text).toContain('20066');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.to).toBe('+12025550147');
    expect(texts[0]!.text).toContain(`...${pieceA.slice(-6)}`);
    expect(texts[0]!.text).toContain('In transit');
    expect(texts[0]!.text.length).toBeLessThanOrEqual(160);
    for (const message of [sent.subject, sent.text, texts[0]!.text]) {
      expect(message).not.toContain(pieceA);
      expect(message).not.toContain('20260000475');
    }
    expect(await alert(emailAlert)).toMatchObject({ alertsSent: 1, lastError: null });
    // Each send is audited with its channel and count, never the address or the number.
    const sends = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['record_id', 'detail', 'subjects'])
        .where('record_id', 'in', [emailAlert, textAlert])
        .where('action', '=', 'read')
        .execute(),
    );
    expect(sends.map((a) => a.detail).sort((x, y) => String(x.channel).localeCompare(String(y.channel)))).toEqual([
      { step: 'tracking_alert', channel: 'email', events: 2 },
      { step: 'tracking_alert', channel: 'text', events: 2 },
    ]);
    expect(sends.every((a) => a.subjects.includes(customerId))).toBe(true);
    expect(JSON.stringify(sends)).not.toMatch(/example\.org|5550147/);
  });

  it('sends nothing new on a second run', async () => {
    const round = await dispatcher.runOnce();
    expect(round).toMatchObject({ subscriptions: 2, emails: 0, texts: 0, failed: 0 });
    expect(alertMails()).toHaveLength(1);
    expect(texts).toHaveLength(1);
  });

  it('sends nothing for another piece’s events', async () => {
    await load(scan(pieceB, 'delivered', 5));
    expect(await dispatcher.runOnce()).toMatchObject({ emails: 0, texts: 0 });
    expect(alertMails()).toHaveLength(1);
    expect(texts).toHaveLength(1);
  });

  it('sends an older scan from a load that started before the last one: the cursor is the events alerted, not a time', async () => {
    // Received (the load's clock) before the events already alerted, committed after them.
    const startedEarlier = () => new Date(t.clock.now.getTime() - 20 * 60_000);
    const summary = await ingestFeed(
      t.database,
      feed,
      readFeed(Readable.from([JSON.stringify(scan(pieceA, 'processed', 45)) + '\n']), 'ndjson'),
      { invalid: 'reject' },
      { requestId: null, clientAddr: null, purpose: 'tracking feed' },
      startedEarlier,
    );
    expect(summary.stored).toBe(1);
    expect(await dispatcher.runOnce()).toMatchObject({ emails: 1, texts: 1 });
    expect(alertMails().at(-1)!.text).toContain('Processed through a facility');
    expect(texts.at(-1)!.text).toContain('Processed through a facility');
  });

  it('keeps the cursor where it was when the text gateway fails, and delivers on a later run', async () => {
    const before = await alert(textAlert);
    gatewayStatus = 503;
    await load(scan(pieceA, 'out_for_delivery', 2));
    expect(await dispatcher.runOnce()).toMatchObject({ emails: 1, texts: 0, failed: 1 });
    const failed = await alert(textAlert);
    expect(failed).toMatchObject({ alertsSent: before.alertsSent, lastError: 'text-not-sent', lastEventAt: before.lastEventAt });
    expect(texts.at(-1)!.text).not.toContain('Out for delivery');
    gatewayStatus = 202;
    expect(await dispatcher.runOnce()).toMatchObject({ emails: 0, texts: 1, failed: 0 });
    expect(texts.at(-1)!.text).toContain('Out for delivery');
    expect(await alert(textAlert)).toMatchObject({ alertsSent: before.alertsSent + 1, lastError: null });
  });

  it('sends nothing to a cancelled subscription', async () => {
    const cancelled = await agent.request({ method: 'DELETE', url: `/api/tracking-alerts/${emailAlert}` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ active: false });
    const mails = alertMails().length;
    await load(scan(pieceA, 'delivered', 1));
    expect(await dispatcher.runOnce()).toMatchObject({ subscriptions: 1, emails: 0, texts: 1 });
    expect(alertMails()).toHaveLength(mails);
    expect(texts.at(-1)!.text).toContain('Delivered');
  });

  it('sends only deliveries and exceptions when asked so', async () => {
    const pieceC = article('0000303');
    const created = await agent.post(`/api/customers/${customerId}/tracking-alerts`, {
      number: pieceC,
      channel: 'email',
      email,
      events: 'delivery_and_exceptions',
    });
    expect(created.statusCode, created.body).toBe(201);
    const mails = alertMails().length;
    await load(scan(pieceC, 'processed', 30));
    expect(await dispatcher.runOnce()).toMatchObject({ emails: 0 });
    await load(scan(pieceC, 'delivery_attempted', 3));
    expect(await dispatcher.runOnce()).toMatchObject({ emails: 1 });
    expect(alertMails()).toHaveLength(mails + 1);
    expect(alertMails().at(-1)!.text).toContain('Delivery attempted');
    expect(alertMails().at(-1)!.text).not.toContain('Processed');
  });

  it('sends nothing once a subscription has expired with its piece’s tracking', async () => {
    const mailDigits = '01234567094987654321';
    const created = await agent.post(`/api/customers/${customerId}/tracking-alerts`, {
      imb: mailDigits,
      channel: 'email',
      email,
      events: 'all',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(Date.parse(created.json().expiresAt) - now().getTime()).toBe(30 * 86_400_000);
    t.clock.now = new Date(t.clock.now.getTime() + 31 * 86_400_000);
    const mails = alertMails().length;
    tick();
    const summary = await ingestFeed(
      t.database,
      feed,
      readFeed(
        Readable.from([JSON.stringify({ imb: mailDigits, event: 'processed', at: now().toISOString(), source: 'processing' }) + '\n']),
        'ndjson',
      ),
      { invalid: 'reject' },
      { requestId: null, clientAddr: null, purpose: 'tracking feed' },
      now,
    );
    expect(summary.stored).toBe(1);
    const round = await dispatcher.runOnce();
    expect(round.emails).toBe(0);
    expect(alertMails()).toHaveLength(mails);
    // Read as the system: the agent's session has long run out.
    const row = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('tracking_subscriptions').select(['alerts_sent']).where('id', '=', created.json().id).executeTakeFirstOrThrow(),
    );
    expect(row.alerts_sent).toBe(0);
  });
});

describe('the portal’s Track a package', () => {
  let ada: PortalBrowser;
  let bea: PortalBrowser;
  let beaAlert: string;

  beforeAll(async () => {
    ada = await registeredAccount(t.app, mail, 'ada@example.com', password);
    expect((await ada.post('/portal/api/link/new', { name: 'Ada Quintrell' })).statusCode).toBe(200);
    bea = await registeredAccount(t.app, mail, 'bea@example.com', password);
    expect((await bea.post('/portal/api/link/new', { name: 'Bea Rothwell' })).statusCode).toBe(200);
  });

  it('answers a package’s history: kind, time and facility ZIP, no delivery point or mailer', async () => {
    const response = await ada.post('/portal/api/tracking/lookup', { number: pieceA });
    expect(response.statusCode, response.body).toBe(200);
    const events = response.json().events as { event: string; facilityZip: string }[];
    expect(events.map((e) => e.event)).toEqual(['acceptance', 'processed', 'in_transit', 'out_for_delivery', 'delivered']);
    expect(Object.keys(events[0]!).sort()).toEqual(['at', 'description', 'event', 'facilityZip']);
    expect(response.body).not.toContain('20260000475');
    expect(response.body).not.toContain('912345678');
  });

  it('refuses an invalid article number with 422 naming the field', async () => {
    const wrong = await ada.post('/portal/api/tracking/lookup', { number: '9400 1000 0000 0000 0000 00' });
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: '/body/number' })]);
    const empty = await ada.post('/portal/api/tracking/lookup', { number: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0].field).toBe('/body/number');
  });

  it('lets a customer subscribe, list and cancel their own alerts only', async () => {
    const mine = await bea.post('/portal/api/tracking-alerts', {
      number: pieceB,
      channel: 'text',
      phone: '+1 202 555 0188',
      carrier: 'tmobile',
      events: 'delivery_and_exceptions',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    beaAlert = mine.json().id;
    expect((await bea.get('/portal/api/tracking-alerts')).json().map((a: { id: string }) => a.id)).toEqual([beaAlert]);
    const adaList = await ada.get('/portal/api/tracking-alerts');
    expect(adaList.statusCode).toBe(200);
    expect(adaList.json()).toEqual([]);
    expect(adaList.body).not.toContain('5550188');
    // Another customer's subscription is not found, and stays live.
    const theirs = await ada.request({ method: 'DELETE', url: `/portal/api/tracking-alerts/${beaAlert}` });
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain('5550188');
    expect((await bea.get('/portal/api/tracking-alerts')).json()[0].active).toBe(true);
    // Nor the agent's subscription for a customer of the registry.
    expect((await ada.request({ method: 'DELETE', url: `/portal/api/tracking-alerts/${textAlert}` })).statusCode).toBe(404);
    const cancelled = await bea.request({ method: 'DELETE', url: `/portal/api/tracking-alerts/${beaAlert}` });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().active).toBe(false);
  });
});

describe('a customer merge', () => {
  it('moves the duplicate’s alerts to the survivor, re-encrypted under its key', async () => {
    await agent.signIn('agnes', 'correct horse battery staple', now);
    const duplicate = await agent.post('/api/customers', {
      kind: 'person',
      businessArea: 'trademarks',
      values: [{ field: 'customer_name', value: 'Ottoline Brackenbury' }],
    });
    expect(duplicate.statusCode, duplicate.body).toBe(201);
    const duplicateId = duplicate.json().id as string;
    const subscribed = await agent.post(`/api/customers/${duplicateId}/tracking-alerts`, {
      number: article('0000505'),
      channel: 'text',
      phone: '202-555-0199',
      carrier: 'cricket',
      events: 'all',
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const merged = await agent.post(`/api/customers/${customerId}/merge`, { mergedId: duplicateId });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().moved).toMatchObject({ tracking_alerts: 1 });
    const moved = (await agent.get(`/api/customers/${customerId}/tracking-alerts`)).json() as {
      id: string;
      customerId: string;
      address: string;
    }[];
    expect(moved.find((a) => a.id === subscribed.json().id)).toMatchObject({ customerId, address: '+12025550199' });
  });
});

describe('retention', () => {
  it('disposes of subscriptions a year after they were made (Confirmation Services)', async () => {
    const count = () =>
      withPrincipal(t.database.db, system, async (trx) => (await trx.selectFrom('tracking_subscriptions').select('id').execute()).length);
    expect(await count()).toBeGreaterThan(0);
    const latest = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('tracking_subscriptions')
        .select((eb) => eb.fn.max('created_at').as('at'))
        .executeTakeFirstOrThrow(),
    );
    await t.services.retention.run(t.database, new Date(new Date(latest.at).getTime() + 360 * 86_400_000));
    expect(await count()).toBeGreaterThan(0);
    await t.services.retention.run(t.database, new Date(new Date(latest.at).getTime() + 367 * 86_400_000));
    expect(await count()).toBe(0);
  });
});
