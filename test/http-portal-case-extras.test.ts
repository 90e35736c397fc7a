import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';
import { inbox, registeredAccount, type PortalBrowser } from './support/portal.ts';
import { customerWithCase } from './support/portal-customers.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';

// The portal's case extras of issue 7: files on my cases, rating a resolved case, and my
// preferences. Two customers, each with a canary that must never reach the other.
const ada = { name: 'Ada Quintrell', zip: '20260', ssn: '4821', canary: `canary-ada-${randomUUID()}` };
const bea = { name: 'Bea Rothwell', zip: '10001', ssn: '7310', canary: `canary-bea-${randomUUID()}` };
const password = 'a long and private passphrase';
const maxBytes = 64 * 1024;

let t: TestApp;
let relay: TestRelay;
let agent: Client;
let attachmentsDir: string;
const mail = inbox();
const now = () => new Date(t.clock.now);
const ids: Record<string, { customer: string; case: string }> = {};
let adaPortal: PortalBrowser;
let beaPortal: PortalBrowser;

async function linked(p: typeof ada, address: string): Promise<PortalBrowser> {
  const b = await registeredAccount(t.app, mail, address, password);
  const response = await b.post('/portal/api/link/knowledge', { surname: p.name.split(' ')[1], zip: p.zip, ssnLast4: p.ssn });
  expect(response.statusCode, response.body).toBe(200);
  return b;
}

async function resolve(caseId: string): Promise<void> {
  await agent.post(`/api/cases/${caseId}/assign`, { assignee: 'me' });
  const resolved = await agent.post(`/api/cases/${caseId}/status`, {
    status: 'resolved',
    resolutionCode: 'answered',
    resolution: 'Found.',
  });
  expect(resolved.statusCode, resolved.body).toBe(200);
}

const disposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
const upload = (b: PortalBrowser, caseId: string, content: Buffer, name = 'receipt.txt') =>
  b.request({
    method: 'POST',
    url: `/portal/api/cases/${caseId}/attachments`,
    headers: { 'content-type': 'application/octet-stream', 'content-disposition': disposition(name) },
    payload: content,
  });
const put = (b: PortalBrowser, url: string, payload: object) => b.request({ method: 'PUT', url, payload });

async function auditActions(action: string, actor: string): Promise<number> {
  const rows = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
    trx.selectFrom('audit_log').select('id').where('action', '=', action).where('actor_id', '=', actor).execute(),
  );
  return rows.length;
}

beforeAll(async () => {
  attachmentsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-portal-extras-'));
  relay = await startTestRelay((raw) => mail.receive(raw));
  t = await testApp({
    smtpRelay: relay.url,
    mailFrom: 'Customer Care <care@caseline.example.gov>',
    attachments: { dir: attachmentsDir, maxBytes },
  });
  await t.addStaff('agnes', 'correct horse battery staple', ['agent']);
  agent = client(t.app);
  await agent.signIn('agnes', 'correct horse battery staple', now);
  ids.ada = await customerWithCase(agent, ada);
  ids.bea = await customerWithCase(agent, bea);
  adaPortal = await linked(ada, 'ada.at.home@example.com');
  beaPortal = await linked(bea, 'bea.r@example.com');
}, 60_000);
afterAll(async () => {
  await t?.close();
  await relay?.close();
  await fs.rm(attachmentsDir, { recursive: true, force: true });
});

