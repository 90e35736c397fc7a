import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/support/database.ts';
import { staffPrincipal, systemPrincipal } from '../access/index.ts';
import type { Database } from './index.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await sql`CREATE TABLE group_commit_probe (id text PRIMARY KEY, principal_id text NOT NULL, txid bigint NOT NULL)`.execute(database.db);
  await sql`GRANT SELECT, INSERT ON group_commit_probe TO caseline_app`.execute(database.db);
});
afterAll(async () => {
  await database.close();
});

const agent = (n: number) =>
  staffPrincipal({ id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, roles: ['agent'], areas: [], mfaPassed: true });

/** A unit that reads its principal, waits for a round trip, writes a row, and reads its principal again. */
const probe = (n: number) =>
  database.groupCommit(agent(n), async (trx) => {
    const before = await sql<{ id: string }>`SELECT current_setting('caseline.principal_id') AS id`.execute(trx);
    await sql`SELECT pg_sleep(0.001)`.execute(trx);
    await sql`INSERT INTO group_commit_probe VALUES (${`row-${n}`}, current_setting('caseline.principal_id'), txid_current())`.execute(trx);
    const after = await sql<{
      id: string;
      role: string;
    }>`SELECT current_setting('caseline.principal_id') AS id, current_user AS role`.execute(trx);
    return { before: before.rows[0]!.id, after: after.rows[0]!.id, role: after.rows[0]!.role };
  });

const stored = async () =>
  (await sql<{ id: string; principal_id: string; txid: string }>`SELECT * FROM group_commit_probe ORDER BY id`.execute(database.db)).rows;

describe('group commit', () => {
  it('gives each of many concurrent units its own principal, in every statement, under the application role', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, (_, n) => probe(n)));
    answers.forEach((answer, n) => {
      expect(answer).toEqual({ before: agent(n).id, after: agent(n).id, role: 'caseline_app' });
    });
    const rows = await stored();
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(row.principal_id).toBe(agent(Number(row.id.slice(4))).id);
    // On the server, units that arrived together committed together.
    const transactions = new Set(rows.map((row) => row.txid)).size;
    if (database.kind === 'postgres') expect(transactions).toBeLessThan(40);
    else expect(transactions).toBe(40);
  });

  it('lets a unit that throws fail alone: the others of its group still commit, its own writes do not', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        database.groupCommit(agent(100 + i), async (trx) => {
          await sql`INSERT INTO group_commit_probe VALUES (${`thrower-${i}`}, 'x', txid_current())`.execute(trx);
          if (i === 5) throw new Error('unit 5 refuses');
          return i;
        }),
      ),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual([
      0,
      1,
      2,
      3,
      4,
      'unit 5 refuses',
      6,
      7,
      8,
      9,
      10,
      11,
    ]);
    const ids = (await stored()).map((row) => row.id).filter((id) => id.startsWith('thrower-'));
    expect(ids.sort()).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11].map((i) => `thrower-${i}`).sort());
  });

  it("reports a statement's error to its own unit only", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        database.groupCommit(systemPrincipal('group-commit-test'), (trx) =>
          // Unit 7 writes a key that is already stored.
          sql`INSERT INTO group_commit_probe VALUES (${i === 7 ? 'row-0' : `dup-${i}`}, 'x', txid_current())`.execute(trx),
        ),
      ),
    );
    const failed = outcomes.flatMap((o, i) => (o.status === 'rejected' ? [[i, (o.reason as Error).message]] : []));
    expect(failed).toEqual([[7, expect.stringMatching(/duplicate key value violates unique constraint/)]]);
    const ids = (await stored()).map((row) => row.id).filter((id) => id.startsWith('dup-'));
    expect(ids).toHaveLength(11);
  });
});
