// Kysely row types of the Privacy Act requests tables (src/db/tables.ts merges them into Tables; migration 0022 creates them).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type PrivacyRequestKindColumn = 'notification' | 'access' | 'amendment' | 'appeal';
export type PrivacyRequestChannel = 'portal' | 'letter' | 'email' | 'walk_in' | 'fax';
export type PrivacyRequestStatus = 'received' | 'in_review' | 'granted' | 'partially_granted' | 'denied' | 'withdrawn' | 'closed';
export type IdentityMethod = 'document' | 'notarized_statement' | 'in_person' | 'portal_account' | 'knowledge';

/** Migration 0022_privacy_requests. */
export interface PrivacyRequestsTable {
  id: string;
  number: string;
  subject_id: string;
  business_area: string | null;
  kind: PrivacyRequestKindColumn;
  channel: PrivacyRequestChannel;
  status: PrivacyRequestStatus;
  requester_ct: Buffer;
  details_ct: Buffer;
  received_at: Timestamp;
  identity_method: IdentityMethod | null;
  identity_evidence_ct: Buffer | null;
  identity_verified_by: string | null;
  identity_verified_at: Timestamp | null;
  acknowledge_due: Timestamp | null;
  decide_due: Timestamp;
  acknowledged_at: Timestamp | null;
  decided_at: Timestamp | null;
  decision_reason_ct: Buffer | null;
  appeal_of: string | null;
  appeal_window_ends: Timestamp | null;
  record_table: string | null;
  record_id: string | null;
  field: string | null;
  requested_value_ct: Buffer | null;
  record_type: string;
  dispose_after: Timestamp | null;
  created_by: string;
  created_at: Timestamp;
}

export interface PrivacyRequestEventsTable {
  id: string;
  seq: Generated<string>;
  request_id: string;
  subject_id: string;
  business_area: string | null;
  kind: string;
  actor: string;
  at: Timestamp;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface StatementsOfDisagreementTable {
  id: string;
  subject_id: string;
  business_area: string | null;
  request_id: string | null;
  record_table: string;
  record_id: string;
  statement_ct: Buffer;
  filed_by: string;
  filed_at: Timestamp;
  dispose_after: Timestamp | null;
}

export interface PrivacyRequestTables {
  privacy_requests: PrivacyRequestsTable;
  privacy_request_events: PrivacyRequestEventsTable;
  statements_of_disagreement: StatementsOfDisagreementTable;
}
