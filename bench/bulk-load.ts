import { sql, type Kysely, type Transaction } from 'kysely';
import type { Tables } from '../src/db/index.ts';
import type { CustomerRows } from './customer-rows.ts';

/** The tables a generated customer has rows in. */
export const loadedTables = ['data_subjects', 'subject_keys', 'customers', 'customer_values', 'blind_index'] as const;

/** Who the generated values say recorded them (customer_values.recorded_by). */
const generatorActor = 'system:bench-generator';

/**
 * A batch's columns as PostgreSQL array literals, ready to be sent as text parameters.
 * Builder threads make them, so that the thread writing to the database does no per-row
 * work at all: node-postgres would otherwise hex-encode every ciphertext and digest there.
 */
export interface ColumnBatch {
  readonly customers: number;
  readonly valueRows: number;
  readonly indexRows: number;
  readonly subjectIds: string;
  readonly keyIds: string;
  readonly wrappedKeys: string;
  readonly valueIds: string;
  readonly valueSubjects: string;
  readonly fields: string;
  readonly labels: string;
  readonly valueCts: string;
  readonly indexKinds: string;
  readonly digests: string;
  readonly indexSubjects: string;
  readonly indexRecords: string;
}

const quoted = (value: string | null) => (value === null ? 'NULL' : `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
const textArray = (values: readonly (string | null)[]) => `{${values.map(quoted).join(',')}}`;
// Inside an array literal the backslash of bytea's \x prefix is itself escaped.
const byteaArray = (values: readonly Buffer[]) => `{${values.map((value) => `"\\\\x${value.toString('hex')}"`).join(',')}}`;

export function toColumns(rows: CustomerRows): ColumnBatch {
  return {
    customers: rows.subjectIds.length,
    valueRows: rows.valueIds.length,
    indexRows: rows.digests.length,
    subjectIds: textArray(rows.subjectIds),
    keyIds: textArray(rows.keyIds),
    wrappedKeys: byteaArray(rows.wrappedKeys),
    valueIds: textArray(rows.valueIds),
    valueSubjects: textArray(rows.valueSubjects),
    fields: textArray(rows.fields),
    labels: textArray(rows.labels),
    valueCts: byteaArray(rows.valueCts),
    indexKinds: textArray(rows.indexKinds),
    digests: byteaArray(rows.digests),
    indexSubjects: textArray(rows.indexSubjects),
    indexRecords: textArray(rows.indexRecords),
  };
}

/**
 * One batch in one statement per table. Arrays travel as parameters, which both engines
 * accept (PGlite has no COPY FROM STDIN through node-postgres); every constant column is
 * a literal rather than an array of copies.
 */
export async function insertRows(trx: Transaction<Tables>, rows: ColumnBatch, now: Date): Promise<void> {
  await sql`INSERT INTO data_subjects (id, kind, business_area, record_type, created_at)
    SELECT id, 'person', NULL, 'usps-880/customer', ${now} FROM unnest(${rows.subjectIds}::uuid[]) AS t(id)`.execute(trx);
  await sql`INSERT INTO subject_keys (subject_id, business_area, master_key_id, wrapped_key, created_at)
    SELECT id, NULL, key_id, wrapped, ${now}
    FROM unnest(${rows.subjectIds}::uuid[], ${rows.keyIds}::text[], ${rows.wrappedKeys}::bytea[]) AS t(id, key_id, wrapped)`.execute(trx);
  await sql`INSERT INTO customers (subject_id, business_area, kind, record_source, created_at, updated_at)
    SELECT id, NULL, 'person', 'import', ${now}, ${now} FROM unnest(${rows.subjectIds}::uuid[]) AS t(id)`.execute(trx);
  await sql`INSERT INTO customer_values
      (id, subject_id, business_area, field, label, value_ct, is_primary, record_source, recorded_by, recorded_at)
    SELECT id, subject_id, NULL, field, label, value_ct, true, 'import', ${generatorActor}, ${now}
    FROM unnest(${rows.valueIds}::uuid[], ${rows.valueSubjects}::uuid[], ${rows.fields}::text[], ${rows.labels}::text[],
      ${rows.valueCts}::bytea[]) AS t(id, subject_id, field, label, value_ct)`.execute(trx);
  await sql`INSERT INTO blind_index (kind, digest, subject_id, business_area, record_table, record_id, created_at)
    SELECT kind, digest, subject_id, NULL, 'customer_values', record_id, ${now}
    FROM unnest(${rows.indexKinds}::text[], ${rows.digests}::bytea[], ${rows.indexSubjects}::uuid[], ${rows.indexRecords}::text[])
      AS t(kind, digest, subject_id, record_id)`.execute(trx);
}

/** An index or constraint of the loaded tables, as the catalog defines it, to recreate after the load. */
export interface Deferred {
  readonly what: 'foreign_key' | 'key' | 'index';
  readonly name: string;
  readonly table: string;
  readonly definition: string;
}

/**
 * Every index and constraint that each inserted row would otherwise maintain: random
 * digests and UUIDs make each btree insert a random page write, and foreign keys check
 * one row at a time. Built once after the load by a sort instead, they cost a fraction.
 * Foreign keys from other tables into these go too, since they depend on the keys.
 */
async function deferrable(db: Kysely<Tables>): Promise<Deferred[]> {
  const tables = [...loadedTables];
  const result = await sql<Deferred>`
    SELECT 'foreign_key' AS what, conname AS name, conrelid::regclass::text AS "table", pg_get_constraintdef(oid) AS definition
    FROM pg_constraint
    WHERE contype = 'f' AND (conrelid = ANY(${tables}::text[]::regclass[]) OR confrelid = ANY(${tables}::text[]::regclass[]))
    UNION ALL
    SELECT 'key', conname, conrelid::regclass::text, pg_get_constraintdef(oid)
    FROM pg_constraint
    WHERE contype IN ('p', 'u') AND conrelid = ANY(${tables}::text[]::regclass[])
    UNION ALL
    SELECT 'index', i.indexrelid::regclass::text, i.indrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM pg_index i
    WHERE i.indrelid = ANY(${tables}::text[]::regclass[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))`.execute(db);
  return result.rows;
}

const order: Record<Deferred['what'], number> = { foreign_key: 0, index: 1, key: 2 };

/** Drops what deferrable() finds, returning it; foreign keys first, since they depend on the keys. */
export async function dropDeferred(db: Kysely<Tables>): Promise<Deferred[]> {
  const found = (await deferrable(db)).sort((a, b) => order[a.what] - order[b.what]);
  for (const item of found) {
    const statement = item.what === 'index' ? `DROP INDEX ${item.name}` : `ALTER TABLE ${item.table} DROP CONSTRAINT ${item.name}`;
    await sql.raw(statement).execute(db);
  }
  for (const table of loadedTables) await sql.raw(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`).execute(db);
  return found;
}

