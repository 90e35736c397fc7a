import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import {
  caseMover,
  caseStatuses,
  createCaseService,
  statusTransitions,
  type CaseService,
  type CaseStatus,
  type NewCase,
} from '../src/modules/cases/index.ts';
import {
  createCustomerFinder,
  createCustomerMerger,
  createCustomerService,
  type CustomerFinder,
  type CustomerMerger,
  type CustomerService,
} from '../src/modules/customers/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let cases: CaseService;
let finder: CustomerFinder;
let merger: CustomerMerger;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'case test' };
const now = new Date('2026-11-25T15:00:00Z');

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  cases = createCaseService(keys.vault);
  finder = createCustomerFinder(keys.vault, {
    case_number: (trx, n) => cases.customerOfCase(trx, n),
    article_number: (trx, n) => cases.customersByItem(trx, 'article', n),
  });
  merger = createCustomerMerger(keys.vault, [caseMover(keys.vault)]);
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);
const newCustomer = (name: string, extra: Parameters<typeof personInput>[0] = { name }) =>
  as(system, (trx) => customers.create(trx, system, personInput({ ...extra, name }), ctx, now));
const open = (input: Partial<NewCase> & { customerId?: string | null }, at = now, principal: Principal = system) =>
  as(principal, (trx) =>
    cases.open(
      trx,
      principal,
      { channel: 'email', recordType: 'usps-880/inquiry', title: 'Where is my parcel?', body: 'It has not arrived.', ...input },
      ctx,
      at,
    ),
  );
const read = async (id: string, principal: Principal = system) => {
  const result = await as(principal, (trx) => cases.get(trx, principal, id, ctx, now));
  if (!('case' in result)) throw new Error('case not readable');
  return result.case;
};
const status = (id: string, to: CaseStatus, at = now, extra: { resolutionCode?: 'answered'; resolution?: string } = {}) =>
  as(system, (trx) => cases.changeStatus(trx, system, id, { status: to, ...extra }, ctx, at));

describe('a case', () => {
  it('gets a human number, its record type’s retention, and the inquiry as its first message', async () => {
    const customer = await newCustomer('Marguerite Pettibone');
    const { case: opened } = await open({ customerId: customer.id, channel: 'phone', recordType: 'usps-880/call-center-contact' });
    expect(opened.number).toMatch(/^C-2026-\d{6}$/);
    const detail = await read(opened.id);
    expect(detail).toMatchObject({ status: 'new', channel: 'phone', customerId: customer.id, title: 'Where is my parcel?' });
    expect(detail.messages).toEqual([expect.objectContaining({ kind: 'inbound', channel: 'phone', body: 'It has not arrived.' })]);
    // Call-center records are kept 1 year from creation: due at the start of the local day after.
    expect(detail.disposeAfter).toEqual(new Date('2027-11-26T05:00:00Z'));
    const history = await as(system, (trx) => customers.history(trx, system, customer.id, ctx, now));
    expect(history.find((h) => h.kind === 'case_opened')).toMatchObject({ sourceTable: 'cases', sourceId: opened.id, channel: 'phone' });
  });

  it('from an unknown sender keeps the sender encrypted under a subject of its own', async () => {
    const { case: opened } = await open({ sender: { name: 'Anonymous Writer', email: 'writer@example.net' } });
    const detail = await read(opened.id);
    expect(detail.customerId).toBeNull();
    expect(detail.sender).toEqual({ name: 'Anonymous Writer', email: 'writer@example.net' });
    const row = await as(system, (trx) =>
      trx.selectFrom('cases').select(['subject_id', 'title_ct']).where('id', '=', opened.id).executeTakeFirstOrThrow(),
    );
    expect(row.title_ct.toString('latin1')).not.toContain('parcel');
    await expect(open({})).rejects.toThrow(/name the customer/);
  });

  it('is opened once for an e-mail delivered twice', async () => {
    const first = await open({ sender: { email: 'twice@example.org' }, messageId: '<abc-123@mail.example.org>' });
    const again = await open({ sender: { email: 'twice@example.org' }, messageId: '<ABC-123@mail.example.org> ' });
    expect(again).toEqual({ case: first.case, duplicate: true });
  });

  it('moves only along the allowed transitions, and a resolution needs a code and text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...caseStatuses), { minLength: 1, maxLength: 6 }), async (path) => {
        const { case: opened } = await open({ sender: { name: 'Path Walker' } });
        let current: CaseStatus = 'new';
        for (const next of path) {
          const extra = next === 'resolved' ? { resolutionCode: 'answered' as const, resolution: 'Told them.' } : {};
          const attempt = status(opened.id, next, now, extra);
          if (statusTransitions[current].includes(next)) {
            expect((await attempt).status).toBe(next);
            current = next;
          } else await expect(attempt).rejects.toThrow(/cannot become/);
        }
        expect((await read(opened.id)).status).toBe(current);
      }),
      { numRuns: 10 },
    );
    const { case: opened } = await open({ sender: { name: 'No Code' } });
    await expect(status(opened.id, 'resolved')).rejects.toThrow(/resolutionCode/);
  });

  it('sets its disposal date on resolution, clears it on reopening, and reopens on a new message', async () => {
    const { case: opened } = await open({ sender: { name: 'Retention Tester' } });
    expect((await read(opened.id)).disposeAfter).toBeNull();
    await status(opened.id, 'resolved', now, { resolutionCode: 'answered', resolution: 'Parcel found.' });
    const resolved = await read(opened.id);
    // Other inquiries: 2 years after resolution.
    expect(resolved).toMatchObject({
      resolutionCode: 'answered',
      resolution: 'Parcel found.',
      disposeAfter: new Date('2028-11-26T05:00:00Z'),
    });
    const later = new Date('2026-12-01T15:00:00Z');
    const received = await as(system, (trx) =>
      cases.receive(trx, system, opened.id, { channel: 'email', from: null, body: 'It came back!' }, ctx, later),
    );
    expect(received.case.status).toBe('reopened');
    expect((await read(opened.id)).disposeAfter).toBeNull();
  });

  it('gets a follow-up case when a closed one is written to again', async () => {
    const { case: opened } = await open({ sender: { name: 'Closed Writer' } });
    await status(opened.id, 'closed');
    const followUp = await as(system, (trx) =>
      cases.receive(trx, system, opened.id, { channel: 'letter', from: { name: 'Closed Writer' }, body: 'Again.' }, ctx, now),
    );
    expect(followUp.case.id).not.toBe(opened.id);
    expect((await read(followUp.case.id)).events[0]).toMatchObject({
      kind: 'created',
      detail: expect.objectContaining({ follow_up_of: opened.id }),
    });
  });

  it('records replies (the first is the first response), notes and assignment in its history', async () => {
    const { case: opened } = await open({ sender: { name: 'History Reader', email: 'reader@example.org' } });
    await as(system, (trx) => cases.reply(trx, system, opened.id, { to: ['reader@example.org'], body: 'We are looking.' }, ctx, now));
    await as(system, (trx) => cases.addNote(trx, system, opened.id, 'Called the depot.', ctx, now));
    const detail = await read(opened.id);
    expect(detail.firstResponseAt).toEqual(now);
    expect(detail.status).toBe('open');
    expect(detail.messages.map((m) => m.kind)).toEqual(['inbound', 'outbound', 'note']);
    expect(detail.events.map((e) => e.kind)).toEqual(['created', 'reply', 'note']);
    expect(JSON.stringify(detail.events)).not.toMatch(/reader|depot|looking/);
  });
});

