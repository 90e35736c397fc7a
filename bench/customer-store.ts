import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { openKeyring, type LocalKeyring } from '../src/crypto/index.ts';
import { openDatabase, type Database, type EngineKind } from '../src/db/index.ts';

/**
 * A generated registry kept between runs: generating ten million customers takes long
 * enough that the lookup benchmark reuses what an earlier run left. PostgreSQL keeps it in
 * a database of its own, PGlite in a data directory under bench/data (ignored by git and
 * Prettier), and either one's master key in that directory.
 */
export interface CustomerStore {
  readonly engine: EngineKind;
  readonly database: Database;
  readonly keyring: LocalKeyring;
  /** The keyring in CASELINE_MASTER_KEY form, for builder threads to open their own. */
  readonly masterKey: string;
  /** The engine's server_version, for the report. */
  readonly version: string;
  /** Where the data lives, for messages. */
  readonly location: string;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL server URL (any database on it); the store is the database `pgDatabase` beside it. */
  readonly pgUrl: string;
  readonly pgDatabase: string;
  /** Holds the master key file, and PGlite's data. */
  readonly dataDir: string;
}

export const defaultDataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/**
 * The master key and blind-index root, as CASELINE_MASTER_KEY would give them: the
 * environment keyring wraps without re-reading a key file per data key, which a file
 * keyring does to notice rotations. The random key id lets a store notice a key file
 * that is not the one its data was written with.
 */
async function loadMasterKey(dir: string): Promise<string> {
  const file = path.join(dir, 'master-key');
  try {
    return (await fs.readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = `blind-index:${randomBytes(32).toString('base64')},bench-${randomBytes(4).toString('hex')}:${randomBytes(32).toString('base64')}`;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  await fs.writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return value;
}

async function ensurePostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function openCustomerStore(engine: EngineKind, options: StoreOptions): Promise<CustomerStore> {
  const dir = path.join(options.dataDir, engine === 'pglite' ? 'pglite' : `postgres-${options.pgDatabase}`);
  const masterKey = await loadMasterKey(dir);
  const keyring = await openKeyring({ dataDir: dir, masterKey });
  const database =
    engine === 'pglite'
      ? await openDatabase({ kind: 'pglite', dataDir: dir })
      : await openDatabase({ kind: 'postgres', url: await ensurePostgresDatabase(options.pgUrl, options.pgDatabase) });
  try {
    const version = (await sql<{ server_version: string }>`SHOW server_version`.execute(database.db)).rows[0]!.server_version;
    return {
      engine,
      database,
      keyring,
      masterKey,
      version: engine === 'pglite' ? `PGlite (PostgreSQL ${version})` : `PostgreSQL ${version}`,
      location: engine === 'pglite' ? path.join(dir, 'pgdata') : `database ${options.pgDatabase}`,
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
