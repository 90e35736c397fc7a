import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

// The registry's routes beyond registration: values, key contacts, history, merge and its
// undo, CSV import, the GET lookup and the telephony screen-pop.
let t: TestApp;
let agent: Client;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('carl', password, ['contractor'], ['patents']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
});
afterAll(async () => {
  await t.close();
});

const ids = (body: { id: string }[]) => body.map((c) => c.id);

async function register(name: string, extra: object[] = [], kind = 'person') {
  const response = await agent.post('/api/customers', {
    kind,
    values: [{ field: kind === 'person' ? 'customer_name' : 'company_name', value: name }, ...extra],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; values: { id: string; field: string }[] };
}

describe('the field list', () => {
  it('describes every field for forms, classed and masked as the catalog says', async () => {
    const fields = (await agent.get('/api/customers/fields')).json() as { field: string; [key: string]: unknown }[];
    const byName = Object.fromEntries(fields.map((f) => [f.field, f]));
    expect(byName.ssn_last4).toMatchObject({
      name: 'SSN last four',
      appliesTo: ['person'],
      single: true,
      fieldClass: 'sensitive',
      mask: 'full',
    });
    expect(byName.account_number).toMatchObject({ fieldClass: 'identifier', mask: 'last4' });
    expect(byName.company_type).toMatchObject({
      appliesTo: ['organisation'],
      choices: expect.arrayContaining(['corporation', 'nonprofit']),
    });
    expect(byName.phone).toMatchObject({ labels: expect.arrayContaining(['mobile', 'work']), single: false, mask: null });
  });
});

describe('values, key contacts and history', () => {
  it('adds and removes values, links a key contact, and shows the timeline', async () => {
    const person = await register('Ignatius Brackenridge', [{ field: 'email', value: 'ignatius@example.org' }]);
    const added = await agent.post(`/api/customers/${person.id}/values`, {
      values: [{ field: 'phone', value: '(415) 555-0171', label: 'work' }],
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()[0]).toMatchObject({ field: 'phone', value: '+14155550171', label: 'work', recordSource: 'agent' });
    const bad = await agent.post(`/api/customers/${person.id}/values`, { values: [{ field: 'duns_number', value: '123456789' }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('/body/values/0/field');

    const org = await register('Brackenridge Lighthouse Supply', [], 'organisation');
    const linked = await agent.post(`/api/customers/${org.id}/contacts`, { customerId: person.id, relationship: 'primary' });
    expect(linked.statusCode, linked.body).toBe(201);
    expect((await agent.get(`/api/customers/${org.id}`)).json().contacts).toEqual([
      expect.objectContaining({ customerId: person.id, name: 'Ignatius Brackenridge', relationship: 'primary' }),
    ]);

    const email = person.values.find((v) => v.field === 'email')!;
    expect((await agent.request({ method: 'DELETE', url: `/api/customers/${person.id}/values/${email.id}` })).statusCode).toBe(204);
    expect(ids((await agent.post('/api/customers/search', { email: 'ignatius@example.org' })).json())).toEqual([]);

    const history = await agent.get(`/api/customers/${person.id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().map((h: { kind: string }) => h.kind)).toEqual(
      expect.arrayContaining(['created', 'values_added', 'contact_linked', 'value_removed']),
    );
    // The timeline names fields, never values (only the summaries are free text; ids are random hex).
    expect(JSON.stringify(history.json().map((h: { summary: string }) => h.summary))).not.toMatch(/ignatius|555/i);
  });
});

describe('merge over HTTP', () => {
  it('merges a duplicate, redirects reads of it to the survivor, and undoes the merge', async () => {
    const a = await register('Philippa Oakenshott', [{ field: 'email', value: 'philippa@example.org' }]);
    const b = await register('Philippa Oakenshot', [{ field: 'email', value: 'p.oakenshot@example.net' }]);
    const merged = await agent.post(`/api/customers/${a.id}/merge`, { mergedId: b.id });
    expect(merged.statusCode, merged.body).toBe(200);
    const { mergeId, undoUntil } = merged.json();
    expect(new Date(undoUntil).getTime() - now().getTime()).toBe(30 * 86_400_000);
    const redirected = await agent.get(`/api/customers/${b.id}`);
    expect(redirected.statusCode).toBe(303);
    expect(redirected.headers.location).toBe(`/api/customers/${a.id}`);
    expect(ids((await agent.post('/api/customers/search', { email: 'p.oakenshot@example.net' })).json())).toEqual([a.id]);
    expect((await agent.get(`/api/customers/${a.id}/merges`)).json()).toEqual([
      expect.objectContaining({ mergeId, mergedId: b.id, unmergedAt: null }),
    ]);
    const again = await agent.post(`/api/customers/${a.id}/merge`, { mergedId: b.id });
    expect(again.statusCode).toBe(404);

    const undone = await agent.post(`/api/customers/merges/${mergeId}/undo`, {});
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toEqual({ survivorId: a.id, restoredId: b.id });
    expect((await agent.get(`/api/customers/${b.id}`)).statusCode).toBe(200);
    const twice = await agent.post(`/api/customers/merges/${mergeId}/undo`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/already been undone/);
  });
});

describe('CSV import', () => {
  const header =
    'kind,customer_name,company_name,email,phone:mobile,mailing_address:home.lines,mailing_address:home.city,mailing_address:home.state,mailing_address:home.zip,account_number';
  const good = [
    header,
    'person,Theodora Quill,,theodora.quill@example.org,(303) 555-0111,"12 Elm St, Apt 3",Denver,CO,80202,AC100001',
    'organisation,,Quill & Sons Stationers,orders@quill.example,,,,,,AC100002',
    ',Barnaby Quill,,barnaby.quill@example.org,303.555.0112,,,,,',
  ].join('\r\n');
  const postCsv = (body: string, query = '') =>
    agent.request({ method: 'POST', url: `/api/customers/import${query}`, headers: { 'content-type': 'text/csv' }, payload: body });

  it('checks a file without importing it, then imports it whole', async () => {
    const dry = await postCsv(good, '?dryRun=true&recordSource=list_provider');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rowsRead: 3 });
    expect(ids((await agent.post('/api/customers/search', { email: 'theodora.quill@example.org' })).json())).toEqual([]);

    const imported = await postCsv(good, '?recordSource=list_provider');
    expect(imported.statusCode, imported.body).toBe(201);
    const rows = imported.json().rows as { line: number; customerId: string }[];
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4]);
    const theodora = (await agent.get(`/api/customers/${rows[0]!.customerId}`)).json();
    expect(theodora.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'phone', label: 'mobile', value: '+13035550111', recordSource: 'list_provider' }),
        expect.objectContaining({
          field: 'mailing_address',
          label: 'home',
          value: expect.objectContaining({ deliveryLine: '12 ELM ST APT 3' }),
        }),
      ]),
    );
    expect((await agent.get(`/api/customers/${rows[1]!.customerId}`)).json()).toMatchObject({
      kind: 'organisation',
      name: 'Quill & Sons Stationers',
    });
    const audit = await t.database.db.selectFrom('audit_log').select(['subjects', 'detail']).where('action', '=', 'import').execute();
    expect(audit).toEqual([{ subjects: rows.map((r) => r.customerId), detail: { rows: 3, record_source: 'list_provider' } }]);
  });

  it('rejects a file with any bad row, naming every bad cell, and imports none of it', async () => {
    const bad = [
      header,
      'person,Cosima Inkwell,,cosima@example.org,,,,,,',
      'person,Cosmo Inkwell,,not-an-email,(303) 555-01,1 Main St,Denver,CO,8020,',
      'robot,Cyrus Inkwell,,,,,,,,',
      'person,,,,,,,,,',
    ].join('\n');
    const response = await postCsv(bad);
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual([
      '/body/line/3/email',
      '/body/line/3/phone:mobile',
      '/body/line/3/mailing_address:home.zip',
      '/body/line/4/kind',
      '/body/line/5/customer_name',
    ]);
    const { instance: _requestId, ...problem } = response.json();
    expect(JSON.stringify(problem)).not.toMatch(/Cosmo|not-an-email|8020/);
    expect(ids((await agent.post('/api/customers/search', { email: 'cosima@example.org' })).json())).toEqual([]);
  });

  it('names an unknown column and a malformed line', async () => {
    const unknown = await postCsv('customer_name,emial\nAda,ada@example.org\n');
    expect(unknown.json().errors[0]).toMatchObject({ field: '/body/header/emial' });
    const malformed = await postCsv('customer_name,email\nAda,"ada@example.org\n');
    expect(malformed.json().errors[0]).toMatchObject({ field: '/body/line/2', message: 'a quoted field is never closed' });
  });
});

describe('lookup by GET, and the telephony screen-pop', () => {
  it('answers GET /api/lookup?q= like the POST, never cacheable', async () => {
    const c = await register('Wendeline Harrowgate', [{ field: 'phone', value: '(512) 555-0188' }]);
    const response = await agent.get(`/api/lookup?q=${encodeURIComponent('Wendelin Harogate')}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.json().results.map((r: { customer: { id: string } }) => r.customer.id)).toContain(c.id);
    const alone = await agent.get('/api/lookup?q=4821');
    expect(alone.statusCode).toBe(422);
    expect(alone.json().errors[0].field).toBe('/querystring/q');

    const pop = await agent.get(`/api/lookup/phone/${encodeURIComponent('+1 512-555-0188')}`);
    expect(pop.statusCode, pop.body).toBe(200);
    expect(ids(pop.json().customers)).toEqual([c.id]);
    const badNumber = await agent.get('/api/lookup/phone/12345');
    expect(badNumber.statusCode).toBe(422);
    expect(badNumber.json().errors[0].field).toBe('/params/number');
    const entry = await t.database.db
      .selectFrom('audit_log')
      .select(['purpose', 'subjects', 'detail'])
      .where('purpose', 'like', '%incoming caller%')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ subjects: [c.id], detail: expect.objectContaining({ screen_pop: true }) });
    // Every log line names the route, not the number or the name typed.
    expect(t.logs.join('\n')).not.toMatch(/555-0188|5550188|Wendelin/);
  });

  it('pops nothing for a contractor of another area', async () => {
    const carl = client(t.app);
    await carl.signIn('carl', password, now);
    const pop = await carl.get(`/api/lookup/phone/${encodeURIComponent('(512) 555-0188')}`);
    expect(pop.json()).toEqual({ customers: [] });
  });
});
