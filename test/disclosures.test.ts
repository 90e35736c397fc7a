import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, customerPrincipal, staffPrincipal, systemPrincipal, upsertBusinessArea } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import { caseMover, createCaseService, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerMerger, createCustomerService, type CustomerService } from '../src/modules/customers/index.ts';
import {
  createDisclosureService,
  disclosureMover,
  DisclosureSubjectNotFound,
  InvalidDisclosureField,
  type DisclosureService,
  type NewDisclosure,
} from '../src/modules/privacy/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let cases: CaseService;
let disclosures: DisclosureService;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'disclosure test' };
const now = new Date('2026-11-25T15:00:00Z');
const agentId = '00000000-0000-4000-8000-0000000000a1';
const agent = staffPrincipal({ id: agentId, roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
const outsider = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000b2', roles: ['agent'], areas: ['patents'], mfaPassed: true });
const privacyOffice = staffPrincipal({
  id: '00000000-0000-4000-8000-0000000000c3',
  roles: ['privacy_officer'],
  areas: [],
  mfaPassed: true,
});

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  cases = createCaseService(keys.vault);
  disclosures = createDisclosureService(keys.vault);
  for (const id of ['trademarks', 'patents'])
    await as(system, (trx) => upsertBusinessArea(trx, system, { id, name: id, description: '' }, ctx, now));
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

/** A customer of the trademarks area with one case of theirs. */
async function customerWithCase(name: string) {
  const customer = await as(system, (trx) =>
    customers.create(trx, system, personInput({ name, phone: '(718) 555-0134', businessArea: 'trademarks' }), ctx, now),
  );
  const opened = await as(agent, (trx) =>
    cases.open(
      trx,
      agent,
      {
        customerId: customer.id,
        channel: 'phone',
        recordType: 'usps-880/inquiry',
        title: 'Claim for a damaged parcel',
        body: 'Box crushed.',
      },
      ctx,
      now,
    ),
  );
  return { customerId: customer.id, caseId: opened.case.id };
}

const toContractor = (caseId: string, extra: Partial<NewDisclosure> = {}): NewDisclosure => ({
  recordTable: 'cases',
  recordId: caseId,
  nature: 'copy',
  purpose: 'Claim file sent to the claims adjustment contractor.',
  recipient: { name: 'Ignatius Wolfenden-Crabtree', address: 'Crabtree Adjusters, 12 Orchard Row, Dayton OH 45402' },
  recipientKind: 'contractor',
  routineUse: 'standard:4',
  ...extra,
});

const toPolice = (caseId: string): NewDisclosure => ({
  recordTable: 'cases',
  recordId: caseId,
  nature: 'extract',
  purpose: 'Postal Inspection Service request about a mail theft ring.',
  recipient: { name: 'Detective Rosamund Quiller', address: 'Metropolitan Police, 300 Indiana Ave NW, Washington DC 20001' },
  recipientKind: 'law_enforcement',
  routineUse: '880.000:2',
});

const enter = (input: NewDisclosure, principal: Principal = agent, at = now) =>
  as(principal, (trx) => disclosures.record(trx, principal, input, ctx, at));
const list = (subjectId: string, forSubject: boolean, principal: Principal = privacyOffice) =>
  as(principal, (trx) => disclosures.listForSubject(trx, principal, subjectId, { forSubject }, ctx, now));
const counts = () =>
  as(system, async (trx) => ({
    disclosures: (await trx.selectFrom('disclosures').select('id').execute()).length,
    audit: (await trx.selectFrom('audit_log').select('id').where('action', '=', 'disclose').execute()).length,
  }));

async function refusal(promise: Promise<unknown>): Promise<InvalidDisclosureField> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidDisclosureField);
  return error as InvalidDisclosureField;
}

