import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { customerWithCase } from './support/portal-customers.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';
import { withoutIds } from './support/without-ids.ts';

// Two customers of the registry, each with canary values that must never reach the other.
const ada = {
  name: 'Ada Quintrell',
  email: 'ada.quintrell@example.org',
  zip: '20260-0004',
  ssn: '4821',
  canary: `canary-ada-${randomUUID()}`,
};
const bea = {
  name: 'Bea Rothwell',
  email: 'bea.rothwell@example.net',
  zip: '10001',
  ssn: '7310',
  canary: `canary-bea-${randomUUID()}`,
};
const note = `internal-note-${randomUUID()}`;
const password = 'a long and private passphrase';

let t: TestApp;
let relay: TestRelay;
let agent: Client;
let privacy: Client;
const mail = inbox();
const now = () => new Date(t.clock.now);
const ids: Record<string, { customer: string; case: string }> = {};

beforeAll(async () => {
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({ smtpRelay: relay.url, mailFrom: 'Customer Care <care@caseline.example.gov>' });
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', now);
  await t.addStaff('priya', 'correct horse battery staple', ['privacy_officer']);
  privacy = client(t.app);
  await privacy.signIn('priya', 'correct horse battery staple', now);
  ids.ada = await customerWithCase(agent, { ...ada, addressLabel: 'home' });
  ids.bea = await customerWithCase(agent, { ...bea, addressLabel: 'home' });
  expect((await agent.post(`/api/cases/${ids.ada.case}/notes`, { body: note })).statusCode).toBe(201);
});
afterAll(async () => {
  await t?.close();
  await relay?.close();
});

let adaPortal: PortalBrowser;
let beaPortal: PortalBrowser;

describe('linking a portal account to its customer record', () => {
  it('keeps an unlinked account out of the customer pages', async () => {
    adaPortal = await registeredAccount(t.app, mail, 'ada.at.home@example.com', password);
    const response = await adaPortal.get('/portal/api/cases');
    expect(response.statusCode).toBe(403);
    expect(response.json().title).toBe('Account not linked');
  });

  it('refuses wrong identifiers with the same words as no record, then links with the right ones', async () => {
    const wrong = await adaPortal.post('/portal/api/link/knowledge', { surname: 'Quintrell', zip: '20260', ssnLast4: '0000' });
    const nobody = await adaPortal.post('/portal/api/link/knowledge', { surname: 'Nobody', zip: '99999', ssnLast4: '1111' });
    expect(wrong.statusCode).toBe(403);
    expect(nobody.statusCode).toBe(403);
    expect(wrong.json().detail).toBe(nobody.json().detail);
    const before = adaPortal.cookie;
    const linked = await adaPortal.post('/portal/api/link/knowledge', { surname: 'Quintrell', zip: '20260', ssnLast4: ada.ssn });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(adaPortal.cookie).not.toBe(before);
    // The session from before the link was bound to the registration subject: it is over.
    const stale = await t.app.inject({ method: 'GET', url: '/portal/api/account', headers: { cookie: `caseline_portal=${before}` } });
    expect(stale.statusCode).toBe(401);
    expect((await adaPortal.get('/portal/api/account')).json()).toMatchObject({ linked: true, linkMethod: 'knowledge' });
  });

  it('links by a code sent to the e-mail address on the record, shown masked', async () => {
    beaPortal = await registeredAccount(t.app, mail, 'bea.r@example.com', password);
    const sent = await beaPortal.post('/portal/api/link/email', { surname: 'Rothwell', zip: bea.zip });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json().sentTo).toBe('b•••@e•••.net');
    const confirmed = await beaPortal.post('/portal/api/link/confirm', { code: mail.codeFor(bea.email) });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect((await beaPortal.get('/portal/api/account')).json().linkMethod).toBe('email_code');
  });

  it('locks linking after five failed proofs', async () => {
    const mallory = await registeredAccount(t.app, mail, 'mallory@example.com', password);
    const tries = [];
    for (let i = 0; i < 6; i++)
      tries.push(
        (await mallory.post('/portal/api/link/knowledge', { surname: 'Quintrell', zip: '20260', ssnLast4: `000${i}` })).statusCode,
      );
    expect(tries).toEqual([403, 403, 403, 403, 429, 429]);
    // Even the right answer is refused while locked.
    expect((await mallory.post('/portal/api/link/knowledge', { surname: 'Rothwell', zip: bea.zip, ssnLast4: bea.ssn })).statusCode).toBe(
      429,
    );
  });

  it('starts a customer record for someone we hold none of', async () => {
    const newcomer = await registeredAccount(t.app, mail, 'newcomer@example.com', password);
    const linked = await newcomer.post('/portal/api/link/new', { name: 'Nora Newcomer' });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((await newcomer.get('/portal/api/cases')).json()).toEqual([]);
  });
});

