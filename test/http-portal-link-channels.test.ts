import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount } from './support/portal.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// Proof of identity by a code texted to the phone on the record, and by a letter to its address:
// a real HTTP text gateway receiver, a real SMTP relay for the account's own mail, the letter PDF read back.
const cleo = { name: 'Cleo Marchetti', zip: '20260', mobile: '+12025550147', home: '+12025550100' };
const password = 'a long and private passphrase';

let t: TestApp;
let relay: TestRelay;
let gateway: http.Server;
const texts: { to: string; text: string }[] = [];
let agent: Client;
let printRoom: Client;
const mail = inbox();
const now = () => new Date(t.clock.now);

async function pdfText(pdf: Buffer | Uint8Array): Promise<string[]> {
  return (await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: false })).text;
}

beforeAll(async () => {
  gateway = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      texts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({
    smtpRelay: relay.url,
    mailFrom: 'Customer Care <care@caseline.example.gov>',
    textGateway: { url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`, token: 'tok' },
  });
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  await t.addStaff('sam', 'correct horse battery staple', ['supervisor']);
  agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', now);
  printRoom = client(t.app);
  await printRoom.signIn('sam', 'correct horse battery staple', now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    values: [
      { field: 'customer_name', value: cleo.name },
      { field: 'phone', value: cleo.home, label: 'home', primary: true },
      { field: 'phone', value: cleo.mobile, label: 'mobile' },
      { field: 'mailing_address', value: { lines: '475 Lenfant Plaza SW Rm 4', city: 'Washington', state: 'DC', zip: cleo.zip } },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
  gateway?.closeAllConnections();
  await new Promise((resolve) => gateway?.close(resolve));
});

describe('linking by a code texted to the phone on the record', () => {
  it('texts the mobile number (not the primary landline), answers it masked, and links with the code', async () => {
    const browser = await registeredAccount(t.app, mail, 'cleo.m@example.com', password);
    const sent = await browser.post('/portal/api/link/phone', { surname: 'Marchetti', zip: cleo.zip });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toEqual({ sentTo: '•••-•••-0147' });
    expect(texts.map((m) => m.to)).toEqual([cleo.mobile]);
    const code = /\b(\d{6})\b/.exec(texts[0]!.text)![1]!;
    expect(texts[0]!.text.length).toBeLessThanOrEqual(160);
    expect((await browser.post('/portal/api/link/confirm', { code: code === '000000' ? '000001' : '000000' })).statusCode).toBe(403);
    const linked = await browser.post('/portal/api/link/confirm', { code });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await browser.get('/portal/api/account')).json()).toMatchObject({ linked: true, linkMethod: 'phone_code' });
  });

  it('refuses, in the same words as any mismatch, when nothing matches', async () => {
    const browser = await registeredAccount(t.app, mail, 'someone@example.com', password);
    const before = texts.length;
    const refused = await browser.post('/portal/api/link/phone', { surname: 'Nobody', zip: '99999' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('we could not confirm that a customer record with those details is yours');
    expect(texts.length).toBe(before);
  });
});

describe('linking by a letter to the address of record, through the print queue', () => {
  let letterId: string;
  let letterCode: string;
  const browserP = () => registeredAccount(t.app, mail, 'cleo.letters@example.com', password);
  let browser: Awaited<ReturnType<typeof browserP>>;

  it('queues a letter and says how long its code works; the print queue shows no personal data', async () => {
    // Cleo's record is linked already (above); a letter needs a record with no account yet: unlink by a fresh customer.
    const created = await agent.post('/api/customers', {
      kind: 'person',
      values: [
        { field: 'customer_name', value: 'Elsa Varga' },
        { field: 'mailing_address', value: { lines: '12 E Business Ln Ste 209', city: 'Kryton', state: 'TN', zip: '38188' } },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    browser = await browserP();
    const queued = await browser.post('/portal/api/link/letter', { surname: 'Varga', zip: '38188' });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(new Date(queued.json().expiresAt).getTime() - now().getTime()).toBe(30 * 24 * 60 * 60 * 1000);
    const list = await printRoom.get('/api/print-queue');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(list.json()[0]).toMatchObject({ kind: 'portal_link_code' });
    expect(list.body).not.toMatch(/Varga|VARGA|38188|Kryton/i);
    letterId = list.json()[0].id;
  });

  it('prints the batch as a PDF with the address block and the code, audited as a print of that customer', async () => {
    const batch = await printRoom.post('/api/print-queue/batch', {});
    expect(batch.statusCode, batch.body).toBe(200);
    expect(batch.headers['content-type']).toBe('application/pdf');
    expect(batch.headers['cache-control']).toBe('no-store');
    expect(batch.headers['x-letters-printed']).toBe(letterId);
    const pages = await pdfText(batch.rawPayload);
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain('ELSA VARGA');
    expect(pages[0]).toContain('12 E BUSINESS LN STE 209');
    expect(pages[0]).toContain('KRYTON TN 38188');
    letterCode = /(\d) (\d) (\d) (\d) (\d) (\d)/.exec(pages[0]!)!.slice(1).join('');
    // Not confirmed yet: still waiting, so a jammed printer loses nothing.
    expect((await printRoom.get('/api/print-queue')).json()).toHaveLength(1);
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select(['detail', 'subjects'])
      .where('action', '=', 'print')
      .where('record_type', '=', 'usps-880/customer')
      .execute();
    expect(audited.filter((a) => (a.detail as { document?: string }).document === 'link_code_letter')).toHaveLength(1);
  });

  it('confirms the batch printed: the letter leaves the queue and its code is wiped, but still links', async () => {
    const confirmed = await printRoom.post('/api/print-queue/printed', { ids: [letterId] });
    expect(confirmed.json()).toEqual({ printed: 1 });
    expect((await printRoom.post('/api/print-queue/printed', { ids: [letterId] })).json()).toEqual({ printed: 0 });
    expect((await printRoom.get('/api/print-queue')).json()).toEqual([]);
    const row = await t.database.db
      .selectFrom('portal_codes')
      .select(['letter_ct', 'printed_at'])
      .where('id', '=', letterId)
      .executeTakeFirstOrThrow();
    expect(row.letter_ct).toBeNull();
    expect(row.printed_at).not.toBeNull();
    expect((await printRoom.post('/api/print-queue/batch', {})).statusCode).toBe(404);
    const linked = await browser.post('/portal/api/link/confirm', { code: letterCode });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await browser.get('/portal/api/account')).json()).toMatchObject({ linked: true, linkMethod: 'letter_code' });
  });

  it('queues nothing when no record matches', async () => {
    const other = await registeredAccount(t.app, mail, 'dov.a@example.com', password);
    expect((await other.post('/portal/api/link/letter', { surname: 'Albrecht', zip: '10001' })).statusCode).toBe(403);
    expect((await printRoom.get('/api/print-queue')).json()).toEqual([]);
  });

  it('is the print room’s alone: an agent may not list, print or confirm', async () => {
    expect((await agent.get('/api/print-queue')).statusCode).toBe(403);
    expect((await agent.post('/api/print-queue/batch', {})).statusCode).toBe(403);
    expect((await agent.post('/api/print-queue/printed', { ids: [letterId] })).statusCode).toBe(403);
    expect((await printRoom.post('/api/print-queue/printed', { ids: ['not-a-uuid'] })).statusCode).toBe(400);
  });
});

it('says clearly when no text gateway is set up', async () => {
  const bare = await testApp({ smtpRelay: relay.url, mailFrom: 'care@caseline.example.gov' });
  try {
    const browser = await registeredAccount(bare.app, mail, 'lone@example.com', password);
    const refused = await browser.post('/portal/api/link/phone', { surname: 'Marchetti', zip: cleo.zip });
    expect(refused.statusCode).toBe(503);
    expect(refused.json().detail).toContain('CASELINE_TEXT_GATEWAY_URL');
  } finally {
    await bare.close();
  }
});
