import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, staffPrincipal, systemPrincipal, upsertBusinessArea } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../src/db/index.ts';
import { createCaseService, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerService, type CustomerService } from '../src/modules/customers/index.ts';
import {
  accessReportJson,
  createDisclosureService,
  createPrivacyRequestService,
  hasStatementOfDisagreement,
  InvalidRequestField,
  privacyActDeadlines,
  RequestConflict,
  type DisclosureService,
  type NewPrivacyRequest,
  type PrivacyRequestService,
  remindOfDeadlines,
} from '../src/modules/privacy/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let cases: CaseService;
let disclosures: DisclosureService;
let requests: PrivacyRequestService;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'privacy request test' };
// Wednesday 25 November 2026, 10:00 in New York: the day before Thanksgiving.
const received = new Date('2026-11-25T15:00:00Z');
const agent = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000a1', roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
const officer = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000c3', roles: ['privacy_officer'], areas: [], mfaPassed: true });
const letterhead = { name: 'United States Postal Service', address: ['475 L’Enfant Plaza SW', 'Washington DC 20260'], fax: null };
const address = {
  deliveryLine: '12 Orchard Row',
  unitDesignator: null,
  unitNumber: null,
  city: 'Dayton',
  state: 'OH',
  zip5: '45402',
  zip4: null,
};

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);
const days = (n: number) => n * 86_400_000;
const at = (ms: number) => new Date(received.getTime() + ms);

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  cases = createCaseService(keys.vault);
  disclosures = createDisclosureService(keys.vault);
  requests = createPrivacyRequestService(keys.vault, { customers, disclosures, letterhead });
  await as(system, (trx) => upsertBusinessArea(trx, system, { id: 'trademarks', name: 'trademarks', description: '' }, ctx, received));
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

async function customer(name: string, email = 'someone@example.com') {
  const created = await as(system, (trx) =>
    customers.create(trx, system, personInput({ name, email, phone: '(718) 555-0134', businessArea: 'trademarks' }), ctx, received),
  );
  return created;
}

const request = (customerId: string, extra: Partial<NewPrivacyRequest> = {}): NewPrivacyRequest => ({
  kind: 'access',
  channel: 'letter',
  customerId,
  requester: { name: 'Ottoline Brackenbury', address },
  details: 'Please send me a copy of every record you hold about me.',
  receivedAt: received,
  ...extra,
});

