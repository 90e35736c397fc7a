import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, customerPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../src/db/index.ts';
import { createCustomerService } from '../src/modules/customers/index.ts';
import { addressAt, personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// Seed 004: a customer must never see another's data. Here the database itself enforces it,
// whatever SQL the application sends: raw SELECT * on every foundation table returns only
// the principal's own rows, and writes to another customer's rows are refused.
let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let alice: string;
let bob: string;
const ctx = { requestId: null, clientAddr: null, purpose: 'isolation test' };

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  const customers = createCustomerService(keys.vault);
  const system = systemPrincipal('test');
  [alice, bob] = await withPrincipal(database.db, system, async (trx) => {
    const a = await customers.create(
      trx,
      system,
      personInput({
        name: 'Alice Example',
        email: 'alice@example.com',
        phone: '202-555-0101',
        address: addressAt('20260'),
        ssnLast4: '1234',
      }),
      ctx,
      new Date(),
    );
    const b = await customers.create(
      trx,
      system,
      personInput({ name: 'Bob Example', email: 'bob@example.com', phone: '202-555-0102', address: addressAt('20260'), ssnLast4: '5678' }),
      ctx,
      new Date(),
    );
    return [a.id, b.id];
  });
  for (const subject of [alice, bob]) {
    const p = customerPrincipal(subject);
    await withPrincipal(database.db, p, (trx) =>
      appendAudit(trx, {
        at: new Date(),
        actor: p,
        action: 'read',
        recordType: 'usps-880/customer',
        recordId: subject,
        subjects: [subject],
        purpose: 'portal',
        outcome: 'ok',
      }),
    );
  }
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const asAlice = <T>(fn: (trx: Tx) => Promise<T>) => withPrincipal(database.db, customerPrincipal(alice), fn);
const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: '42501' });

async function rawSelect(trx: Tx, table: string): Promise<Record<string, unknown>[]> {
  return (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(trx)).rows;
}

describe('a customer principal, by row-level security', () => {
  it.each([
    ['data_subjects', 'id'],
    ['subject_keys', 'subject_id'],
    ['blind_index', 'subject_id'],
    ['customers', 'subject_id'],
    ['customer_values', 'subject_id'],
    ['contact_history', 'subject_id'],
  ])('sees only its own rows of %s with a raw SELECT *', async (table, column) => {
    const rows = await asAlice((trx) => rawSelect(trx, table));
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[column]))).toEqual(new Set([alice]));
    const all = await withPrincipal(database.db, systemPrincipal('test'), (trx) => rawSelect(trx, table));
    expect(all.some((r) => r[column] === bob)).toBe(true);
  });

  it('sees only audit entries about itself alone', async () => {
    const rows = await asAlice((trx) => rawSelect(trx, 'audit_log'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.subjects).toEqual([alice]);
  });

  it('cannot insert rows for another subject', async () => {
    await refused(
      asAlice((trx) =>
        trx
          .insertInto('data_subjects')
          .values({ id: crypto.randomUUID(), kind: 'person', business_area: null, record_type: 'x' })
          .execute(),
      ),
    );
    await refused(
      asAlice((trx) =>
        trx
          .insertInto('subject_keys')
          .values({ subject_id: bob, business_area: null, master_key_id: 'x', wrapped_key: Buffer.alloc(40) })
          .execute(),
      ),
    );
    await refused(
      asAlice((trx) =>
        trx
          .insertInto('blind_index')
          .values({
            kind: 'email',
            digest: Buffer.alloc(32),
            subject_id: bob,
            business_area: null,
            record_table: 'customers',
            record_id: bob,
          })
          .execute(),
      ),
    );
    const p: Principal = customerPrincipal(alice);
    await refused(
      withPrincipal(database.db, p, (trx) =>
        appendAudit(trx, { at: new Date(), actor: p, action: 'read', subjects: [bob], purpose: 'forged', outcome: 'ok' }),
      ),
    );
  });

  it('cannot update or delete another subject’s rows, nor move its own to another subject', async () => {
    const changed = await asAlice(async (trx) => [
      (await trx.updateTable('data_subjects').set({ record_type: 'stolen' }).where('id', '=', bob).executeTakeFirst()).numUpdatedRows,
      (
        await trx
          .updateTable('subject_keys')
          .set({ wrapped_key: Buffer.alloc(40) })
          .where('subject_id', '=', bob)
          .executeTakeFirst()
      ).numUpdatedRows,
      (
        await trx
          .updateTable('customer_values')
          .set({ value_ct: Buffer.alloc(40) })
          .where('subject_id', '=', bob)
          .executeTakeFirst()
      ).numUpdatedRows,
      (await trx.deleteFrom('customers').where('subject_id', '=', bob).executeTakeFirst()).numDeletedRows,
    ]);
    expect(changed).toEqual([0n, 0n, 0n, 0n]);
    await refused(asAlice((trx) => trx.updateTable('blind_index').set({ subject_id: bob }).where('subject_id', '=', alice).execute()));
    const bobRow = await withPrincipal(database.db, systemPrincipal('test'), (trx) =>
      trx.selectFrom('data_subjects').select('record_type').where('id', '=', bob).executeTakeFirstOrThrow(),
    );
    expect(bobRow.record_type).toBe('usps-880/customer');
  });

  it('cannot decrypt another subject’s data even with its ciphertext in hand', async () => {
    const bobName = await withPrincipal(database.db, systemPrincipal('test'), (trx) =>
      trx
        .selectFrom('customer_values')
        .select(['id', 'value_ct'])
        .where('subject_id', '=', bob)
        .where('field', '=', 'customer_name')
        .executeTakeFirstOrThrow(),
    );
    await expect(
      asAlice((trx) =>
        keys.vault.decryptFor(trx, bob, { table: 'customer_values', column: 'value_ct', rowId: bobName.id }, bobName.value_ct),
      ),
    ).rejects.toThrow(/no data key/);
  });
});
