import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrationStatus {
  readonly applied: readonly number[];
  readonly pending: readonly Migration[];
}

export class MigrationError extends Error {}

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const fileName = /^(\d{4})_([a-z0-9_]+)\.sql$/;
// Any constant: serialises migrators racing on one database (two servers starting at once).
const migrationLock = 727_110_001;

export async function loadMigrations(dir = migrationsDir): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = fileName.exec(file);
    if (!match) throw new MigrationError(`migration file name must look like 0001_module.sql: ${file}`);
    const text = await fs.readFile(path.join(dir, file), 'utf8');
    migrations.push({
      version: Number(match[1]),
      name: match[2]!,
      sql: text,
      checksum: createHash('sha256').update(text).digest('hex'),
    });
  }
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migrations must be numbered 1, 2, 3, … without gaps: ${m.version}_${m.name}`);
  });
  return migrations;
}

async function ensureLedger(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS public.schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

async function appliedRows(db: Kysely<any>): Promise<Map<number, { name: string; checksum: string }>> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('public.schema_migrations')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return new Map();
  const rows = await sql<{ version: number; name: string; checksum: string }>`
    SELECT version, name, checksum FROM public.schema_migrations ORDER BY version`.execute(db);
  return new Map(rows.rows.map((r) => [r.version, { name: r.name, checksum: r.checksum }]));
}

function checkLanded(migrations: readonly Migration[], applied: Map<number, { name: string; checksum: string }>): void {
  for (const [version, row] of applied) {
    const file = migrations.find((m) => m.version === version);
    if (!file) throw new MigrationError(`database has migration ${version}_${row.name}, which this version of Caseline does not know`);
    if (file.checksum !== row.checksum) {
      throw new MigrationError(`migration ${version}_${row.name} was edited after it was applied; landed migrations must never change`);
    }
  }
}

export async function migrationStatus(db: Kysely<any>): Promise<MigrationStatus> {
  const migrations = await loadMigrations();
  const applied = await appliedRows(db);
  checkLanded(migrations, applied);
  return { applied: [...applied.keys()], pending: migrations.filter((m) => !applied.has(m.version)) };
}

/** Applies pending migrations in order, each in its own transaction; returns the ones applied. */
export async function migrate(db: Kysely<any>): Promise<Migration[]> {
  const migrations = await loadMigrations();
  await ensureLedger(db);
  const done: Migration[] = [];
  for (const migration of migrations) {
    const applied = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${migrationLock})`.execute(trx);
      const rows = await appliedRows(trx);
      checkLanded(migrations, rows);
      if (rows.has(migration.version)) return false;
      await sql.raw(migration.sql).execute(trx);
      await sql`INSERT INTO public.schema_migrations (version, name, checksum)
        VALUES (${migration.version}, ${migration.name}, ${migration.checksum})`.execute(trx);
      return true;
    });
    if (applied) done.push(migration);
  }
  return done;
}
