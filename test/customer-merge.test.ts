import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import {
  createCustomerFinder,
  createCustomerMerger,
  createCustomerService,
  type CustomerFinder,
  type CustomerMerger,
  type CustomerService,
  type NewValue,
} from '../src/modules/customers/index.ts';
import { addressAt, personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let finder: CustomerFinder;
let merger: CustomerMerger;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'merge test' };
const day = 86_400_000;
const start = new Date('2026-11-25T10:00:00Z').getTime();

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  finder = createCustomerFinder(keys.vault);
  merger = createCustomerMerger(keys.vault);
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);
const at = (days: number) => new Date(start + days * day);
const create = (input: Parameters<CustomerService['create']>[2], now = at(0), principal: Principal = system) =>
  as(principal, (trx) => customers.create(trx, principal, input, ctx, now));
const merge = (survivor: string, merged: string, now = at(1), principal: Principal = system) =>
  as(principal, (trx) => merger.merge(trx, principal, survivor, merged, ctx, now));
const unmerge = (mergeId: string, now = at(2), principal: Principal = system) =>
  as(principal, (trx) => merger.unmerge(trx, principal, mergeId, ctx, now));
const byEmail = (email: string) => as(system, async (trx) => (await finder.search(trx, system, { email }, ctx, at(3))).map((c) => c.id));

/**
 * Everything the registry holds about some customers, as it would be compared by a
 * person: values decrypted, blind-index rows by digest, links and the contact history
 * (less the entries that record merges and unmerges themselves).
 */
async function snapshot(ids: readonly string[]) {
  return as(system, async (trx) => {
    const customerRows = await trx
      .selectFrom('customers')
      .selectAll()
      .where('subject_id', 'in', [...ids])
      .orderBy('subject_id')
      .execute();
    const valueRows = await trx
      .selectFrom('customer_values')
      .selectAll()
      .where('subject_id', 'in', [...ids])
      .orderBy('id')
      .execute();
    const values = await Promise.all(
      valueRows.map(async ({ value_ct, ...row }) => ({
        ...row,
        clear: (
          await keys.vault.decryptFor(trx, row.subject_id, { table: 'customer_values', column: 'value_ct', rowId: row.id }, value_ct)
        ).toString(),
      })),
    );
    const index =
      valueRows.length === 0
        ? []
        : (
            await sql<{ kind: string; digest: string; subject_id: string; record_id: string }>`
              SELECT kind, encode(digest, 'hex') AS digest, subject_id, record_id FROM blind_index
              WHERE record_table = 'customer_values' AND record_id = ANY(${valueRows.map((v) => v.id)}::text[])
              ORDER BY record_id, kind, digest`.execute(trx)
          ).rows;
    const contacts = await trx
      .selectFrom('customer_contacts')
      .selectAll()
      .where((eb) => eb.or([eb('organisation_id', 'in', [...ids]), eb('subject_id', 'in', [...ids])]))
      .orderBy('id')
      .execute();
    const history = await trx
      .selectFrom('contact_history')
      .selectAll()
      .where('subject_id', 'in', [...ids])
      .where('kind', 'not in', ['merged', 'unmerged'])
      .orderBy('id')
      .execute();
    return { customerRows, values, index, contacts, history };
  });
}

const valueArbitrary: fc.Arbitrary<NewValue> = fc.oneof(
  fc.record({
    field: fc.constant('email' as const),
    value: fc.stringMatching(/^[a-z]{3,8}@example\.(org|com)$/),
    label: fc.constantFrom('personal', 'work', null),
    primary: fc.boolean(),
  }),
  fc.record({
    field: fc.constant('phone' as const),
    value: fc.integer({ min: 2_000_000, max: 9_999_999 }).map((n) => `(312) ${String(n).slice(0, 3)}-${String(n).slice(3)}`),
    label: fc.constantFrom('mobile', 'home', null),
    primary: fc.boolean(),
  }),
  fc.record({
    field: fc.constant('mailing_address' as const),
    value: fc.constantFrom(addressAt('20500'), addressAt('60601', '233 S Wacker Dr Ste 100')),
    label: fc.constantFrom('home', 'billing'),
  }),
  fc.record({ field: fc.constant('ssn_last4' as const), value: fc.integer({ min: 1, max: 9999 }).map((n) => String(n).padStart(4, '0')) }),
  fc.record({ field: fc.constant('preferred_contact' as const), value: fc.constantFrom('email', 'phone', 'mail') }),
  fc.record({ field: fc.constant('title' as const), value: fc.constantFrom('Dr', 'Postmaster', 'Clerk') }),
  fc.record({ field: fc.constant('account_number' as const), value: fc.stringMatching(/^[A-Z]{2}\d{6}$/) }),
);
const singleFields = new Set(['ssn_last4', 'preferred_contact']);
/** At most one value of each single-valued field, as registration requires. */
const valuesArbitrary = fc
  .array(valueArbitrary, { maxLength: 6 })
  .map((values) => values.filter((v, i) => !singleFields.has(v.field) || values.findIndex((w) => w.field === v.field) === i));

