import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { loadMigrations, migrate, migrationStatus, withPrincipal, type Database, type Principal } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const customer = (subjectId: string): Principal => ({
  kind: 'customer',
  id: `customer:${subjectId}`,
  subjectId,
  grants: ['record.read:own', 'record.update:own', 'record.create:own'],
});

describe('migrations', () => {
  it('are numbered without gaps and all applied to the template', async () => {
    const migrations = await loadMigrations();
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    const status = await migrationStatus(database.db);
    expect(status.pending).toEqual([]);
    expect(status.applied).toHaveLength(migrations.length);
  });

  it('re-running migrate applies nothing', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });
});

describe('withPrincipal', () => {
  it('runs as a role that is neither superuser nor owner', async () => {
    const row = await withPrincipal(database.db, customer(randomUUID()), async (trx) => {
      const r = await sql<{ role: string; superuser: boolean }>`
        SELECT current_user AS role, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`.execute(trx);
      return r.rows[0]!;
    });
    expect(row).toEqual({ role: 'caseline_app', superuser: false });
  });

  it('rolls the whole unit back when the function throws', async () => {
    const id = randomUUID();
    const system: Principal = { kind: 'system', id: 'system:test', grants: ['record.create:any', 'record.read:any'] };
    await expect(
      withPrincipal(database.db, system, async (trx) => {
        await trx.insertInto('data_subjects').values({ id, kind: 'person', business_area: null, record_type: 't' }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await withPrincipal(database.db, system, (trx) =>
      trx.selectFrom('data_subjects').select('id').where('id', '=', id).execute(),
    );
    expect(rows).toEqual([]);
  });
});

describe('landed migrations', () => {
  it('refuse to run on a database where an applied migration was edited', async () => {
    const copy = await testDatabase();
    try {
      await sql`UPDATE public.schema_migrations SET checksum = 'edited' WHERE version = 1`.execute(copy.db);
      await expect(migrationStatus(copy.db)).rejects.toThrow(/0*1_db_principal was edited after it was applied/);
      await expect(migrate(copy.db)).rejects.toThrow(/edited after it was applied/);
    } finally {
      await copy.close();
    }
  });
});