async function exists(db: Kysely<Tables>, item: Deferred): Promise<boolean> {
  const result =
    item.what === 'index'
      ? await sql<{ found: boolean }>`SELECT to_regclass(${item.name}) IS NOT NULL AS found`.execute(db)
      : await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_constraint
          WHERE conname = ${item.name} AND conrelid = ${item.table}::regclass) AS found`.execute(db);
  return result.rows[0]!.found;
}

/**
 * Recreates the dropped indexes and constraints (keys, then indexes, then foreign keys,
 * which validate against the keys), skipping any an interrupted earlier run already
 * rebuilt, then vacuums and analyses as autovacuum would have. `maintenanceMemory` is the
 * sort memory each build may use.
 */
export async function restoreDeferred(
  db: Kysely<Tables>,
  deferred: readonly Deferred[],
  maintenanceMemory: string,
  log: (line: string) => void,
): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql.raw(`SET maintenance_work_mem = '${maintenanceMemory}'`).execute(conn);
    for (const item of [...deferred].sort((a, b) => order[b.what] - order[a.what])) {
      if (await exists(conn, item)) continue;
      const started = Date.now();
      const statement =
        item.what === 'index' ? item.definition : `ALTER TABLE ${item.table} ADD CONSTRAINT ${item.name} ${item.definition}`;
      await sql.raw(statement).execute(conn);
      log(`rebuilt ${item.name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    for (const table of loadedTables) {
      await sql.raw(`ALTER TABLE ${table} RESET (autovacuum_enabled)`).execute(conn);
      const started = Date.now();
      await sql.raw(`VACUUM (ANALYZE) ${table}`).execute(conn);
      log(`vacuumed ${table} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
    // The connection goes back to the pool: later work must see the engine's own setting.
    await sql`RESET maintenance_work_mem`.execute(conn);
  });
}
