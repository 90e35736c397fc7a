import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
let supervisor: Client;
let customerId: string;
let businessId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);
const system = systemPrincipal('test');

/** 'YYYY-MM-DD' n days from the test clock (UTC noon keeps it the agency's day too). */
const day = (n: number) => new Date(t.clock.now.getTime() + n * 86_400_000).toISOString().slice(0, 10);

const oldAddress = { lines: '12 Oak Street, Apartment 3', city: 'Brooklyn', state: 'NY', zip: '11201' };
const newAddress = { lines: '742 Evergreen Terrace', city: 'Springfield', state: 'IL', zip: '62704' };
const request = (changes: Record<string, unknown> = {}) => ({
  moveType: 'individual',
  duration: 'permanent',
  name: 'Ottoline Brackenbury',
  effectiveDate: day(10),
  oldAddress,
  newAddress,
  verification: { method: 'in_person_id', outcome: 'passed' },
  ...changes,
});

async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return text;
}

async function rowsOf(table: 'changes_of_address' | 'coa_identity_verifications'): Promise<number> {
  return withPrincipal(t.database.db, system, async (trx) => (await trx.selectFrom(table).select('id').execute()).length);
}

beforeAll(async () => {
  t = await testApp();
  t.clock.now = new Date('2026-11-25T17:00:00Z');
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('sue', password, ['supervisor'], ['trademarks']);
  await t.addStaff('pete', password, ['agent'], ['patents']);
  await t.addStaff('audrey', password, ['auditor']);
  await t.addStaff('adam', password, ['administrator']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  supervisor = client(t.app);
  await supervisor.signIn('sue', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [{ field: 'customer_name', value: 'Ottoline Brackenbury' }],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
  const business = await agent.post('/api/customers', {
    kind: 'organisation',
    businessArea: 'trademarks',
    values: [{ field: 'company_name', value: 'Acme Widgets LLC' }],
  });
  expect(business.statusCode, business.body).toBe(201);
  businessId = business.json().id;
});
afterAll(async () => {
  await t.close();
});

describe('change of address over HTTP', () => {
  let acceptedId: string;
  let heldId: string;

  it('accepts a typical mover: verified, screened, stored encrypted, audited', async () => {
    const response = await agent.post(`/api/customers/${customerId}/changes-of-address`, request());
    expect(response.statusCode, response.body).toBe(201);
    const coa = response.json();
    expect(coa).toMatchObject({
      customerId,
      businessArea: 'trademarks',
      moveType: 'individual',
      duration: 'permanent',
      effectiveDate: day(10),
      endDate: null,
      status: 'accepted',
      forwarding: false,
      screening: { score: 0, outcome: 'pass', reasons: [] },
      forwardsToPoBox: false,
      forwardsToCmra: false,
      review: null,
      disposeAfter: null,
    });
    expect(coa.oldAddress.deliveryLine).toBe('12 OAK ST APT 3');
    expect(coa.newAddress.lastLine).toBe('SPRINGFIELD IL 62704');
    expect(coa.verification).toMatchObject({ method: 'in_person_id', outcome: 'passed', verifiedBy: expect.stringMatching(/^staff:/) });
    // 2 years from the verification (usps-880/identity-verification).
    expect(coa.verification.disposeAfter.slice(0, 4)).toBe('2028');
    acceptedId = coa.id;

    const stored = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('changes_of_address')
        .select(['name_ct', 'old_address_ct', 'new_address_ct'])
        .where('id', '=', acceptedId)
        .executeTakeFirstOrThrow(),
    );
    for (const value of Object.values(stored)) expect(Buffer.from(value).toString('latin1')).not.toMatch(/OAK|EVERGREEN|Brackenbury/i);

    const audit = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('audit_log').select(['action', 'record_type', 'actor_id', 'detail']).where('record_id', '=', acceptedId).execute(),
    );
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'create',
        record_type: 'usps-820/customer-account',
        detail: expect.objectContaining({ screening: 'pass', status: 'accepted' }),
      }),
    ]);
    expect(JSON.stringify(audit)).not.toMatch(/OAK|EVERGREEN|Brackenbury/i);
    const verificationAudit = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('audit_log').select(['action', 'record_type']).where('record_id', '=', coa.verification.id).execute(),
    );
    expect(verificationAudit).toEqual([{ action: 'create', record_type: 'usps-880/identity-verification' }]);
  });

  it('lists the customer’s requests and reads one', async () => {
    const list = await agent.get(`/api/customers/${customerId}/changes-of-address`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((c: { id: string }) => c.id)).toEqual([acceptedId]);
    const one = await agent.get(`/api/changes-of-address/${acceptedId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().name).toBe('Ottoline Brackenbury');
  });

  it('refuses invalid requests naming the field, and stores nothing', async () => {
    const before = [await rowsOf('changes_of_address'), await rowsOf('coa_identity_verifications')];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ effectiveDate: undefined }, 422, '/body/effectiveDate'],
      [{ effectiveDate: day(120) }, 422, '/body/effectiveDate'],
      [{ effectiveDate: day(-30) }, 422, '/body/effectiveDate'],
      [{ duration: 'temporary' }, 422, '/body/endDate'],
      [{ duration: 'temporary', endDate: day(500) }, 422, '/body/endDate'],
      [{ newAddress: { ...newAddress, zip: '6270' } }, 422, '/body/newAddress/zip'],
      [{ moveType: 'tribe' }, 422, '/body/moveType'],
      [{ moveType: 'business' }, 422, '/body/moveType'],
      [{ verification: { method: 'in_person_id' } }, 422, '/body/verification/outcome'],
    ];
    for (const [changes, status, field] of cases) {
      const response = await agent.post(`/api/customers/${customerId}/changes-of-address`, request(changes));
      expect(response.statusCode, `${field}: ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(response.body).not.toMatch(/6270\b|Evergreen/i);
    }
    const badId = await agent.get('/api/changes-of-address/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect([await rowsOf('changes_of_address'), await rowsOf('coa_identity_verifications')]).toEqual(before);
  });

  it('holds a request whose name does not match the record, with the reason named', async () => {
    const response = await agent.post(`/api/customers/${customerId}/changes-of-address`, request({ name: 'Mallory Brackenbury' }));
    expect(response.statusCode, response.body).toBe(201);
    const coa = response.json();
    expect(coa.status).toBe('in_review');
    expect(coa.screening.outcome).toBe('review');
    expect(coa.screening.reasons.map((r: { rule: string }) => r.rule)).toContain('name_mismatch');
    heldId = coa.id;
  });

  it('shows the review queue to a supervisor (fraud.review) and not to an agent', async () => {
    const queue = await supervisor.get('/api/changes-of-address/review');
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().map((c: { id: string }) => c.id)).toEqual([heldId]);
    expect((await agent.get('/api/changes-of-address/review')).statusCode).toBe(403);
    expect((await agent.post(`/api/changes-of-address/${heldId}/decision`, { decision: 'approve', reason: 'looks fine' })).statusCode).toBe(
      403,
    );
  });

  it('requires a reason for a decision', async () => {
    const missing = await supervisor.post(`/api/changes-of-address/${heldId}/decision`, { decision: 'approve' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { field: string }) => e.field)).toContain('/body/reason');
    const blank = await supervisor.post(`/api/changes-of-address/${heldId}/decision`, { decision: 'approve', reason: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors[0].field).toBe('/body/reason');
    expect((await agent.get(`/api/changes-of-address/${heldId}`)).json().status).toBe('in_review');
  });

  it('sends a held request’s validation letter to the old address, but no confirmation yet', async () => {
    const old = await agent.get(`/api/changes-of-address/${heldId}/letters/old.pdf`);
    expect(old.statusCode).toBe(200);
    expect(old.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(old.rawPayload);
    expect(text).toContain('MALLORY BRACKENBURY');
    expect(text).toContain('12 OAK ST APT 3');
    expect(text).toContain('BROOKLYN NY 11201');
    expect(text).not.toContain('EVERGREEN');
    expect((await agent.get(`/api/changes-of-address/${heldId}/letters/new.pdf`)).statusCode).toBe(409);
  });

  it('approves a held request with the reason, audited with the reviewer; a second decision conflicts', async () => {
    const decided = await supervisor.post(`/api/changes-of-address/${heldId}/decision`, {
      decision: 'approve',
      reason: 'Customer called back; married name confirmed with ID at the counter.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      status: 'accepted',
      review: { decision: 'approve', reason: 'Customer called back; married name confirmed with ID at the counter.' },
    });
    expect(decided.json().review.decidedBy).toMatch(/^staff:/);
    const again = await supervisor.post(`/api/changes-of-address/${heldId}/decision`, { decision: 'deny', reason: 'changed my mind' });
    expect(again.statusCode).toBe(409);
    const audit = await withPrincipal(t.database.db, system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['actor_role', 'actor_id', 'detail'])
        .where('record_id', '=', heldId)
        .where('action', '=', 'update')
        .execute(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_role: 'supervisor',
      detail: { review_decision: 'approve', from_status: 'in_review', to_status: 'accepted' },
    });
    expect(JSON.stringify(audit)).not.toMatch(/married/);
  });

  it('sends the confirmation letter to the new address once accepted', async () => {
    const response = await agent.get(`/api/changes-of-address/${acceptedId}/letters/new.pdf`);
    expect(response.statusCode).toBe(200);
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('OTTOLINE BRACKENBURY');
    expect(text).toContain('742 EVERGREEN TER');
    expect(text).toContain('SPRINGFIELD IL 62704');
    expect(text).not.toContain('OAK ST');
    const prints = await withPrincipal(t.database.db, system, (trx) =>
      trx.selectFrom('audit_log').select('detail').where('record_id', '=', acceptedId).where('action', '=', 'print').execute(),
    );
    expect(prints.map((p) => (p.detail as { letter: string }).letter)).toEqual(['move_confirmation']);
  });

  it('denies a held request on review, and refuses its letters', async () => {
    const held = await agent.post(
      `/api/customers/${businessId}/changes-of-address`,
      request({
        moveType: 'business',
        name: 'Acme Widgets LLC',
        // An old address of its own: another customer's recent move from the same one would add points.
        oldAddress: { lines: '9 Pine Rd', city: 'Albany', state: 'NY', zip: '12207' },
        newAddress: { ...newAddress, lines: '742 Evergreen Ter PMB 7' },
        verification: { method: 'knowledge_questions', outcome: 'failed' },
      }),
    );
    expect(held.statusCode, held.body).toBe(201);
    expect(held.json().forwardsToCmra).toBe(true);
    expect(held.json().status).toBe('in_review');
    const denied = await supervisor.post(`/api/changes-of-address/${held.json().id}/decision`, {
      decision: 'deny',
      reason: 'Could not reach the business at its number of record.',
    });
    expect(denied.statusCode, denied.body).toBe(200);
    expect(denied.json()).toMatchObject({ status: 'refused', review: { decision: 'deny' }, forwarding: false });
    expect((await agent.get(`/api/changes-of-address/${held.json().id}/letters/old.pdf`)).statusCode).toBe(409);
  });

  it('refuses the tenth request from one device within an hour outright', async () => {
    const origin = { ipAddress: '198.51.100.7', deviceFingerprint: 'fp-burst-1' };
    let last: { status: string; screening: { reasons: { rule: string }[] } } | null = null;
    for (let i = 0; i < 10; i++) {
      t.clock.now = new Date(t.clock.now.getTime() + 60_000);
      const response = await agent.post(
        `/api/customers/${customerId}/changes-of-address`,
        request({ origin, newAddress: { ...newAddress, lines: `${100 + i} Elm St` } }),
      );
      expect(response.statusCode, response.body).toBe(201);
      last = response.json();
    }
    expect(last!.status).toBe('refused');
    expect(last!.screening.reasons.map((r) => r.rule)).toContain('device_velocity');
    expect((await supervisor.get('/api/changes-of-address/review')).json().every((c: { status: string }) => c.status === 'in_review')).toBe(
      true,
    );
  });

  it('flags a listed CMRA an administrator adds', async () => {
    const admin = client(t.app);
    await admin.signIn('adam', password, now);
    const added = await admin.post('/api/changes-of-address/cmra-addresses', {
      lines: '77 Commerce Boulevard',
      city: 'Springfield',
      state: 'IL',
      zip: '62704',
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().streetLine).toBe('77 COMMERCE BLVD');
    expect(
      (
        await admin.post('/api/changes-of-address/cmra-addresses', {
          lines: '77 Commerce Boulevard',
          city: 'Springfield',
          state: 'IL',
          zip: '62704',
        })
      ).statusCode,
    ).toBe(409);
    expect(
      (await agent.post('/api/changes-of-address/cmra-addresses', { lines: '1 Main St', city: 'Springfield', state: 'IL', zip: '62704' }))
        .statusCode,
    ).toBe(403);
    const response = await agent.post(
      `/api/customers/${customerId}/changes-of-address`,
      request({ effectiveDate: day(10), newAddress: { ...newAddress, lines: '77 Commerce Blvd #12' } }),
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().forwardsToCmra).toBe(true);
    const listed = await admin.get('/api/changes-of-address/cmra-addresses');
    expect(listed.json()).toHaveLength(1);
    const removed = await admin.request({ method: 'DELETE', url: `/api/changes-of-address/cmra-addresses/${added.json().id}` });
    expect(removed.statusCode).toBe(204);
  });

  it('shows another area’s agent nothing (404), a role without the grant gets 403 or 404, and keeps personal data out of the log', async () => {
    const pete = client(t.app);
    await pete.signIn('pete', password, now);
    expect((await pete.get(`/api/changes-of-address/${acceptedId}`)).statusCode).toBe(404);
    expect((await pete.get(`/api/changes-of-address/${acceptedId}/letters/old.pdf`)).statusCode).toBe(404);
    expect((await pete.get(`/api/customers/${customerId}/changes-of-address`)).statusCode).toBe(404);
    const before = await rowsOf('changes_of_address');
    expect((await pete.post(`/api/customers/${customerId}/changes-of-address`, request())).statusCode).toBe(404);
    expect((await pete.get('/api/changes-of-address/review')).statusCode).toBe(403);
    const audrey = client(t.app);
    await audrey.signIn('audrey', password, now);
    expect([403, 404]).toContain((await audrey.post(`/api/customers/${customerId}/changes-of-address`, request())).statusCode);
    expect((await audrey.get('/api/changes-of-address/review')).statusCode).toBe(403);
    expect(await rowsOf('changes_of_address')).toBe(before);
    expect(t.logs.join('\n')).not.toMatch(/Brackenbury|Evergreen|OAK ST|Oak Street|fp-burst|198\.51\.100\.7/i);
  });
});
