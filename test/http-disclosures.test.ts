import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type Client } from './support/client.ts';
import { testApp, type TestApp } from './support/app.ts';

let t: TestApp;
let agent: Client;
let privacy: Client;
let customerId: string;
let caseId: string;
const password = 'correct horse battery staple';
const now = () => new Date(t.clock.now);

beforeAll(async () => {
  t = await testApp();
  await t.addArea('trademarks');
  await t.addArea('patents');
  await t.addStaff('agnes', password, ['agent'], ['trademarks']);
  await t.addStaff('pete', password, ['agent'], ['patents']);
  await t.addStaff('priya', password, ['privacy_officer']);
  agent = client(t.app);
  await agent.signIn('agnes', password, now);
  privacy = client(t.app);
  await privacy.signIn('priya', password, now);
  const created = await agent.post('/api/customers', {
    kind: 'person',
    businessArea: 'trademarks',
    values: [
      { field: 'customer_name', value: 'Ottoline Brackenbury' },
      { field: 'phone', value: '(718) 555-0134' },
    ],
  });
  expect(created.statusCode, created.body).toBe(201);
  customerId = created.json().id;
  const call = await agent.post('/api/calls', {
    customerId,
    direction: 'inbound',
    number: '718.555.0134',
    durationSeconds: 120,
    notes: 'Parcel arrived crushed; wants to claim.',
    openCase: { title: 'Damaged parcel claim' },
  });
  expect(call.statusCode, call.body).toBe(201);
  caseId = call.json().caseId;
});
afterAll(async () => {
  await t.close();
});

const toContractor = () => ({
  recordTable: 'cases',
  recordId: caseId,
  nature: 'copy',
  purpose: 'Claim file sent to the claims adjustment contractor.',
  recipient: { name: 'Ignatius Wolfenden-Crabtree', address: 'Crabtree Adjusters, 12 Orchard Row, Dayton OH 45402' },
  recipientKind: 'contractor',
  routineUse: 'standard:4',
});

describe('the accounting of disclosures over HTTP', () => {
  let contractorId: string;
  let policeId: string;

  it('enters a disclosure and lists it for the privacy office', async () => {
    const entered = await agent.post('/api/disclosures', toContractor());
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toMatchObject({
      subjectId: customerId,
      recordTable: 'cases',
      recordId: caseId,
      recordType: 'usps-880/call-center-contact',
      routineUse: 'standard:4',
      recipient: { name: 'Ignatius Wolfenden-Crabtree' },
      lawEnforcementRequest: false,
    });
    contractorId = entered.json().id;
    const listed = await privacy.get(`/api/disclosures?subjectId=${customerId}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.headers['cache-control']).toBe('no-store');
    expect(listed.json().map((d: { id: string }) => d.id)).toEqual([contractorId]);
  });

  it('hides law-enforcement requests from the subject’s view only, and lists a record’s recipients', async () => {
    t.clock.now = new Date(t.clock.now.getTime() + 60_000);
    const police = await privacy.post('/api/disclosures', {
      ...toContractor(),
      nature: 'extract',
      purpose: 'Inspection Service request about a mail theft ring.',
      recipient: { name: 'Detective Rosamund Quiller', address: '300 Indiana Ave NW, Washington DC 20001' },
      recipientKind: 'law_enforcement',
      routineUse: '880.000:2',
    });
    expect(police.statusCode, police.body).toBe(201);
    expect(police.json().lawEnforcementRequest).toBe(true);
    policeId = police.json().id;
    const all = (await privacy.get(`/api/disclosures?subjectId=${customerId}`)).json();
    expect(all.map((d: { id: string }) => d.id)).toEqual([policeId, contractorId]);
    const forSubject = (await privacy.get(`/api/disclosures?subjectId=${customerId}&forSubject=true`)).json();
    expect(forSubject.map((d: { id: string }) => d.id)).toEqual([contractorId]);
    const recipients = await privacy.get(`/api/disclosures/recipients?recordTable=cases&recordId=${caseId}`);
    expect(recipients.statusCode, recipients.body).toBe(200);
    expect(recipients.json().map((r: { recipient: { name: string } }) => r.recipient.name)).toEqual([
      'Ignatius Wolfenden-Crabtree',
      'Detective Rosamund Quiller',
    ]);
  });

  it('refuses a routine use the notice lacks with 422 problem+json naming the field, and writes nothing', async () => {
    const before = (await privacy.get(`/api/disclosures?subjectId=${customerId}`)).json().length;
    for (const [change, field] of [
      [{ routineUse: 'standard:8' }, '/body/routineUse'],
      [{ routineUse: '890.000:1' }, '/body/routineUse'],
      [{ recordTable: 'audit_log' }, '/body/recordTable'],
      [{ nature: 'telepathy' }, '/body/nature'],
      [{ recipient: { name: 'Someone' } }, '/body/recipient/address'],
      [{ recipientKind: 'contractor', lawEnforcementRequest: true }, '/body/lawEnforcementRequest'],
    ] as const) {
      const response = await agent.post('/api/disclosures', { ...toContractor(), ...change });
      expect(response.statusCode, JSON.stringify(change)).toBe(422);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(response.body).not.toContain('Wolfenden');
    }
    expect((await privacy.get(`/api/disclosures?subjectId=${customerId}`)).json()).toHaveLength(before);
    expect((await privacy.get('/api/disclosures')).statusCode).toBe(400);
  });

  it('shows another area’s agent nothing and keeps recipients out of the server log', async () => {
    const pete = client(t.app);
    await pete.signIn('pete', password, now);
    expect((await pete.get(`/api/disclosures?subjectId=${customerId}`)).statusCode).toBe(404);
    const refused = await pete.post('/api/disclosures', toContractor());
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: '/body/recordId' })]);
    expect((await pete.get(`/api/disclosures/recipients?recordTable=cases&recordId=${caseId}`)).json()).toEqual([]);
    expect(t.logs.join('\n')).not.toMatch(/Wolfenden|Quiller|Orchard Row|mail theft/);
  });

  it('lists the routine uses a record type may be disclosed under', async () => {
    const uses = await agent.get('/api/disclosures/routine-uses?recordType=usps-880/inquiry');
    expect(uses.statusCode, uses.body).toBe(200);
    expect(uses.json().map((u: { reference: string }) => u.reference)).toEqual([
      '880.000:1',
      '880.000:2',
      '880.000:3',
      '880.000:4',
      '880.000:5',
      '880.000:6',
      '880.000:7',
      '880.000:10',
      '880.000:11',
    ]);
    expect((await agent.get('/api/disclosures/routine-uses')).json().length).toBeGreaterThan(30);
    const unknown = await agent.get('/api/disclosures/routine-uses?recordType=nope');
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ field: '/querystring/recordType' })]);
  });
});