describe('entering a disclosure', () => {
  it('records a case sent to a contractor, its routine use checked against 880.000, with a disclose audit entry', async () => {
    const { customerId, caseId } = await customerWithCase('Philippa Oddingsell');
    const entered = await enter(toContractor(caseId));
    expect(entered).toMatchObject({
      subjectId: customerId,
      businessArea: 'trademarks',
      recordTable: 'cases',
      recordId: caseId,
      recordType: 'usps-880/inquiry',
      disclosedAt: now,
      nature: 'copy',
      purpose: 'Claim file sent to the claims adjustment contractor.',
      recipient: { name: 'Ignatius Wolfenden-Crabtree', address: 'Crabtree Adjusters, 12 Orchard Row, Dayton OH 45402' },
      recipientKind: 'contractor',
      routineUse: 'standard:4',
      lawEnforcementRequest: false,
      enteredBy: `staff:${agentId}`,
      enteredAt: now,
    });
    // 552a(c)(2): at least five years after the disclosure.
    const fiveYears = new Date(now);
    fiveYears.setUTCFullYear(now.getUTCFullYear() + 5);
    expect(entered.disposeAfter.getTime()).toBeGreaterThanOrEqual(fiveYears.getTime());
    expect(entered.disposeAfter.getTime() - fiveYears.getTime()).toBeLessThan(2 * 86_400_000);

    const audit = await as(system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['action', 'actor_id', 'record_type', 'record_id', 'subjects', 'detail'])
        .where('action', '=', 'disclose')
        .where('record_id', '=', caseId)
        .execute(),
    );
    expect(audit).toEqual([
      {
        action: 'disclose',
        actor_id: agentId,
        record_type: 'usps-880/inquiry',
        record_id: caseId,
        subjects: [customerId],
        detail: {
          disclosure_id: entered.id,
          record_table: 'cases',
          routine_use: 'standard:4',
          nature: 'copy',
          recipient_kind: 'contractor',
          law_enforcement_request: false,
          disputed: false,
        },
      },
    ]);
    expect(await list(customerId, false)).toEqual([entered]);
  });

  it('accepts a notice’s own citation of a routine use and a customer record, whose record type must be named', async () => {
    const { customerId } = await customerWithCase('Barnabas Quillfeather');
    const bare = { ...toContractor(customerId), recordTable: 'customers', routineUse: 'USPS 880.000:3' };
    expect((await refusal(enter(bare))).field).toBe('recordType');
    expect((await refusal(enter({ ...bare, recordType: 'usps-890/ach' }))).field).toBe('recordType');
    const entered = await enter({ ...bare, recordType: 'usps-880/customer', recipientKind: 'congress', nature: 'summary' });
    expect(entered).toMatchObject({ recordTable: 'customers', recordId: customerId, routineUse: '880.000:3', subjectId: customerId });
  });

  it('keeps the recipient and the purpose out of the audit log and encrypted in the row (canary)', async () => {
    const { customerId, caseId } = await customerWithCase('Clementine Harrowgate');
    const canary = 'Zebulon Featherstonehaugh-Quimby';
    const entered = await enter({
      ...toContractor(caseId),
      recipient: { name: canary, address: '77 Canary Wharf Lane, Boise ID 83702' },
      purpose: `Forwarded to ${canary} for the claim.`,
    });
    const auditRows = await as(system, (trx) => trx.selectFrom('audit_log').selectAll().execute());
    const auditText = JSON.stringify(auditRows, (_key, value: unknown) =>
      value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer'
        ? Buffer.from((value as { data: number[] }).data).toString('latin1')
        : value,
    );
    expect(auditText).toContain(entered.id);
    expect(auditText).not.toContain('Featherstonehaugh');
    expect(auditText).not.toContain('Canary Wharf');
    const row = await as(system, (trx) => trx.selectFrom('disclosures').selectAll().where('id', '=', entered.id).executeTakeFirstOrThrow());
    for (const value of Object.values(row)) {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value instanceof Date ? value.toISOString() : String(value));
      expect(bytes.includes('Featherstonehaugh')).toBe(false);
      expect(bytes.includes('Canary Wharf')).toBe(false);
    }
    expect((await list(customerId, false))[0]!.recipient.name).toBe(canary);
  });
});

describe('the subject’s view', () => {
  it('leaves law-enforcement requests out for the subject but shows them to the privacy office', async () => {
    const { customerId, caseId } = await customerWithCase('Desmond Fairweather');
    const contractor = await enter(toContractor(caseId), agent, new Date(now.getTime() - 3_600_000));
    const police = await enter(toPolice(caseId), privacyOffice);
    expect(police).toMatchObject({ lawEnforcementRequest: true, routineUse: '880.000:2', enteredBy: `staff:${privacyOffice.id}` });

    expect((await list(customerId, false)).map((d) => d.id)).toEqual([police.id, contractor.id]);
    expect((await list(customerId, true)).map((d) => d.id)).toEqual([contractor.id]);
    // A customer is always given the subject's view, whatever they ask for…
    const customer = customerPrincipal(customerId);
    expect((await list(customerId, false, customer)).map((d) => d.id)).toEqual([contractor.id]);
    // …and row-level security hides the entry from them even to a query that forgets to.
    const raw = await as(customer, (trx) => trx.selectFrom('disclosures').select('id').where('subject_id', '=', customerId).execute());
    expect(raw.map((r) => r.id)).toEqual([contractor.id]);

    const recipients = await as(privacyOffice, (trx) => disclosures.recipientsOf(trx, privacyOffice, 'cases', caseId, ctx, now));
    expect(recipients.map((r) => [r.disclosureId, r.recipient.name, r.lawEnforcementRequest])).toEqual([
      [contractor.id, 'Ignatius Wolfenden-Crabtree', false],
      [police.id, 'Detective Rosamund Quiller', true],
    ]);
    const searches = await as(system, (trx) =>
      trx.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'search').where('record_id', '=', caseId).execute(),
    );
    expect(searches).toEqual([{ action: 'search', detail: { record_table: 'cases', recipients: 2 } }]);
  });

  it('does not list the accounting of a subject the reader may not see', async () => {
    const { customerId } = await customerWithCase('Euphemia Blackwood');
    await expect(list(customerId, false, outsider)).rejects.toBeInstanceOf(DisclosureSubjectNotFound);
    await expect(list(customerId, false, customerPrincipal('00000000-0000-4000-8000-00000000dead'))).rejects.toBeInstanceOf(
      DisclosureSubjectNotFound,
    );
  });
});

