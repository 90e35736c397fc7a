import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import { createGroupCommit, type GroupCommit, type GroupCommitOptions } from './group-commit.ts';
import { PreparingClient } from './preparing-client.ts';
import { sharedStatements } from './shared-statements.ts';
import { withPrincipal } from './with-principal.ts';
import type { Tables } from './tables.ts';

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: EngineKind;
  readonly db: Kysely<Tables>;
  /**
   * Like withPrincipal(db, …), but the unit may share its transaction with concurrent callers'
   * (group commit, on the PostgreSQL server; the embedded engine runs each alone). For the
   * busiest writes; the unit must touch nothing outside the database, for it may run twice.
   */
  readonly groupCommit: GroupCommit;
  /**
   * For single statements outside a transaction that every request sends (logins): on the
   * PostgreSQL server, concurrent ones share one connection and leave together
   * (shared-statements.ts); on the embedded engine, db.
   */
  readonly statements: Kysely<Tables>;
  /** Present on the embedded engine only: used to copy a migrated template in tests. */
  readonly pglite: PGlite | null;
  /** A connection for bulk loading, for db/bulk-session.ts alone. */
  connectBulk(): Promise<BulkConnection>;
  close(): Promise<void>;
}

/**
 * A plain connection: on the server, from a small pool of its own without pipelining, since
 * COPY cannot share a pipelined connection; on PGlite, its one connection (no COPY through
 * its adapter).
 */
export interface BulkConnection {
  readonly client: pg.PoolClient;
  readonly canCopy: boolean;
}

/** The embedded database is one process's: a second opener would corrupt it. */
export class EngineLocked extends Error {}

async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'caseline.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => fs.rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(await fs.readFile(file, 'utf8').catch(() => ''));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
        throw new EngineLocked(
          `the embedded database in ${dir} is in use by process ${pid} (a running Caseline server?); stop it first, or use the server's API`,
        );
      }
      // The process that held it is gone: a crash left the lock behind.
      await fs.rm(file, { force: true });
    }
  }
  throw new EngineLocked(`could not lock the embedded database in ${dir}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type EngineOptions =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly kind: 'pglite'; readonly dataDir: string | null; readonly loadDataDir?: Blob };

// node-postgres returns int8 as strings to avoid precision loss; our bigint columns are
// sequence positions well inside 2^53, and both engines must return the same types.
pg.types.setTypeParser(20, (value) => Number(value));
// A date column is a calendar day, not an instant: kept as its 'YYYY-MM-DD' text rather than
// made a Date at midnight in whatever zone the server process runs in.
pg.types.setTypeParser(1082, (value) => value);

// Two shared transactions at a time keep both of PostgreSQL's cores busy while the server's
// one thread prepares the next units; more would only hold more connections.
const groupCommitOptions: GroupCommitOptions = { groups: 2, maxUnits: 32 };

function wrap(
  kind: EngineKind,
  pool: pg.Pool,
  pglite: PGlite | null,
  unlock: () => Promise<void> = async () => undefined,
  bulkPool: (() => pg.Pool) | null = null,
): Database {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const groupCommit: GroupCommit =
    kind === 'postgres' ? createGroupCommit(db, pool, groupCommitOptions) : (principal, fn) => withPrincipal(db, principal, fn);
  const statements = kind === 'postgres' ? sharedStatements(pool) : db;
  let bulk: pg.Pool | null = null;
  return {
    kind,
    db,
    groupCommit,
    statements,
    pglite,
    async connectBulk() {
      if (!bulkPool) return { client: await pool.connect(), canCopy: false };
      bulk ??= bulkPool();
      return { client: await bulk.connect(), canCopy: true };
    },
    async close() {
      if (statements !== db) await statements.destroy();
      await db.destroy();
      await bulk?.end();
      if (pglite) await pglite.close();
      await unlock();
    },
  };
}

/** Opens the PostgreSQL server pool or the embedded PGlite database; both speak through node-postgres. */
export async function openDatabase(options: EngineOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, Client: PreparingClient });
    pool.on('error', () => undefined);
    const bulkPool = () => {
      const made = new pg.Pool({ connectionString: options.url, max: 2 });
      made.on('error', () => undefined);
      return made;
    };
    return wrap('postgres', pool, null, undefined, bulkPool);
  }
  let pglite: PGlite;
  let unlock: () => Promise<void> = async () => undefined;
  if (options.dataDir === null) {
    pglite = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } else {
    await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
    unlock = await lockDataDir(options.dataDir);
    const dir = path.join(options.dataDir, 'pgdata');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    try {
      pglite = await PGlite.create({ dataDir: dir });
    } catch (error) {
      await unlock();
      throw error;
    }
  }
  // PGlite is a single session: one pooled connection serialises transactions, as PostgreSQL would lock them.
  // Its statements stay unnamed: a reconnecting client would not know what the session had prepared.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  return wrap('pglite', pool, pglite, unlock);
}