describe('my cases', () => {
  it('lists the customer’s own case and nothing of the other customer', async () => {
    const response = await adaPortal.get('/portal/api/cases');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().map((c: { id: string }) => c.id)).toEqual([ids.ada!.case]);
    expect(response.body).toContain(ada.canary);
    expect(response.body).not.toContain(bea.canary);
    expect(response.body).not.toContain('assignee');
  });

  it('shows the correspondence without internal notes', async () => {
    const response = await adaPortal.get(`/portal/api/cases/${ids.ada!.case}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.body).toContain(ada.canary);
    expect(response.body).not.toContain(note);
    expect(response.json().messages.map((m: { kind: string }) => m.kind)).toEqual(['inbound']);
  });

  it('answers another customer’s case as not found, with none of its data', async () => {
    const response = await adaPortal.get(`/portal/api/cases/${ids.bea!.case}`);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(bea.canary);
    const write = await adaPortal.post(`/portal/api/cases/${ids.bea!.case}/messages`, { body: 'Let me in' });
    expect(write.statusCode).toBe(404);
  });

  it('opens a case from the portal that agents see as the customer’s web inquiry, and takes replies on it', async () => {
    const opened = await beaPortal.post('/portal/api/cases', { title: 'Where is my package?', body: 'Tracking stopped three days ago.' });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id;
    expect(opened.json().number).toMatch(/^C-\d{4}-\d{6}$/);
    const seen = await agent.get(`/api/cases/${caseId}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ customerId: ids.bea!.customer, channel: 'web', recordType: 'usps-880/usps-com-care' });
    const replied = await beaPortal.post(`/portal/api/cases/${caseId}/messages`, { body: 'It arrived, thank you.' });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(replied.json().messages.map((m: { body: string }) => m.body)).toEqual([
      'Tracking stopped three days ago.',
      'It arrived, thank you.',
    ]);
    expect((await adaPortal.get('/portal/api/cases')).body).not.toContain('Where is my package?');
  });

  it('records each response’s subjects under the session’s own customer only', async () => {
    const entries = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      trx.selectFrom('audit_log').select(['actor_id', 'subjects']).where('action', '=', 'portal.response').execute(),
    );
    expect(entries.length).toBeGreaterThan(3);
    for (const entry of entries) expect(entry.subjects.every((subject) => subject === entry.actor_id)).toBe(true);
    expect(entries.some((entry) => entry.actor_id === ids.ada!.customer && entry.subjects.includes(ids.ada!.customer))).toBe(true);
  });
});

