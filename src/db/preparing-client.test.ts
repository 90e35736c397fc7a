import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { systemPrincipal } from '../access/index.ts';
import { noWait, preparedPerConnection, PreparingClient } from './preparing-client.ts';
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

  it('reports the error of a statement not waited for as the error of the next one, not as "transaction aborted"', async () => {
    const run = withPrincipal(database.db, principal, async (trx) => {
      await sql`${sql.raw(noWait)} SELECT 1 / ${0}::int`.execute(trx);
      return sql`SELECT 1 AS n`.execute(trx);
    });
    await expect(run).rejects.toThrow(/division by zero/);
  });

  it('fails the commit when the last statement before it was not waited for and failed', async () => {
    const run = withPrincipal(database.db, principal, async (trx) => {
      await sql`${sql.raw(noWait)} SELECT 1 / ${0}::int`.execute(trx);
    });
    await expect(run).rejects.toThrow(/division by zero/);
    // The connection went back to the pool usable.
    const after = await withPrincipal(database.db, principal, (trx) => sql<{ n: number }>`SELECT 41 + 1 AS n`.execute(trx));
    expect(after.rows[0]!.n).toBe(42);
  });

  it('sends begin, the settings and the first read in one socket write', async () => {
    // Typed as the base class: the override's own signature is the untyped one it forwards.
    const client: pg.Client = new PreparingClient({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    try {
      const stream = client.connection.stream as unknown as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
      let writes = 0;
      for (const method of ['_write', '_writev'] as const) {
        const original = stream[method].bind(stream);
        stream[method] = (...a: unknown[]) => {
          writes++;
          original(...a);
        };
      }
      void client.query('begin');
      void client.query(`${noWait} SELECT set_config('application_name', $1, true)`, ['pipelined']);
      const answer = await client.query('SELECT current_setting($1) AS name', ['application_name']);
      expect(answer.rows[0].name).toBe('pipelined');
      expect(writes).toBe(1);
      await client.query('commit');
      expect(writes).toBe(2);
    } finally {
      await client.end();
    }
  });
});
