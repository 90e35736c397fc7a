import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './engine.ts';
import { settingsStatement, type Principal } from './principal.ts';

/** One transaction on a bulk connection, as a principal: row-level security applies as in withPrincipal. */
export interface BulkSession {
  /** Whether COPY … FROM STDIN works here (the PostgreSQL server); elsewhere load with multi-row INSERTs. */
  readonly canCopy: boolean;
  query<R extends object = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<{ rows: R[]; rowCount: number }>;
  /** Runs `statement` (a COPY … FROM STDIN) with `data` as its input, streamed as it is produced. */
  copyIn(statement: string, data: Iterable<string> | AsyncIterable<string>): Promise<void>;
}

/**
 * Runs `work` in one transaction on a bulk connection as `principal`: a feed's millions of rows
 * go in by COPY, which the server pool's pipelined connections cannot carry. Everything
 * commits or nothing does.
 */
export async function withBulkSession<T>(database: Database, principal: Principal, work: (session: BulkSession) => Promise<T>): Promise<T> {
  const { client, canCopy } = await database.connectBulk();
  let broken = false;
  try {
    const settings = settingsStatement(principal, 'caseline_app');
    await client.query('BEGIN');
    await client.query(settings.text, settings.values);
    const session: BulkSession = {
      canCopy,
      async query<R extends object>(text: string, values: readonly unknown[] = []) {
        const result = await client.query(text, [...values]);
        return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
      },
      async copyIn(statement, data) {
        if (!canCopy) throw new Error('COPY FROM STDIN is not available on this engine');
        await pipeline(Readable.from(data), client.query(copyFrom(statement)));
      },
    };
    const result = await work(session);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    try {
      await client.query('ROLLBACK');
    } catch {
      // A connection that cannot roll back is not given back to the pool.
      broken = true;
    }
    throw error;
  } finally {
    client.release(broken);
  }
}
