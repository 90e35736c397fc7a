// Kysely row types of this module's tables (src/db/tables.ts merges them into Tables; the module's migration creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type CallDirection = 'inbound' | 'outbound';
export type CallDisposition =
  'resolved_on_call' | 'case_opened' | 'case_updated' | 'callback_requested' | 'voicemail' | 'wrong_number' | 'dropped';

/** Migration 0015_calls. */
export interface CallsTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  case_id: string | null;
  business_area: string | null;
  direction: CallDirection;
  number_ct: Buffer | null;
  duration_seconds: number;
  disposition: CallDisposition;
  notes_ct: Buffer | null;
  agent: string;
  started_at: Timestamp;
  created_at: Timestamp;
  dispose_after: Timestamp;
}

export interface CallTables {
  calls: CallsTable;
}
