import type { CompiledQuery, DatabaseConnection, Driver, Kysely, QueryResult } from 'kysely';
import type pg from 'pg';
import { kyselyOver, kyselyResult } from './group-commit.ts';
import type { PreparingClient } from './preparing-client.ts';
import type { Tables } from './tables.ts';

/**
 * One connection that concurrent callers share for single statements outside any transaction
 * (a session or API token's login, on every request): what they send in one turn of the event
 * loop leaves in one write. node-postgres ends each statement with its own Sync, so each is its
 * own transaction and one's error is not another's. A transaction cannot be started on it.
 */
export function sharedStatements(pool: pg.Pool): Kysely<Tables> {
  let client: Promise<PreparingClient & pg.PoolClient> | null = null;

  const connect = () => {
    if (client) return client;
    const made: Promise<PreparingClient & pg.PoolClient> = pool.connect().then((connected) => {
      const shared = connected as PreparingClient & pg.PoolClient;
      shared.batchWrites(true);
      // A lost connection is given back broken, and the next statement takes a new one.
      shared.once('error', (error: Error) => {
        if (client !== made) return;
        client = null;
        shared.release(error);
      });
      return shared;
    });
    client = made;
    made.catch(() => (client = null));
    return made;
  };

  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      const shared = await connect();
      return kyselyResult<R>(await (shared.query(compiled.sql, [...compiled.parameters]) as Promise<pg.QueryResult>));
    },
    async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
      throw new Error('a statement on a shared connection cannot stream');
    },
  };
  const refuse = async () => {
    throw new Error('a shared connection carries single statements only, not transactions');
  };
  const driver: Driver = {
    init: async () => undefined,
    acquireConnection: async () => connection,
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: async () => undefined,
    destroy: async () => {
      const last = client;
      client = null;
      if (last) (await last.catch(() => null))?.release();
    },
  };
  return kyselyOver(driver);
}
