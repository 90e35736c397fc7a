import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase } from '../src/db/index.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL: the migrated template database's name. PGlite: the file with a migrated data directory. */
    databaseTemplate: { kind: 'postgres'; url: string; template: string } | { kind: 'pglite'; file: string };
  }
}

function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Migrates once; every test database is then a copy of this template (fast isolation). */
export default async function setup(project: TestProject) {
  // The browser tests use the built console; rebuilt only when its sources changed (or, for
  // server work while the console is mid-edit, not at all: CASELINE_TEST_SKIP_CONSOLE_BUILD=1).
  if (!process.env.CASELINE_TEST_SKIP_CONSOLE_BUILD)
    execFileSync(process.execPath, [path.join(import.meta.dirname, '..', 'web', 'ensure-build.ts')], { stdio: 'inherit' });
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `caseline_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase({ kind: 'postgres', url: databaseUrl(url, template), poolSize: 1 });
    await migrate(database.db);
    await database.close();
    console.log(`[caseline tests] engine: PostgreSQL server (DATABASE_URL), template database ${template}`);
    project.provide('databaseTemplate', { kind: 'postgres', url, template });
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
        template,
        `${template}_t%`,
      ]);
      for (const row of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${row.datname} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  await migrate(database.db);
  const dump = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const file = path.join(os.tmpdir(), `caseline-template-${process.pid}-${randomBytes(4).toString('hex')}.tar.gz`);
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()));
  console.log('[caseline tests] engine: PGlite (embedded); set DATABASE_URL to run the same suite on a PostgreSQL server');
  project.provide('databaseTemplate', { kind: 'pglite', file });
  return async () => {
    await fs.rm(file, { force: true });
  };
}