describe('files on my cases', () => {
  const content = () => Buffer.from(`My receipt, ${ada.canary}\n`);
  let attachmentId: string;

  it('takes an upload on the customer’s own case, lists it and downloads it', async () => {
    const uploaded = await upload(adaPortal, ids.ada!.case, content(), 'receipt of März.txt');
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ filename: 'receipt of März.txt', mediaType: 'text/plain', messageId: null });
    expect(uploaded.body).not.toContain('uploadedBy');
    attachmentId = uploaded.json().id;

    const listed = await adaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().map((a: { id: string }) => a.id)).toEqual([attachmentId]);

    const downloaded = await adaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments/${attachmentId}`);
    expect(downloaded.statusCode, downloaded.body).toBe(200);
    expect(downloaded.rawPayload.equals(content())).toBe(true);
    expect(downloaded.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment;/);
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(downloaded.headers['cache-control']).toBe('no-store');
  });

  it('audits the download like a staff download, and the response as the portal’s', async () => {
    const reads = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['action', 'subjects', 'detail'])
        .where('actor_id', '=', ids.ada!.customer)
        .where('record_id', '=', ids.ada!.case)
        .where('action', '=', 'read')
        .execute(),
    );
    expect(reads.some((r) => JSON.stringify(r.detail).includes(attachmentId))).toBe(true);
    expect(await auditActions('portal.response', ids.ada!.customer)).toBeGreaterThan(2);
  });

  it('answers another customer’s case and file as not found, with none of its data', async () => {
    const list = await beaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments`);
    expect(list.statusCode).toBe(404);
    const download = await beaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments/${attachmentId}`);
    expect(download.statusCode).toBe(404);
    expect(download.body).not.toContain(ada.canary);
    // Ada's file under Bea's own case is no file of Bea's case either.
    expect((await beaPortal.get(`/portal/api/cases/${ids.bea!.case}/attachments/${attachmentId}`)).statusCode).toBe(404);
    const into = await upload(beaPortal, ids.ada!.case, Buffer.from(`Let me in ${bea.canary}\n`));
    expect(into.statusCode, into.body).toBe(404);
    expect((await adaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments`)).json()).toHaveLength(1);
  });

  it('does not show a file staff attached for their own work', async () => {
    const staffFile = await agent.request({
      method: 'POST',
      url: `/api/cases/${ids.ada!.case}/attachments`,
      headers: { 'content-type': 'text/plain', 'content-disposition': disposition('internal memo.txt') },
      payload: Buffer.from('Internal working note\n'),
    });
    expect(staffFile.statusCode, staffFile.body).toBe(201);
    const listed = await adaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments`);
    expect(listed.json().map((a: { id: string }) => a.id)).toEqual([attachmentId]);
    expect(listed.body).not.toContain('internal memo');
    expect((await adaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments/${staffFile.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a file of a type not taken, one too large and one without a name, naming what is wrong', async () => {
    const program = await upload(adaPortal, ids.ada!.case, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'receipt.pdf');
    expect(program.statusCode, program.body).toBe(415);
    expect(program.json().errors[0].field).toBe('/body');
    const large = await upload(adaPortal, ids.ada!.case, Buffer.alloc(maxBytes + 1, 'a'));
    expect(large.statusCode, large.body).toBe(413);
    const nameless = await adaPortal.request({
      method: 'POST',
      url: `/portal/api/cases/${ids.ada!.case}/attachments`,
      headers: { 'content-disposition': 'attachment' },
      payload: content(),
    });
    expect(nameless.statusCode, nameless.body).toBe(422);
    expect(nameless.json().errors[0].field).toBe('/headers/content-disposition');
    expect((await adaPortal.get(`/portal/api/cases/${ids.ada!.case}/attachments`)).json()).toHaveLength(1);
  });
});

describe('rating a resolved case', () => {
  it('refuses to rate a case that is not resolved, naming the case', async () => {
    const detail = await adaPortal.get(`/portal/api/cases/${ids.ada!.case}`);
    expect(detail.json()).toMatchObject({ rated: false, ratable: false });
    const refused = await adaPortal.post(`/portal/api/cases/${ids.ada!.case}/rating`, { rating: 5 });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ title: 'Case not resolved', errors: [{ field: '/params/id' }] });
  });

  it('takes one rating of the customer’s resolved case, stored as the survey answer, then 409', async () => {
    await resolve(ids.ada!.case);
    expect((await adaPortal.get(`/portal/api/cases/${ids.ada!.case}`)).json()).toMatchObject({ rated: false, ratable: true });
    const outOfRange = await adaPortal.post(`/portal/api/cases/${ids.ada!.case}/rating`, { rating: 6 });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().errors[0].field).toBe('/body/rating');
    // Another customer cannot rate it.
    expect((await beaPortal.post(`/portal/api/cases/${ids.ada!.case}/rating`, { rating: 1 })).statusCode).toBe(404);

    const rated = await adaPortal.post(`/portal/api/cases/${ids.ada!.case}/rating`, { rating: 4, comment: 'Quick and kind.' });
    expect(rated.statusCode, rated.body).toBe(201);
    expect(rated.json()).toMatchObject({ id: ids.ada!.case, rated: true, ratable: false });
    const responses = await agent.get(`/api/cases/${ids.ada!.case}/survey-responses`);
    expect(responses.statusCode, responses.body).toBe(200);
    expect(responses.json()).toMatchObject([{ rating: 4, comment: 'Quick and kind.' }]);
    const stored = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      trx.selectFrom('survey_responses').select(['rating', 'subject_id']).where('case_id', '=', ids.ada!.case).execute(),
    );
    expect(stored).toEqual([{ rating: 4, subject_id: ids.ada!.customer }]);

    const again = await adaPortal.post(`/portal/api/cases/${ids.ada!.case}/rating`, { rating: 1 });
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json()).toMatchObject({ title: 'Already rated', errors: [{ field: '/params/id' }] });
    expect((await adaPortal.get(`/portal/api/cases/${ids.ada!.case}`)).json()).toMatchObject({ rated: true, ratable: false });
  });
});

describe('my preferences', () => {
  it('updates the preferences on the record directly, without an amendment request', async () => {
    const updated = await put(adaPortal, '/portal/api/profile/preferences', { preferredContact: 'phone', mediaPreference: 'email' });
    expect(updated.statusCode, updated.body).toBe(200);
    const values = updated.json().values as { field: string; value: string }[];
    expect(values.find((v) => v.field === 'preferred_contact')?.value).toBe('phone');
    expect(values.find((v) => v.field === 'media_preference')?.value).toBe('email');

    const changed = await put(adaPortal, '/portal/api/profile/preferences', { preferredContact: 'mail' });
    expect(changed.statusCode, changed.body).toBe(200);
    const after = (await adaPortal.get('/portal/api/profile')).json().values as { field: string; value: string }[];
    expect(after.filter((v) => v.field === 'preferred_contact').map((v) => v.value)).toEqual(['mail']);
    expect(after.find((v) => v.field === 'media_preference')?.value).toBe('email');
    // The form's choices are the registry's, with the current value.
    expect((await adaPortal.get('/portal/api/profile')).json().preferences).toEqual([
      expect.objectContaining({
        name: 'preferredContact',
        field: 'preferred_contact',
        value: 'mail',
        choices: expect.arrayContaining(['phone', 'mail']),
      }),
      expect.objectContaining({ name: 'mediaPreference', field: 'media_preference', value: 'email' }),
    ]);

    const seen = await agent.get(`/api/customers/${ids.ada!.customer}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.body).toContain('"mail"');
    expect((await adaPortal.get('/portal/api/privacy/requests')).json()).toEqual([]);
    // Bea's record is untouched.
    const beas = (await beaPortal.get('/portal/api/profile')).json().values as { field: string }[];
    expect(beas.some((v) => v.field === 'preferred_contact')).toBe(false);
  });

  it('refuses a value outside the catalog’s list, naming the field and not the value', async () => {
    const refused = await put(adaPortal, '/portal/api/profile/preferences', { preferredContact: 'pigeon', mediaPreference: 'print' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([{ field: '/body/preferredContact', message: expect.stringContaining('must be one of') }]);
    expect(refused.body).not.toContain('pigeon');
    const unknown = await put(adaPortal, '/portal/api/profile/preferences', { favouriteColour: 'blue' });
    expect(unknown.statusCode).toBe(400);
    const after = (await adaPortal.get('/portal/api/profile')).json().values as { field: string; value: string }[];
    expect(after.find((v) => v.field === 'media_preference')?.value).toBe('email');
  });

  it('audits the change under the customer', async () => {
    const rows = await withPrincipal(t.database.db, systemPrincipal('test'), (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['subjects', 'detail'])
        .where('actor_id', '=', ids.ada!.customer)
        .where('action', '=', 'update')
        .where('record_id', '=', ids.ada!.customer)
        .execute(),
    );
    expect(rows.some((r) => JSON.stringify(r.detail).includes('preferred_contact'))).toBe(true);
  });
});