describe('merge and unmerge', () => {
  it('a merge followed by an unmerge restores the exact prior state', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(valuesArbitrary, valuesArbitrary, fc.boolean(), fc.boolean(), async (aValues, bValues, bIsContact, bRemovesOne) => {
        run++;
        const a = await create({
          kind: 'person',
          recordSource: 'agent',
          values: [{ field: 'customer_name', value: `Merge Survivor ${run}` }, ...aValues],
        });
        const b = await create({
          kind: 'person',
          recordSource: 'customer',
          values: [{ field: 'customer_name', value: `Merge Duplicate ${run}` }, ...bValues],
        });
        const org = await create({
          kind: 'organisation',
          recordSource: 'agent',
          values: [{ field: 'company_name', value: `Merge Org ${run}` }],
          ...(bIsContact ? { contacts: [{ customerId: b.id, relationship: 'billing' as const }] } : {}),
        });
        const removable = b.values.find((v) => v.field !== 'customer_name');
        if (bRemovesOne && removable) await as(system, (trx) => customers.removeValue(trx, system, b.id, removable.id, ctx, at(0.5)));
        const before = await snapshot([a.id, b.id, org.id]);

        const merged = await merge(a.id, b.id);
        const gone = await as(system, (trx) => customers.get(trx, system, b.id, { reveal: [] }, ctx, at(1)));
        expect(gone).toEqual({ mergedInto: a.id });
        const survivor = await as(system, (trx) => customers.get(trx, system, a.id, { reveal: [] }, ctx, at(1)));
        if (!('customer' in survivor)) throw new Error('survivor unreadable');
        // Every current value of the merged customer now describes the survivor, unless the survivor had its own single value.
        // …unless the survivor had its own value of a single-valued field, or the very same value.
        const survivorHas = (v: (typeof before.values)[number]) =>
          before.values.some(
            (w) =>
              w.subject_id === a.id && w.field === v.field && w.removed_at === null && (singleFields.has(v.field) || w.clear === v.clear),
          );
        const moved = before.values.filter((v) => v.subject_id === b.id && v.removed_at === null && !survivorHas(v));
        for (const value of moved) expect(survivor.customer.values.map((v) => v.id)).toContain(value.id);
        expect(survivor.customer.values.filter((v) => v.field === 'customer_name')).toHaveLength(2);
        for (const field of new Set(survivor.customer.values.map((v) => v.field)))
          expect(
            survivor.customer.values.filter((v) => v.field === field && v.primary),
            field,
          ).toHaveLength(1);
        if (bIsContact) expect(survivor.customer.contacts.map((c) => c.customerId)).toEqual([org.id]);

        await unmerge(merged.mergeId);
        expect(await snapshot([a.id, b.id, org.id])).toEqual(before);
      }),
      { numRuns: 12 },
    );
  });

  it('finds the survivor by the merged customer’s keys, and the merged one again after the undo', async () => {
    const a = await create(personInput({ name: 'Cornelius Fudge', email: 'c.fudge@example.org', phone: '617.555.0190' }));
    const b = await create(personInput({ name: 'Cornelius Fudge', email: 'cfudge.home@example.org', phone: '(617) 555-0190' }));
    const merged = await merge(a.id, b.id);
    expect(merged.moved).toMatchObject({ customer_values: 3, superseded: 2, contact_history: 1 });
    // The same name and phone are listed once; the merged e-mail joins the survivor's.
    const survivor = await as(system, (trx) => customers.get(trx, system, a.id, { reveal: [] }, ctx, at(1)));
    if (!('customer' in survivor)) throw new Error('survivor unreadable');
    expect(survivor.customer.values.map((v) => v.field).sort()).toEqual(['customer_name', 'email', 'email', 'phone']);
    expect((await as(system, (trx) => merger.mergesOf(trx, system, a.id)))[0]).toMatchObject({
      mergedId: b.id,
      mergedName: 'Cornelius Fudge',
    });
    expect(await byEmail('cfudge.home@example.org')).toEqual([a.id]);
    const duplicates = await as(system, (trx) => finder.duplicatesOf(trx, system, a.id, ctx, at(1)));
    expect(duplicates.map((d) => d.id)).not.toContain(b.id);
    await unmerge(merged.mergeId);
    expect(await byEmail('cfudge.home@example.org')).toEqual([b.id]);
    expect(await byEmail('c.fudge@example.org')).toEqual([a.id]);
  });

  it('undoes a merge whose survivor was merged in turn, taking back exactly its rows', async () => {
    const a = await create(personInput({ name: 'Chain Alpha', email: 'alpha@example.org' }));
    const b = await create(personInput({ name: 'Chain Beta', email: 'beta@example.org' }));
    const c = await create(personInput({ name: 'Chain Gamma', email: 'gamma@example.org' }));
    const cIntoB = await merge(b.id, c.id, at(1));
    await merge(a.id, b.id, at(2));
    expect(await byEmail('gamma@example.org')).toEqual([a.id]);
    await unmerge(cIntoB.mergeId, at(3));
    expect(await byEmail('gamma@example.org')).toEqual([c.id]);
    expect(await byEmail('beta@example.org')).toEqual([a.id]);
  });

  it('can be undone for 30 days, once', async () => {
    const a = await create(personInput({ name: 'Window Alpha' }));
    const b = await create(personInput({ name: 'Window Beta' }));
    const merged = await merge(a.id, b.id, at(0));
    expect(merged.undoUntil).toEqual(at(30));
    await expect(unmerge(merged.mergeId, at(30.01))).rejects.toThrow(/30 days only/);
    const c = await create(personInput({ name: 'Window Gamma' }));
    const again = await merge(a.id, c.id, at(0));
    await unmerge(again.mergeId, at(29.9));
    await expect(unmerge(again.mergeId, at(29.95))).rejects.toThrow(/already been undone/);
  });

  it('refuses merges that would mix what must stay apart', async () => {
    const person = await create(personInput({ name: 'Apart Person' }));
    const org = await create({ kind: 'organisation', recordSource: 'agent', values: [{ field: 'company_name', value: 'Apart Inc' }] });
    await expect(merge(person.id, org.id)).rejects.toThrow(/person and an organisation/);
    await expect(merge(person.id, person.id)).rejects.toThrow(/into itself/);
    const inArea = await create(personInput({ name: 'Apart Area', businessArea: 'patents' }));
    await expect(merge(person.id, inArea.id)).rejects.toThrow(/different business areas/);
    const agent = staffPrincipal({ id: crypto.randomUUID(), roles: ['agent'], areas: ['trademarks'], mfaPassed: true });
    await expect(merge(person.id, inArea.id, at(1), agent)).rejects.toThrow(/no such customer/);
  });

  it('audits the merge and its undo with both customers as subjects', async () => {
    const a = await create(personInput({ name: 'Audit Alpha' }));
    const b = await create(personInput({ name: 'Audit Beta' }));
    const merged = await merge(a.id, b.id);
    await unmerge(merged.mergeId);
    const entries = await database.db
      .selectFrom('audit_log')
      .select(['action', 'subjects', 'record_id', 'detail'])
      .where('action', 'in', ['merge', 'unmerge'])
      .where('record_id', '=', a.id)
      .orderBy('id')
      .execute();
    expect(entries.map((e) => [e.action, e.subjects])).toEqual([
      ['merge', [a.id, b.id]],
      ['unmerge', [a.id, b.id]],
    ]);
    expect(entries[0]!.detail).toMatchObject({ merge_id: merged.mergeId, customer_values: 1 });
  });
});
