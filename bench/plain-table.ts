import { sql, type Kysely } from 'kysely';
import type { Tables } from '../src/db/index.ts';

/**
 * The baseline: a customer row's columns as plaintext, in a table with no row-level
 * security, no blind index, no audit and no index but its primary key — what the same
 * data costs a database when nothing protects it.
 */
export interface PlainRow {
  readonly id: string;
  readonly businessArea: string | null;
  readonly kind: string;
  readonly name: string;
  readonly email: string;
  readonly phone: string;
  readonly zip: string;
  readonly ssnLast4: string;
  readonly recordSource: string;
  readonly createdAt: Date;
}

export async function createPlainTable(db: Kysely<Tables>): Promise<void> {
  await sql`CREATE TABLE bench_plain_customers (
    id            uuid PRIMARY KEY,
    business_area text,
    kind          text NOT NULL,
    name          text NOT NULL,
    email         text,
    phone         text,
    zip           text,
    ssn_last4     text,
    record_source text NOT NULL,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
  )`.execute(db);
}

const values = (row: PlainRow) =>
  sql`(${row.id}, ${row.businessArea}, ${row.kind}, ${row.name}, ${row.email}, ${row.phone}, ${row.zip}, ${row.ssnLast4}, ${row.recordSource}, ${row.createdAt}, ${row.createdAt})`;

const insertInto = sql`INSERT INTO bench_plain_customers
  (id, business_area, kind, name, email, phone, zip, ssn_last4, record_source, created_at, updated_at) VALUES`;

/** One row in a transaction of its own, as customers.create runs in one (BEGIN, INSERT, COMMIT). */
export async function insertPlain(db: Kysely<Tables>, row: PlainRow): Promise<void> {
  await db.transaction().execute((trx) => sql`${insertInto} ${values(row)}`.execute(trx));
}

/** Many rows in one statement: the baseline side of seeding. */
export async function insertPlainBatch(db: Kysely<Tables>, rows: readonly PlainRow[]): Promise<void> {
  await sql`${insertInto} ${sql.join(rows.map(values))}`.execute(db);
}

export async function selectPlain(db: Kysely<Tables>, id: string): Promise<PlainRow | undefined> {
  const result = await sql<PlainRow>`SELECT id, business_area AS "businessArea", kind, name, email, phone, zip,
      ssn_last4 AS "ssnLast4", record_source AS "recordSource", created_at AS "createdAt"
    FROM bench_plain_customers WHERE id = ${id}`.execute(db);
  return result.rows[0];
}
