import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect } from 'kysely';
import type { Tables } from './tables.ts';

export type EngineKind = 'pglite' | 'postgres';

export interface Database {
  readonly kind: EngineKind;
  readonly db: Kysely<Tables>;
  /** Present on the embedded engine only: used to copy a migrated template in tests. */
  readonly pglite: PGlite | null;
  close(): Promise<void>;
}

export type EngineOptions =
  | { readonly kind: 'postgres'; readonly url: string; readonly poolSize?: number }
  | { readonly kind: 'pglite'; readonly dataDir: string | null; readonly loadDataDir?: Blob };

// node-postgres returns int8 as strings to avoid precision loss; our bigint columns are
// sequence positions well inside 2^53, and both engines must return the same types.
pg.types.setTypeParser(20, (value) => Number(value));

function wrap(kind: EngineKind, pool: pg.Pool, pglite: PGlite | null): Database {
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind,
    db,
    pglite,
    async close() {
      await db.destroy();
      if (pglite) await pglite.close();
    },
  };
}

/** Opens the PostgreSQL server pool or the embedded PGlite database; both speak through node-postgres. */
export async function openDatabase(options: EngineOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    pool.on('error', () => undefined);
    return wrap('postgres', pool, null);
  }
  let pglite: PGlite;
  if (options.dataDir === null) {
    pglite = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } else {
    const dir = path.join(options.dataDir, 'pgdata');
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    pglite = await PGlite.create({ dataDir: dir });
  }
  // PGlite is a single session: one pooled connection serialises transactions, as PostgreSQL would lock them.
  const pool = new pg.Pool({ ...createPgConfig(pglite), max: 1, idleTimeoutMillis: 0 });
  return wrap('pglite', pool, pglite);
}