describe('refusals', () => {
  it('refuses a routine use the record’s notice does not have, naming the field, and writes nothing', async () => {
    const { caseId } = await customerWithCase('Fenella Marchbanks');
    const before = await counts();
    for (const routineUse of ['standard:8', '880.000:9', '890.000:1', 'PAT-TM-20:12', 'standard:0', 'three', '']) {
      const error = await refusal(enter(toContractor(caseId, { routineUse })));
      expect(error.field, routineUse).toBe('routineUse');
      expect(error.message).not.toContain('Wolfenden');
    }
    expect(await counts()).toEqual(before);
  });

  it('names each bad field', async () => {
    const { caseId } = await customerWithCase('Gideon Ashcombe');
    const cases: [Partial<NewDisclosure>, string][] = [
      [{ recordTable: 'audit_log' }, 'recordTable'],
      [{ recordTable: 'disclosures' }, 'recordTable'],
      [{ recordId: 'not-a-uuid' }, 'recordId'],
      [{ recordId: '00000000-0000-4000-8000-00000000dead' }, 'recordId'],
      [{ recordType: 'usps-880/customer' }, 'recordType'],
      [{ recordType: 'no/such-type' }, 'recordType'],
      [{ nature: 'fax' as never }, 'nature'],
      [{ purpose: '   ' }, 'purpose'],
      [{ recipient: { name: '', address: 'somewhere' } }, 'recipient/name'],
      [{ recipient: { name: 'Someone', address: 'x'.repeat(1001) } }, 'recipient/address'],
      [{ recipientKind: 'friend' as never }, 'recipientKind'],
      [{ lawEnforcementRequest: true }, 'lawEnforcementRequest'],
      [{ disclosedAt: new Date(now.getTime() + 86_400_000) }, 'disclosedAt'],
    ];
    const before = await counts();
    for (const [change, field] of cases) expect((await refusal(enter(toContractor(caseId, change)))).field, field).toBe(field);
    expect(await counts()).toEqual(before);
  });

  it('requires record.read on the record, and staff to enter it', async () => {
    const { customerId, caseId } = await customerWithCase('Hortensia Pellew');
    expect((await refusal(enter(toContractor(caseId), outsider))).field).toBe('recordId');
    await expect(enter(toContractor(caseId), customerPrincipal(customerId))).rejects.toBeInstanceOf(AccessDenied);
  });
});

describe('routine uses', () => {
  it('lists the catalog’s routine uses by number, all or those of one record type’s notice', () => {
    const all = disclosures.routineUses();
    expect(all.map((u) => u.reference)).toEqual(expect.arrayContaining(['880.000:1', '880.000:11', 'PAT-TM-20:12', '890.000:10']));
    const ofCase = disclosures.routineUses('usps-880/inquiry');
    expect(ofCase.map((u) => u.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 10, 11]);
    expect(ofCase[3]).toMatchObject({
      reference: '880.000:4',
      standardReference: 'standard:4',
      designation: 'USPS 880.000',
      noticeText: 'Standard routine uses 1. through 7., 10., and 11. apply.',
    });
    expect(() => disclosures.routineUses('no/such-type')).toThrow(InvalidDisclosureField);
  });
});

describe('a customer merge', () => {
  it('moves the merged customer’s accounting to the survivor, re-encrypted, and back on an unmerge', async () => {
    const merger = createCustomerMerger(keys.vault, [caseMover(keys.vault), disclosureMover(keys.vault)]);
    const survivor = await customerWithCase('Imogen Tregarthen');
    const merged = await customerWithCase('Imogen Tregarthen-Vosper');
    const entered = await enter(toContractor(merged.caseId));
    const result = await as(system, (trx) => merger.merge(trx, system, survivor.customerId, merged.customerId, ctx, now));
    expect(result.moved).toMatchObject({ disclosures: 1 });
    const afterMerge = await list(survivor.customerId, false);
    expect(afterMerge.map((d) => [d.id, d.subjectId, d.recordId, d.recipient.name])).toEqual([
      [entered.id, survivor.customerId, merged.caseId, 'Ignatius Wolfenden-Crabtree'],
    ]);
    await as(system, (trx) => merger.unmerge(trx, system, result.mergeId, ctx, now));
    expect((await list(merged.customerId, false)).map((d) => [d.id, d.purpose])).toEqual([[entered.id, entered.purpose]]);
    expect(await list(survivor.customerId, false)).toEqual([]);
  });
});