async function refusal(promise: Promise<unknown>): Promise<InvalidRequestField | RequestConflict> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof InvalidRequestField || error instanceof RequestConflict) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('Privacy Act requests', () => {
  it('stores the deadlines deadlines.ts gives each kind, and numbers requests PA-YYYY-NNNNNN', async () => {
    const c = await customer('Ottoline Brackenbury');
    const valueId = c.values.find((v) => v.field === 'email')!.id;
    const access = await as(agent, (trx) => requests.open(trx, agent, request(c.id), ctx, received));
    expect(access.number).toMatch(/^PA-2026-\d{6}$/);
    expect(access.acknowledgeDue).toBeNull();
    expect(access.decideDue).toEqual(privacyActDeadlines('access', received).deadlines[0]!.dueAt);
    // 20 business days after Wed 25 Nov 2026 (Thanksgiving 26 Nov off): Thursday 24 December.
    expect(access.decideDue.toISOString()).toBe('2026-12-25T04:59:59.999Z');
    const amendment = await as(agent, (trx) =>
      requests.open(
        trx,
        agent,
        request(c.id, {
          kind: 'amendment',
          details: 'My e-mail address is wrong.',
          target: { recordTable: 'customer_values', recordId: valueId, field: 'email', requestedValue: 'otto@example.org' },
        }),
        ctx,
        received,
      ),
    );
    const expected = privacyActDeadlines('amendment', received).deadlines;
    expect(amendment.acknowledgeDue).toEqual(expected.find((d) => d.name === 'acknowledge')!.dueAt);
    expect(amendment.decideDue).toEqual(expected.find((d) => d.name === 'decide')!.dueAt);
    expect(amendment.acknowledgeDue!.toISOString()).toBe('2026-12-11T04:59:59.999Z'); // Thu 10 Dec, New York
    expect(amendment.decideDue.toISOString()).toBe('2027-01-12T04:59:59.999Z'); // Mon 11 Jan 2027
    const notification = await as(agent, (trx) => requests.open(trx, agent, request(c.id, { kind: 'notification' }), ctx, received));
    expect(notification.decideDue).toEqual(privacyActDeadlines('notification', received).deadlines[0]!.dueAt);
    expect(notification.status).toBe('received');
    expect(notification.requester).toEqual({ name: 'Ottoline Brackenbury', kind: 'person', address, email: null });
  });

  it('opens a request for a requester not in the registry under a subject of their own', async () => {
    const opened = await as(agent, (trx) =>
      requests.open(trx, agent, { ...request(''), customerId: null, businessArea: 'trademarks', kind: 'notification' }, ctx, received),
    );
    expect(opened.subjectId).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.businessArea).toBe('trademarks');
  });

  it('refuses bad input naming the field, and a target other than a customer value', async () => {
    const c = await customer('Barnaby Quillfeather');
    const open = (input: NewPrivacyRequest) => as(agent, (trx) => requests.open(trx, agent, input, ctx, received));
    expect((await refusal(open(request(c.id, { channel: 'pigeon' as never })))).field).toBe('channel');
    expect((await refusal(open(request(c.id, { requester: { name: ' ' } })))).field).toBe('requester/name');
    expect((await refusal(open(request(c.id, { requester: { name: 'B Q' } })))).field).toBe('requester/address');
    expect((await refusal(open(request(c.id, { kind: 'amendment' })))).field).toBe('target');
    const target = { recordTable: 'cases', recordId: c.id, field: 'title', requestedValue: 'x' };
    expect((await refusal(open(request(c.id, { kind: 'amendment', target })))).field).toBe('target');
    expect((await refusal(open(request(c.id, { receivedAt: at(days(3)) })))).field).toBe('receivedAt');
  });

  it('lists a request past its due date as overdue, and not one answered in time', async () => {
    const c = await customer('Perpetua Loxley');
    const late = await as(agent, (trx) => requests.open(trx, agent, request(c.id), ctx, received));
    const answered = await as(agent, (trx) => requests.open(trx, agent, request(c.id), ctx, received));
    await as(officer, async (trx) => {
      await requests.verifyIdentity(trx, officer, answered.id, { method: 'document', evidence: 'Passport seen' }, ctx, at(days(2)));
      await requests.decide(trx, officer, answered.id, { outcome: 'granted' }, ctx, at(days(3)));
    });
    const later = new Date('2026-12-28T15:00:00Z');
    const overdue = await as(officer, (trx) => requests.list(trx, officer, { overdue: true }, ctx, later));
    expect(overdue.map((r) => r.id)).toContain(late.id);
    expect(overdue.map((r) => r.id)).not.toContain(answered.id);
    expect(overdue.find((r) => r.id === late.id)!.nextDeadline).toMatchObject({ name: 'decide', status: 'overdue' });
    const soon = await as(officer, (trx) => requests.list(trx, officer, { dueSoon: true }, ctx, new Date('2026-12-21T15:00:00Z')));
    expect(soon.map((r) => r.id)).toContain(late.id);
    const granted = await as(officer, (trx) => requests.list(trx, officer, { status: 'granted' }, ctx, later));
    expect(granted.map((r) => r.id)).toContain(answered.id);

    // Reminders: once when the decision is 3 business days away, once when it is past; never for the answered one.
    const remind = (at: Date) => as(systemPrincipal('reminders'), (trx) => remindOfDeadlines(trx, systemPrincipal('reminders'), at));
    const reminders = async (id: string) =>
      (await as(officer, (trx) => requests.events(trx, officer, id, ctx, later))).filter((e) => e.kind === 'reminder').map((e) => e.detail);
    expect((await remind(new Date('2026-12-21T15:00:00Z'))).dueSoon).toBeGreaterThanOrEqual(1);
    await remind(new Date('2026-12-22T15:00:00Z'));
    expect(await reminders(late.id)).toEqual([{ deadline: 'decide', status: 'due_soon', due_at: late.decideDue.toISOString() }]);
    expect((await remind(later)).overdue).toBeGreaterThanOrEqual(1);
    await remind(later);
    expect((await reminders(late.id)).map((d) => (d as { status: string }).status)).toEqual(['due_soon', 'overdue']);
    expect(await reminders(answered.id)).toEqual([]);
  });

  it('refuses the access report before identity is verified, and gives only the subject’s records after', async () => {
    const mine = await customer('Hieronymus Canarywhistle');
    const theirs = await customer('Wilhelmina Otherbody');
    const opened = await as(agent, (trx) => requests.open(trx, agent, request(mine.id), ctx, received));
    await as(agent, (trx) =>
      cases.open(
        trx,
        agent,
        { customerId: mine.id, channel: 'phone', recordType: 'usps-880/inquiry', title: 'CANARY-MINE-7731 lost parcel', body: 'Lost.' },
        ctx,
        received,
      ),
    );
    await as(agent, (trx) =>
      cases.open(
        trx,
        agent,
        { customerId: theirs.id, channel: 'phone', recordType: 'usps-880/inquiry', title: 'CANARY-THEIRS-9902 claim', body: 'Claim.' },
        ctx,
        received,
      ),
    );
    await as(agent, (trx) =>
      disclosures.record(
        trx,
        agent,
        {
          recordTable: 'customers',
          recordId: mine.id,
          recordType: 'usps-880/customer',
          nature: 'copy',
          purpose: 'Sent to the claims contractor.',
          recipient: { name: 'CANARY-RECIPIENT Adjusters', address: '1 Main St, Dayton OH 45402' },
          recipientKind: 'contractor',
          routineUse: 'standard:4',
        },
        ctx,
        received,
      ),
    );
    const refused = await refusal(as(officer, (trx) => requests.accessReportFor(trx, officer, opened.id, ctx, at(days(1)))));
    expect(refused).toBeInstanceOf(RequestConflict);
    expect(refused.field).toBe('identity');
    await as(officer, (trx) =>
      requests.verifyIdentity(
        trx,
        officer,
        opened.id,
        { method: 'notarized_statement', evidence: 'Notarized statement, NY' },
        ctx,
        at(days(1)),
      ),
    );
    const answer = await as(officer, (trx) => requests.accessReportFor(trx, officer, opened.id, ctx, at(days(2))));
    const json = accessReportJson(answer.report);
    expect(json).toContain('CANARY-MINE-7731');
    expect(json).toContain('Hieronymus Canarywhistle');
    expect(json).not.toContain('CANARY-THEIRS-9902');
    expect(json).not.toContain('Wilhelmina Otherbody');
    expect(answer.accounting.map((d) => d.recipient.name)).toEqual(['CANARY-RECIPIENT Adjusters']);
    expect(json).toContain('CANARY-RECIPIENT Adjusters');
    const letter = await as(officer, (trx) => requests.letter(trx, officer, opened.id, 'acknowledgement', {}, ctx, at(days(2))));
    expect(letter.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('accepts an amendment: corrects the customer value, keeps the old one in history and lists the earlier recipient', async () => {
    const c = await customer('Araminta Fenwick', 'araminta@old.example.com');
    const valueId = c.values.find((v) => v.field === 'email')!.id;
    await as(agent, (trx) =>
      disclosures.record(
        trx,
        agent,
        {
          recordTable: 'customers',
          recordId: c.id,
          recordType: 'usps-880/customer',
          nature: 'copy',
          purpose: 'Mailing list check.',
          recipient: { name: 'Quintus Recipient Agency', address: '9 Elm St, Boise ID 83702' },
          recipientKind: 'agency',
          routineUse: 'standard:1',
        },
        ctx,
        received,
      ),
    );
    const target = { recordTable: 'customer_values', recordId: valueId, field: 'email', requestedValue: 'araminta@new.example.com' };
    const opened = await as(agent, (trx) =>
      requests.open(trx, agent, request(c.id, { kind: 'amendment', details: 'Wrong e-mail.', target }), ctx, received),
    );
    const notAnAgent = await as(agent, (trx) =>
      requests.decide(trx, agent, opened.id, { outcome: 'granted' }, ctx, at(days(1))).then(
        () => null,
        (error: unknown) => error,
      ),
    );
    expect(notAnAgent).toBeInstanceOf(AccessDenied);
    const result = await as(officer, async (trx) => {
      await requests.verifyIdentity(trx, officer, opened.id, { method: 'in_person', evidence: 'ID card seen' }, ctx, at(days(1)));
      await requests.acknowledge(trx, officer, opened.id, ctx, at(days(2)));
      return requests.decide(trx, officer, opened.id, { outcome: 'granted' }, ctx, at(days(5)));
    });
    expect(result.request.status).toBe('granted');
    expect(result.recipientsToNotify.map((r) => r.recipient.name)).toEqual(['Quintus Recipient Agency']);
    const read = await as(system, (trx) => customers.get(trx, system, c.id, { reveal: [] }, ctx, at(days(5))));
    const emails = 'customer' in read ? read.customer.values.filter((v) => v.field === 'email').map((v) => v.value) : [];
    expect(emails).toEqual(['araminta@new.example.com']);
    const history = await as(system, (trx) => customers.history(trx, system, c.id, ctx, at(days(5))));
    expect(history.map((h) => h.kind)).toEqual(expect.arrayContaining(['values_added', 'value_removed']));
    const events = await as(officer, (trx) => requests.events(trx, officer, opened.id, ctx, at(days(5))));
    expect(events.map((e) => e.kind)).toEqual([
      'received',
      'identity_verified',
      'acknowledged',
      'value_corrected',
      'recipients_to_notify',
      'decided',
    ]);
    const notice = await as(officer, (trx) =>
      requests.letter(trx, officer, opened.id, 'amendment-notice', { recipient: 0 }, ctx, at(days(5))),
    );
    expect(notice.subarray(0, 4).toString()).toBe('%PDF');
    const grant = await as(officer, (trx) => requests.letter(trx, officer, opened.id, 'grant', {}, ctx, at(days(5))));
    expect(grant.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('denies an amendment: an appeal within 90 days is opened, one after is refused naming receivedAt; a statement of disagreement is found', async () => {
    const c = await customer('Cornelius Dunnock');
    const valueId = c.values.find((v) => v.field === 'email')!.id;
    const target = { recordTable: 'customer_values', recordId: valueId, field: 'email', requestedValue: 'cd@example.net' };
    const opened = await as(agent, (trx) =>
      requests.open(trx, agent, request(c.id, { kind: 'amendment', details: 'Change it.', target }), ctx, received),
    );
    expect(
      (await refusal(as(officer, (trx) => requests.decide(trx, officer, opened.id, { outcome: 'denied' }, ctx, at(days(1)))))).field,
    ).toBe('reason');
    const denied = await as(officer, (trx) =>
      requests.decide(
        trx,
        officer,
        opened.id,
        { outcome: 'denied', reason: 'The address on file was verified by the customer.' },
        ctx,
        at(days(10)),
      ),
    );
    expect(denied.request.status).toBe('denied');
    // Decided Sat 5 Dec 2026 in New York; day 90 is Thu 5 Mar 2027.
    expect(denied.request.appealWindowEnds!.toISOString()).toBe('2027-03-06T04:59:59.999Z');
    const denial = await as(officer, (trx) => requests.letter(trx, officer, opened.id, 'denial', {}, ctx, at(days(10))));
    expect(denial.subarray(0, 4).toString()).toBe('%PDF');
    const late = await refusal(
      as(agent, (trx) =>
        requests.appeal(trx, agent, opened.id, { channel: 'letter', details: 'I appeal.', receivedAt: at(days(101)) }, ctx, at(days(101))),
      ),
    );
    expect(late).toBeInstanceOf(InvalidRequestField);
    expect(late.field).toBe('receivedAt');
    const appeal = await as(agent, (trx) =>
      requests.appeal(trx, agent, opened.id, { channel: 'letter', details: 'I appeal.', receivedAt: at(days(40)) }, ctx, at(days(40))),
    );
    expect(appeal).toMatchObject({ kind: 'appeal', appealOf: opened.id, status: 'received', target: { recordId: valueId } });
    expect(appeal.decideDue).toEqual(privacyActDeadlines('appeal', at(days(40))).deadlines[0]!.dueAt);
    const upheld = await as(officer, (trx) =>
      requests.decide(trx, officer, appeal.id, { outcome: 'denied', reason: 'On review, the record is accurate.' }, ctx, at(days(45))),
    );
    expect(upheld.request.appealWindowEnds).toBeNull();
    const decision = await as(officer, (trx) => requests.letter(trx, officer, appeal.id, 'appeal-decision', {}, ctx, at(days(45))));
    expect(decision.subarray(0, 4).toString()).toBe('%PDF');
    expect(await as(agent, (trx) => hasStatementOfDisagreement(trx, 'customer_values', valueId))).toBe(false);
    const statement = await as(officer, (trx) =>
      requests.fileStatementOfDisagreement(
        trx,
        officer,
        appeal.id,
        'My e-mail is cd@example.net, not the one you hold.',
        ctx,
        at(days(46)),
      ),
    );
    expect(statement).toMatchObject({ recordTable: 'customer_values', recordId: valueId });
    expect(await as(agent, (trx) => hasStatementOfDisagreement(trx, 'customer_values', valueId))).toBe(true);
    // Every later disclosure of the record notes the dispute (552a(d)(4)).
    const disclosed = await as(officer, (trx) =>
      disclosures.record(
        trx,
        officer,
        {
          recordTable: 'customer_values',
          recordId: valueId,
          recordType: 'usps-880/customer',
          nature: 'extract',
          purpose: 'Address check for a claim.',
          recipient: { name: 'Claims Contractor Inc.', address: '1 Claims Way, Kansas City MO 64106' },
          recipientKind: 'contractor',
          routineUse: 'standard:4',
        },
        ctx,
        at(days(47)),
      ),
    );
    expect(disclosed.disputed).toBe(true);
  });

  it('lets an agent open a request but not work it', async () => {
    const c = await customer('Desdemona Pike');
    const opened = await as(agent, (trx) => requests.open(trx, agent, request(c.id), ctx, received));
    const works: ((trx: Tx) => Promise<unknown>)[] = [
      (trx) => requests.decide(trx, agent, opened.id, { outcome: 'granted' }, ctx, received),
      (trx) => requests.verifyIdentity(trx, agent, opened.id, { method: 'document', evidence: 'x' }, ctx, received),
      (trx) => requests.accessReportFor(trx, agent, opened.id, ctx, received),
    ];
    for (const work of works) await expect(as(agent, work)).rejects.toBeInstanceOf(AccessDenied);
  });
});
