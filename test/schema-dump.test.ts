import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/index.ts';
import { testDatabase } from './support/database.ts';

// The schema the migrations build, as text, committed and diffed on every run (and on both
// engines: one dialect). A change to it is a reviewed change to schema.txt; regenerate with
// UPDATE_SCHEMA=1 npm test.
const snapshot = path.join(import.meta.dirname, 'schema', 'schema.txt');
let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

async function lines(query: ReturnType<typeof sql<{ line: string }>>): Promise<string[]> {
  return (await query.execute(database.db)).rows.map((r) => r.line);
}

async function dumpSchema(): Promise<string> {
  const sections = [
    await lines(sql`SELECT format('table %s rls=%s forced=%s', c.relname, c.relrowsecurity, c.relforcerowsecurity) AS line
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`),
    await lines(sql`SELECT format('column %s.%s %s%s%s', c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
        CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
        CASE WHEN a.attidentity <> '' THEN ' identity' WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END) AS line
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum`),
    await lines(sql`SELECT format('index %s', indexdef) AS line FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`),
    await lines(sql`SELECT format('constraint %s.%s %s', conrelid::regclass, conname, contype) AS line
      FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      -- PostgreSQL 18 (PGlite) also lists NOT NULL as constraints; the columns above already say it.
      WHERE n.nspname = 'public' AND c.contype <> 'n' ORDER BY 1`),
    await lines(sql`SELECT format('policy %s.%s %s to %s', tablename, policyname, cmd, array_to_string(roles, ',')) AS line
      FROM pg_policies WHERE schemaname = 'public' ORDER BY tablename, policyname`),
    await lines(sql`SELECT format('grant %s %s on %s', grantee, string_agg(privilege_type, ',' ORDER BY privilege_type), table_name) AS line
      FROM information_schema.role_table_grants WHERE grantee IN ('caseline_app', 'caseline_sealer') AND table_schema = 'public'
      GROUP BY grantee, table_name ORDER BY table_name, grantee`),
    await lines(sql`SELECT format('function caseline.%s(%s)', p.proname, pg_get_function_identity_arguments(p.oid)) AS line
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'caseline' ORDER BY 1`),
    await lines(
      sql`SELECT format('trigger %s on %s', tgname, tgrelid::regclass) AS line FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`,
    ),
  ];
  return sections.map((s) => s.join('\n')).join('\n\n') + '\n';
}

describe('schema', () => {
  it('matches the committed schema snapshot', async () => {
    const dump = await dumpSchema();
    if (process.env.UPDATE_SCHEMA === '1') await fs.writeFile(snapshot, dump);
    expect(dump).toBe(await fs.readFile(snapshot, 'utf8'));
  });
});
