// Kysely row types of the change-of-address tables (src/db/tables.ts merges them into Tables; migration 0027 creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A PostgreSQL date read as 'YYYY-MM-DD' (src/db sets the pg type parser for dates to the string itself). */
type CalendarDate = ColumnType<string, string, string>;

/** Migration 0027_tracking_change_of_address. */
export interface CoaIdentityVerificationsTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  /** Migration 0028 adds Hold Mail: the record type covers the verifications of both services. */
  service: 'change_of_address' | 'hold_mail';
  method: 'online_card' | 'in_person_id' | 'knowledge_questions' | 'portal_account';
  outcome: 'passed' | 'failed' | 'inconclusive';
  verified_by: string;
  verified_at: Timestamp;
  created_at: Timestamp;
  resolved_at: Timestamp;
  dispose_after: Timestamp;
}

/** Migration 0027_tracking_change_of_address. */
export interface ChangesOfAddressTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  move_type: 'individual' | 'family' | 'business';
  duration: 'permanent' | 'temporary';
  effective_on: CalendarDate;
  ends_on: CalendarDate | null;
  name_ct: Buffer;
  old_address_ct: Buffer;
  new_address_ct: Buffer;
  old_address_key: Buffer;
  new_address_key: Buffer;
  device_key: Buffer | null;
  network_key: Buffer | null;
  forwards_to_po_box: boolean;
  forwards_to_cmra: boolean;
  verification_id: string | null;
  risk_score: number;
  screening: 'pass' | 'review' | 'deny';
  /** [{ rule, points, explanation }], written as JSON text. */
  reasons: ColumnType<unknown, string, string>;
  status: 'accepted' | 'in_review' | 'refused';
  decision: 'approve' | 'deny' | null;
  decision_reason_ct: Buffer | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  entered_by: string;
  created_at: Timestamp;
  dispose_after: Timestamp | null;
}

/** Migration 0027_tracking_change_of_address: CMRA street addresses an administrator lists. */
export interface CoaCmraAddressesTable {
  id: string;
  street_line: string;
  city: string;
  state: string;
  zip5: string;
  added_by: string;
  added_at: Timestamp;
}

export interface ChangeOfAddressTables {
  coa_identity_verifications: CoaIdentityVerificationsTable;
  changes_of_address: ChangesOfAddressTable;
  coa_cmra_addresses: CoaCmraAddressesTable;
}
