import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { systemPrincipal } from '../access/index.ts';
import { preparedPerConnection } from './preparing-client.ts';
import { withPrincipal, type Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const principal = systemPrincipal('preparing-client-test');

// The embedded engine's statements stay unnamed (engine.ts): preparing is the server's.
describe.skipIf(!process.env.DATABASE_URL)('statements prepared per connection (PostgreSQL server; skipped on the embedded engine)', () => {
  it('prepares a parameterised statement once and runs it again by name, with the new parameters', async () => {
    const text = 'SELECT $1::int + 1 AS n';
    const answers = await withPrincipal(database.db, principal, async (trx) => {
      const out: number[] = [];
      for (const n of [1, 41]) out.push((await sql<{ n: number }>`SELECT ${n}::int + 1 AS n`.execute(trx)).rows[0]!.n);
      const prepared = await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements`.execute(trx);
      return { out, prepared: prepared.rows.map((r) => r.statement) };
    });
    expect(answers.out).toEqual([2, 42]);
    expect(answers.prepared.filter((statement) => statement === text)).toHaveLength(1);
  });

  it(`stops naming new texts past ${preparedPerConnection} on one connection, and the rest still run`, async () => {
    const result = await withPrincipal(database.db, principal, async (trx) => {
      const sums: number[] = [];
      for (let i = 0; i < preparedPerConnection + 20; i++) {
        sums.push((await sql<{ n: number }>`SELECT ${i}::int + ${sql.lit(i)} AS n`.execute(trx)).rows[0]!.n);
      }
      const prepared = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_prepared_statements`.execute(trx);
      return { sums, prepared: prepared.rows[0]!.n };
    });
    expect(result.sums.slice(-3)).toEqual([
      2 * (preparedPerConnection + 17),
      2 * (preparedPerConnection + 18),
      2 * (preparedPerConnection + 19),
    ]);
    expect(result.prepared).toBeLessThanOrEqual(preparedPerConnection);
  });
});
