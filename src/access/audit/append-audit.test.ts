import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/database.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { appendAudit, AuditEntryError } from './append-audit.ts';
import type { AuditEntry } from './audit-entry.ts';
import { appendEntries, entryFor, testCustomer, testStaff } from './audit-fixtures.ts';
import { sealPending } from './seal-pending.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

// Read as the connection's superuser, outside row-level security: what is really stored.
const stored = (requestId: string) => database.db.selectFrom('audit_log').selectAll().where('request_id', '=', requestId).execute();
const subjectRow = (id: string) => database.db.selectFrom('data_subjects').select('id').where('id', '=', id).execute();

async function createSubjectAndAudit(entry: (staff: ReturnType<typeof testStaff>) => AuditEntry, fail = false) {
  const staff = testStaff();
  const subjectId = randomUUID();
  const logged = entry(staff);
  const run = withPrincipal(database.db, staff, async (trx) => {
    await trx.insertInto('data_subjects').values({ id: subjectId, kind: 'person', business_area: null, record_type: 'customer' }).execute();
    await appendAudit(trx, logged);
    if (fail) throw new Error('the work failed after it was logged');
  });
  return { staff, subjectId, logged, run };
}

describe('appendAudit', () => {
  it('commits the entry with the work it records', async () => {
    const { staff, subjectId, logged, run } = await createSubjectAndAudit((s) => entryFor(s, { action: 'create', actorRole: 'agent' }));
    await run;
    expect(await subjectRow(subjectId)).toHaveLength(1);
    const [row] = await stored(logged.requestId!);
    expect(row).toMatchObject({
      at: logged.at,
      actor_kind: 'staff',
      actor_id: staff.id,
      actor_role: 'agent',
      action: 'create',
      record_type: 'customer',
      record_id: logged.recordId,
      subjects: logged.subjects,
      purpose: 'case.resolution',
      client_addr: '192.0.2.10',
      outcome: 'ok',
      detail: { fields: ['email', 'phone'], count: 2 },
      chain_pos: null,
      hash: null,
    });
    expect(row!.at.getTime() % 1000).toBe(123);
  });

  it('rolls the entry back with the work', async () => {
    const { subjectId, logged, run } = await createSubjectAndAudit((s) => entryFor(s), true);
    await expect(run).rejects.toThrow('the work failed');
    expect(await subjectRow(subjectId)).toEqual([]);
    expect(await stored(logged.requestId!)).toEqual([]);
  });

  it("fails the work when the entry names an actor other than the transaction's principal", async () => {
    const { subjectId, logged, run } = await createSubjectAndAudit(() => entryFor(testStaff()));
    await expect(run).rejects.toThrow(/row-level security/);
    expect(await subjectRow(subjectId)).toEqual([]);
    expect(await stored(logged.requestId!)).toEqual([]);
  });

  it('fails the work on an entry it refuses, before anything is written', async () => {
    const cases: Partial<AuditEntry>[] = [
      { detail: { note: 'x'.repeat(201) } },
      { detail: { nested: { name: 'Jane Doe' } } as never },
      { action: 'peek' as never },
      { at: new Date('nonsense') },
      { subjects: ['not-a-uuid'] },
      { purpose: ' ' },
    ];
    for (const overrides of cases) {
      const { subjectId, run } = await createSubjectAndAudit((s) => entryFor(s, overrides));
      await expect(run).rejects.toBeInstanceOf(AuditEntryError);
      expect(await subjectRow(subjectId)).toEqual([]);
    }
  });

  it("lets a customer log their own subject but not another's", async () => {
    const customer = testCustomer();
    const own = entryFor(customer, { subjects: [customer.subjectId] });
    await withPrincipal(database.db, customer, (trx) => appendAudit(trx, own));
    expect(await stored(own.requestId!)).toMatchObject([
      { actor_kind: 'customer', actor_role: 'customer', subjects: [customer.subjectId] },
    ]);

    const other = entryFor(customer, { subjects: [customer.subjectId, randomUUID()] });
    await expect(withPrincipal(database.db, customer, (trx) => appendAudit(trx, other))).rejects.toThrow(/row-level security/);
    expect(await stored(other.requestId!)).toEqual([]);
  });

  describe('the application role', () => {
    const auditor = () => testStaff(['audit.read:any']);
    const refused = (statement: ReturnType<typeof sql>) =>
      expect(withPrincipal(database.db, auditor(), (trx) => statement.execute(trx))).rejects.toMatchObject({ code: '42501' });

    beforeAll(async () => {
      await appendEntries(database.db, 2);
      await sealPending(database.db, { batchSize: 1, now: () => new Date() });
    });

    it('cannot change an entry, sealed or not', async () => {
      await refused(sql`UPDATE audit_log SET purpose = 'changed' WHERE chain_pos IS NOT NULL`);
      await refused(sql`UPDATE audit_log SET purpose = 'changed' WHERE chain_pos IS NULL`);
      await refused(sql`UPDATE audit_log SET chain_pos = 999, hash = '\\x00' WHERE chain_pos IS NULL`);
      const changed = await database.db.selectFrom('audit_log').select('id').where('purpose', '=', 'changed').execute();
      expect(changed).toEqual([]);
    });

    it('cannot delete an entry', async () => {
      const before = await database.db.selectFrom('audit_log').select('id').execute();
      await refused(sql`DELETE FROM audit_log`);
      expect(await database.db.selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
    });

    it('cannot insert an entry that claims a place in the chain', async () => {
      const staff = testStaff();
      await expect(
        withPrincipal(database.db, staff, (trx) =>
          sql`INSERT INTO audit_log (at, actor_kind, actor_id, actor_role, action, purpose, outcome, chain_pos, prev_hash, hash, sealed_at)
              VALUES (now(), 'staff', ${staff.id}, 'agent', 'read', 'p', 'ok', 1000, '\\x00', '\\x00', now())`.execute(trx),
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