describe('finding customers through their cases', () => {
  it('finds the customer by case number and by an article number linked to the case', async () => {
    const customer = await newCustomer('Ottilie Featherstone');
    const { case: opened } = await open({ customerId: customer.id });
    await as(system, (trx) => cases.link(trx, system, opened.id, 'article', '9400 1000 0000 0000 0000 00', ctx, now));
    const lookup = (q: string) =>
      as(system, async (trx) => (await finder.lookup(trx, system, q, ctx, now)).results.map((r) => r.customer.id));
    expect(await lookup(opened.number)).toEqual([customer.id]);
    expect(await lookup('9400100000000000000000')).toEqual([customer.id]);
    const openCases = await as(system, (trx) => cases.openCasesOf(trx, system, [customer.id], ctx, now));
    expect(openCases.map((c) => c.id)).toEqual([opened.id]);
  });
});

describe('need to know', () => {
  it('hides an area’s cases from staff of another area, and refuses to open one there', async () => {
    const inArea = staffPrincipal({ id: crypto.randomUUID(), roles: ['agent'], areas: ['patents'], mfaPassed: true });
    const outside = staffPrincipal({ id: crypto.randomUUID(), roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
    const { case: opened } = await open({ sender: { name: 'Inventor' }, businessArea: 'patents' }, now, inArea);
    expect(await as(outside, (trx) => cases.get(trx, outside, opened.id, ctx, now))).toEqual({ refused: 'not_found' });
    expect(await as(outside, (trx) => cases.list(trx, outside, { limit: 100 }, ctx, now))).not.toContainEqual(
      expect.objectContaining({ id: opened.id }),
    );
    await expect(open({ sender: { name: 'Inventor' }, businessArea: 'patents' }, now, outside)).rejects.toThrow();
    const rows = await as(outside, (trx) => trx.selectFrom('case_messages').select('id').where('case_id', '=', opened.id).execute());
    expect(rows).toEqual([]);
  });
});

describe('merging customers', () => {
  it('moves their cases to the survivor, readable under its key, and back on undo', async () => {
    const a = await newCustomer('Merge Keeper');
    const b = await newCustomer('Merge Leaver');
    const { case: bCase } = await open({ customerId: b.id, title: 'Leaver’s parcel', body: 'Lost near the depot.' });
    await as(system, (trx) => cases.link(trx, system, bCase.id, 'article', 'LZ123456789US', ctx, now));
    const merged = await as(system, (trx) => merger.merge(trx, system, a.id, b.id, ctx, now));
    expect(merged.moved).toMatchObject({ cases: 1 });
    const moved = await read(bCase.id);
    expect(moved).toMatchObject({
      customerId: a.id,
      title: 'Leaver’s parcel',
      links: [expect.objectContaining({ number: 'LZ123456789US' })],
    });
    expect(await as(system, (trx) => cases.customersByItem(trx, 'article', 'LZ123456789US'))).toEqual([a.id]);
    await as(system, (trx) => merger.unmerge(trx, system, merged.mergeId, ctx, now));
    expect(await read(bCase.id)).toMatchObject({ customerId: b.id, title: 'Leaver’s parcel' });
    expect(await as(system, (trx) => cases.customersByItem(trx, 'article', 'LZ123456789US'))).toEqual([b.id]);
  });
});
