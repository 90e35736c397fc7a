import { sql, type Insertable, type Selectable } from 'kysely';
import type { DisclosuresTable, Tx } from '../../../db/index.ts';
import type { AccountableTable } from './accountable-tables.ts';

export type DisclosureRow = Selectable<DisclosuresTable>;

/** What the accounting needs of the record disclosed: whose it is, its area, and what the table says of its type and due date. */
export interface RecordScopeRow {
  readonly subject_id: string;
  readonly business_area: string | null;
  readonly record_type: string | null;
  readonly dispose_after: Date | null;
}

export async function insertDisclosure(trx: Tx, row: Insertable<DisclosuresTable>): Promise<void> {
  await trx.insertInto('disclosures').values(row).execute();
}

/**
 * One record of any accountable table, by its key, as row-level security lets the caller see it:
 *   SELECT subject_id, business_area, record_type, dispose_after FROM <table> WHERE <key> = $1::uuid
 * (NULL for the columns the table does not have). The table and key come from the catalog,
 * never from the request; `recordId` has been checked to be a UUID.
 */
export async function selectRecordScope(trx: Tx, table: AccountableTable, recordId: string): Promise<RecordScopeRow | undefined> {
  const recordType = table.hasRecordType ? sql`record_type` : sql`NULL::text AS record_type`;
  const disposeAfter = table.hasDisposeAfter ? sql`dispose_after` : sql`NULL::timestamptz AS dispose_after`;
  const result = await sql<RecordScopeRow>`
    SELECT subject_id, business_area, ${recordType}, ${disposeAfter}
    FROM ${sql.table(table.table)} WHERE ${sql.ref(table.keyColumn)} = ${recordId}::uuid`.execute(trx);
  return result.rows[0];
}

/** The data subject's area, for the access check on listing its accounting. */
export async function selectSubjectScope(trx: Tx, subjectId: string): Promise<{ id: string; business_area: string | null } | undefined> {
  return trx.selectFrom('data_subjects').select(['id', 'business_area']).where('id', '=', subjectId).executeTakeFirst();
}

/**
 * A subject's accounting, newest first, optionally without law-enforcement requests:
 *   SELECT * FROM disclosures WHERE subject_id = $1 [AND NOT law_enforcement_request]
 *   ORDER BY disclosed_at DESC, entered_at DESC
 */
export async function selectDisclosuresOfSubject(
  trx: Tx,
  subjectId: string,
  options: { readonly withLawEnforcement: boolean },
): Promise<DisclosureRow[]> {
  let query = trx.selectFrom('disclosures').selectAll().where('subject_id', '=', subjectId);
  if (!options.withLawEnforcement) query = query.where('law_enforcement_request', '=', false);
  return query.orderBy('disclosed_at', 'desc').orderBy('entered_at', 'desc').execute();
}

/**
 * Every disclosure of one record, oldest first (index disclosures_record):
 *   SELECT * FROM disclosures WHERE record_table = $1 AND record_id = $2 ORDER BY disclosed_at, entered_at
 */
export async function selectDisclosuresOfRecord(trx: Tx, recordTable: string, recordId: string): Promise<DisclosureRow[]> {
  return trx
    .selectFrom('disclosures')
    .selectAll()
    .where('record_table', '=', recordTable)
    .where('record_id', '=', recordId)
    .orderBy('disclosed_at')
    .orderBy('entered_at')
    .execute();
}