describe('my profile and my privacy', () => {
  it('shows what the registry holds, masking what the catalog masks, and nothing of the other customer', async () => {
    const response = await adaPortal.get('/portal/api/profile');
    expect(response.statusCode, response.body).toBe(200);
    const profile = response.json() as { name: string; values: { field: string; value: string; masked: boolean }[] };
    expect(profile.name).toBe(ada.name);
    expect(profile.values.find((v) => v.field === 'email')).toMatchObject({ value: ada.email, masked: false });
    expect(profile.values.find((v) => v.field === 'ssn_last4')).toMatchObject({ masked: true });
    // An address reads as its delivery line and last line, under the registry's name for the field; the name comes first.
    expect(profile.values.find((v) => v.field === 'mailing_address')).toMatchObject({ fieldName: 'Mailing address' });
    expect(profile.values.find((v) => v.field === 'mailing_address')!.value).toMatch(/^475 LENFANT PLZ SW, WASHINGTON DC 20260/);
    expect(profile.values[0]!.field).toBe('customer_name');
    expect(withoutIds(response.body)).not.toContain(ada.ssn);
    expect(response.body).not.toContain(bea.name);
  });

  it('turns a correction into an amendment request, its identity verified by the linked account', async () => {
    const profile = (await adaPortal.get('/portal/api/profile')).json() as { values: { id: string; field: string }[] };
    const email = profile.values.find((v) => v.field === 'email')!;
    const asked = await adaPortal.post('/portal/api/profile/corrections', {
      valueId: email.id,
      field: 'email',
      value: 'ada.q@example.org',
      explanation: 'I changed my address last year.',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ kind: 'amendment', status: 'received' });
    const seen = await privacy.get(`/api/privacy/requests/${asked.json().id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ channel: 'portal', identity: { method: 'portal_account' } });
    // Another customer's value cannot be the target.
    const foreign = await beaPortal.post('/portal/api/profile/corrections', {
      valueId: email.id,
      field: 'email',
      value: 'mallory@example.org',
      explanation: 'Mine now.',
    });
    expect(foreign.statusCode).toBe(422);
  });

  it('answers an access request with the records once the privacy office grants it, as JSON and PDF', async () => {
    const asked = await adaPortal.post('/portal/api/privacy/requests', { kind: 'access', details: 'A copy of everything you hold.' });
    expect(asked.statusCode, asked.body).toBe(201);
    const id = asked.json().id;
    expect((await adaPortal.get(`/portal/api/privacy/requests/${id}/records`)).statusCode).toBe(409);
    expect((await beaPortal.get(`/portal/api/privacy/requests/${id}/records`)).statusCode).toBe(404);
    expect((await privacy.post(`/api/privacy/requests/${id}/decision`, { outcome: 'granted' })).statusCode).toBe(200);
    const listed = (await adaPortal.get('/portal/api/privacy/requests')).json() as { id: string; reportReady: boolean }[];
    expect(listed.find((r) => r.id === id)?.reportReady).toBe(true);
    const records = await adaPortal.get(`/portal/api/privacy/requests/${id}/records`);
    expect(records.statusCode, records.body).toBe(200);
    expect(records.body).toContain(ada.canary);
    expect(records.body).not.toContain(bea.canary);
    expect(records.body).not.toContain(bea.name);
    const pdf = await adaPortal.get(`/portal/api/privacy/requests/${id}/records?format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.headers['cache-control']).toBe('no-store');
  });

  it('shows the accounting of disclosures about the customer, without law-enforcement entries', async () => {
    const disclosure = (recipientKind: string, routineUse: string, name: string) => ({
      recordTable: 'cases',
      recordId: ids.ada!.case,
      nature: 'copy',
      purpose: 'Claim file sent on.',
      recipient: { name, address: '12 Orchard Row, Dayton OH 45402' },
      recipientKind,
      routineUse,
    });
    expect((await privacy.post('/api/disclosures', disclosure('contractor', 'standard:4', 'Crabtree Adjusters'))).statusCode).toBe(201);
    expect((await privacy.post('/api/disclosures', disclosure('law_enforcement', '880.000:2', 'Detective Quiller'))).statusCode).toBe(201);
    const listed = await adaPortal.get('/portal/api/privacy/disclosures');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((d: { recipient: { name: string } }) => d.recipient.name)).toEqual(['Crabtree Adjusters']);
    expect((await beaPortal.get('/portal/api/privacy/disclosures')).json()).toEqual([]);
  });
});
