import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldClasses, personalTables, tables } from '../src/catalog/index.ts';
import type { Database } from '../src/db/index.ts';
import { testDatabase } from './support/database.ts';

// The catalog is the single source of truth (DESIGN.md, principle 1): the live schema may
// hold no table it does not declare, and no column of personal data it does not class.
let database: Database;
let schema: Map<string, Set<string>>;
let rls: Map<string, { enabled: boolean; forced: boolean }>;

beforeAll(async () => {
  database = await testDatabase();
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = 'public'
      -- A partition is its partitioned table's storage, declared with it.
      AND table_name NOT IN (SELECT relname FROM pg_class WHERE relispartition)
    ORDER BY table_name, ordinal_position`.execute(database.db);
  schema = new Map();
  for (const c of columns.rows) {
    if (!schema.has(c.table_name)) schema.set(c.table_name, new Set());
    schema.get(c.table_name)!.add(c.column_name);
  }
  const flags = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
    SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition`.execute(
    database.db,
  );
  rls = new Map(flags.rows.map((r) => [r.relname, { enabled: r.relrowsecurity, forced: r.relforcerowsecurity }]));
});
afterAll(async () => {
  await database.close();
});

describe('catalog conformance', () => {
  it('declares every table of the live schema', () => {
    const undeclared = [...schema.keys()].filter((t) => !(t in tables));
    expect(undeclared).toEqual([]);
  });

  it('classes every column of every personal-data table, and declares no column the table lacks', () => {
    for (const [table, decl] of Object.entries(personalTables())) {
      const live = schema.get(table);
      expect(live, `personal table ${table} is declared but not in the schema`).toBeDefined();
      const declared = new Set(Object.keys(decl.columns));
      expect(
        [...live!].filter((c) => !declared.has(c)),
        `unclassified columns of ${table}`,
      ).toEqual([]);
      expect(
        [...declared].filter((c) => !live!.has(c)),
        `declared columns missing from ${table}`,
      ).toEqual([]);
      for (const fieldClass of Object.values(decl.columns)) expect(fieldClasses).toContain(fieldClass);
    }
  });

  it('forces row-level security on every personal-data table', () => {
    for (const table of Object.keys(personalTables())) {
      expect(rls.get(table), `row-level security on ${table}`).toEqual({ enabled: true, forced: true });
    }
  });
});
