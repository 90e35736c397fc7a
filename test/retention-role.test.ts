import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../src/access/index.ts';
import type { Database } from '../src/db/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { testDatabase } from './support/database.ts';

// The retention sweep runs as caseline_retention (0037): the application role's privileges,
// row-level security bypassed, since as the system principal every policy is true anyway.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

describe('the retention role', () => {
  it('has the application role’s privileges and bypasses row-level security, which the application role does not', async () => {
    const roles = await sql<{ rolname: string; rolbypassrls: boolean; member_of_app: boolean }>`
      SELECT rolname, rolbypassrls, pg_has_role(rolname, 'caseline_app', 'USAGE') AS member_of_app
      FROM pg_roles WHERE rolname IN ('caseline_app', 'caseline_retention') ORDER BY rolname`.execute(database.db);
    expect(roles.rows).toEqual([
      { rolname: 'caseline_app', rolbypassrls: false, member_of_app: true },
      { rolname: 'caseline_retention', rolbypassrls: true, member_of_app: true },
    ]);
  });

  it('sees under a principal with no grants what the application role hides', async () => {
    const nobody = { ...systemPrincipal('test'), grants: [] };
    await withPrincipal(database.db, systemPrincipal('test'), (trx) =>
      sql`INSERT INTO data_subjects (id, kind, record_type, created_at) VALUES (gen_random_uuid(), 'person', 'usps-880/inquiry', now())`.execute(
        trx,
      ),
    );
    const count = (role: 'caseline_app' | 'caseline_retention') =>
      withPrincipal(
        database.db,
        nobody,
        async (trx) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM data_subjects`.execute(trx)).rows[0]!.n,
        role,
      );
    expect(await count('caseline_app')).toBe(0);
    expect(await count('caseline_retention')).toBe(1);
  });
});
