import type { NoticeId } from '../../../catalog/index.ts';
import { subjectRecordTables } from '../subject-tables.ts';

/** A catalog table whose records can be disclosed and so accounted for. */
export interface AccountableTable {
  readonly table: string;
  /** The column a record id names: 'id', or 'subject_id' for a table of one row per subject. */
  readonly keyColumn: 'id' | 'subject_id';
  /** The notice the table's records are kept under, as the catalog declares the table. */
  readonly notice: NoticeId;
  /** The table stores each record's type (cases, survey responses). */
  readonly hasRecordType: boolean;
  /** The table stores each record's due date. */
  readonly hasDisposeAfter: boolean;
}

// The accounting itself is not a record of a notice that could be disclosed under its routine uses.
// Tables of one row per subject, whose records are named by the subject's id.
const keyedBySubject = new Set(['customers']);

/**
 * Read from the catalog: every personal table of a notice that holds a subject's records,
 * with the subject and business area row-level security decides on, and a key to name one
 * record by. A table added to the catalog is accountable without anyone editing this module.
 */
function listAccountable(): ReadonlyMap<string, AccountableTable> {
  const found = new Map<string, AccountableTable>();
  for (const [table, decl] of subjectRecordTables()) {
    if (table === 'disclosures' || decl.notice === 'system' || decl.notice === 'staff') continue;
    const has = (column: string) => Object.hasOwn(decl.columns, column);
    if (!has('business_area')) continue;
    const keyColumn = has('id') ? 'id' : keyedBySubject.has(table) ? 'subject_id' : null;
    if (keyColumn === null) continue;
    found.set(table, { table, keyColumn, notice: decl.notice, hasRecordType: has('record_type'), hasDisposeAfter: has('dispose_after') });
  }
  return found;
}

let accountable: ReadonlyMap<string, AccountableTable> | null = null;

export function accountableTables(): ReadonlyMap<string, AccountableTable> {
  accountable ??= listAccountable();
  return accountable;
}
