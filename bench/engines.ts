import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { migrate, openDatabase, type Database, type EngineKind } from '../src/db/index.ts';

/** A freshly migrated scratch database, thrown away by close(). */
export interface BenchDatabase {
  readonly engine: EngineKind;
  readonly database: Database;
  /** The engine's server_version, for the report. */
  readonly version: string;
  close(): Promise<void>;
}

async function adminQuery(url: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

async function serverVersion(database: Database): Promise<string> {
  const result = await sql<{ server_version: string }>`SHOW server_version`.execute(database.db);
  return result.rows[0]!.server_version;
}

/** PGlite on disk, as a server without DATABASE_URL runs it (commits reach the file system). */
async function openPglite(): Promise<BenchDatabase> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'caseline-bench-pglite-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  const remove = async () => {
    await database.close();
    await fs.rm(dir, { recursive: true, force: true });
  };
  try {
    await migrate(database.db);
    return { engine: 'pglite', database, version: `PGlite (PostgreSQL ${await serverVersion(database)})`, close: remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

/** A database of its own on the server, with the production pool size (openDatabase's default). */
async function openPostgres(serverUrl: string): Promise<BenchDatabase> {
  const name = `caseline_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: url.toString() });
  const drop = async () => {
    await database.close();
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  try {
    await migrate(database.db);
    return { engine: 'postgres', database, version: `PostgreSQL ${await serverVersion(database)}`, close: drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

export function openBenchDatabase(engine: EngineKind, serverUrl: string): Promise<BenchDatabase> {
  return engine === 'pglite' ? openPglite() : openPostgres(serverUrl);
}
