import { sql, type InsertResult, type OperationNodeSource } from 'kysely';
import type { Tx } from './with-principal.ts';

/** An INSERT built on a transaction but not sent yet (a Kysely insertInto(…).values(…), any table). */
export interface PendingInsert extends OperationNodeSource {
  execute(): Promise<InsertResult[]>;
}

/**
 * Sends INSERTs as one statement, one round trip instead of one each:
 *
 *   WITH w0 AS (INSERT …), w1 AS (INSERT …) INSERT …
 *
 * All of them see the same snapshot and foreign keys are checked when the statement ends,
 * so a row may refer to a row inserted by another of them; none may read what another
 * writes (row-level security policies here look at the principal's settings only). None
 * returns anything: the audit log's writer may not read it back.
 */
export async function insertTogether(trx: Tx, inserts: readonly PendingInsert[]): Promise<void> {
  if (inserts.length === 0) return;
  const last = inserts.at(-1)!;
  if (inserts.length === 1) {
    await last.execute();
    return;
  }
  const ctes = inserts.slice(0, -1).map((insert, i) => sql`${sql.id(`w${i}`)} AS (${insert})`);
  await sql`WITH ${sql.join(ctes)} ${last}`.execute(trx);
}
