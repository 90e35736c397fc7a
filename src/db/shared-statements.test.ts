import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import type { Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

describe.skipIf(!process.env.DATABASE_URL)(
  'statements shared by concurrent callers (PostgreSQL server; skipped on the embedded engine)',
  () => {
    it('runs concurrent statements on one connection, each its own transaction, each with its own answer or error', async () => {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          sql<{
            pid: number;
            tx: string;
            n: number;
          }>`SELECT pg_backend_pid() AS pid, txid_current()::text AS tx, 100 / ${i === 13 ? 0 : i + 1}::int AS n`.execute(
            database.statements,
          ),
        ),
      );
      const answers = outcomes.map((o) => (o.status === 'fulfilled' ? o.value.rows[0]! : (o.reason as Error).message));
      expect(answers[13]).toMatch(/division by zero/);
      const rows = answers.filter((a) => typeof a !== 'string');
      expect(rows.map((r) => r.n)).toEqual(
        Array.from({ length: 20 }, (_, i) => i)
          .filter((i) => i !== 13)
          .map((i) => Math.trunc(100 / (i + 1))),
      );
      expect(new Set(rows.map((r) => r.pid)).size).toBe(1);
      expect(new Set(rows.map((r) => r.tx)).size).toBe(19);
    });

    it('refuses to start a transaction', async () => {
      await expect(database.statements.transaction().execute(async () => 1)).rejects.toThrow(/single statements only/);
    });
  },
);
