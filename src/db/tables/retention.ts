// Kysely row types of the retention engine's tables (src/db/tables.ts merges them into Tables; migration 0019_retention creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A calendar date: written and read as 'YYYY-MM-DD'. */
type CalendarDate = ColumnType<string, string, string>;

export interface LegalHoldsTable {
  id: string;
  subject_id: string | null;
  case_id: string | null;
  record_type: string | null;
  business_area: string | null;
  created_from: Timestamp | null;
  created_to: Timestamp | null;
  reason: string;
  owner: string;
  review_on: CalendarDate;
  placed_by: string;
  placed_at: Timestamp;
  released_by: string | null;
  released_at: Timestamp | null;
  release_note: string | null;
}

export interface DisposalCertificatesTable {
  run_id: string;
  record_table: string;
  record_type: string;
  rule: string;
  method: string;
  records: number;
  files: number;
  keys_destroyed: number;
  due_from: Timestamp;
  due_to: Timestamp;
  ids_sha256: Buffer;
  started_at: Timestamp;
  finished_at: Timestamp;
  run_by: string;
}

export interface RetentionTables {
  legal_holds: LegalHoldsTable;
  disposal_certificates: DisposalCertificatesTable;
}
