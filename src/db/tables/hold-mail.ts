// Kysely row types of the hold mail table (src/db/tables.ts merges them into Tables; migration 0028 creates it).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A PostgreSQL date read as 'YYYY-MM-DD' (src/db sets the pg type parser for dates to the string itself). */
type CalendarDate = ColumnType<string, string, string>;

/** Migration 0028_tracking_hold_mail. */
export interface HoldMailRequestsTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  begin_on: CalendarDate;
  ends_on: CalendarDate;
  name_ct: Buffer;
  address_ct: Buffer;
  address_key: Buffer;
  zip5: string;
  end_action: 'deliver' | 'pickup';
  instructions_ct: Buffer | null;
  verification_id: string | null;
  risk_score: number;
  screening: 'pass' | 'review' | 'refuse';
  /** [{ rule, points, explanation }], written as JSON text. */
  reasons: ColumnType<unknown, string, string>;
  status: 'scheduled' | 'in_review' | 'refused' | 'cancelled';
  decision: 'approve' | 'deny' | null;
  decision_reason_ct: Buffer | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  entered_by: string;
  created_at: Timestamp;
  cancelled_at: Timestamp | null;
  cancelled_by: string | null;
  dispose_after: Timestamp;
}

export interface HoldMailTables {
  hold_mail_requests: HoldMailRequestsTable;
}
