import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date and read back as Date on both engines. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DataSubjectsTable {
  id: string;
  kind: 'person' | 'organisation';
  business_area: string | null;
  record_type: string;
  created_at: DefaultedTimestamp;
  dispose_after: Timestamp | null;
}

export interface SubjectKeysTable {
  subject_id: string;
  business_area: string | null;
  master_key_id: string;
  wrapped_key: Buffer;
  created_at: DefaultedTimestamp;
  rewrapped_at: Timestamp | null;
}

export interface BlindIndexTable {
  kind: string;
  digest: Buffer;
  subject_id: string;
  business_area: string | null;
  record_table: string;
  record_id: string;
  created_at: DefaultedTimestamp;
}

export interface BusinessAreasTable {
  id: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  created_at: DefaultedTimestamp;
}

export interface StaffUsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string | null;
  roles: string[];
  business_areas: string[];
  totp_secret: Buffer | null;
  totp_enabled_at: Timestamp | null;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  disabled_at: Timestamp | null;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
  /** Single sign-on identity (migration 0006): both set for an SSO account, both null otherwise. */
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

export interface StaffSessionsTable {
  token_hash: Buffer;
  user_id: string;
  csrf_token: string;
  mfa_passed: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: Buffer;
  scopes: string[];
  created_at: Timestamp;
  expires_at: Timestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_kind: string;
  actor_id: string;
  actor_role: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  subjects: ColumnType<string[], string[] | undefined, never>;
  purpose: string;
  request_id: string | null;
  client_addr: string | null;
  outcome: 'ok' | 'denied' | 'failed';
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  chain_pos: number | null;
  prev_hash: Buffer | null;
  hash: Buffer | null;
  sealed_at: Timestamp | null;
}

export interface AuditCheckpointsTable {
  chain_pos: number;
  hash: Buffer;
  signed_at: Timestamp;
  key_id: string;
  signature: Buffer;
}

export interface CustomersTable {
  subject_id: string;
  business_area: string | null;
  kind: 'person' | 'organisation';
  name_ct: Buffer;
  email_ct: Buffer | null;
  phone_ct: Buffer | null;
  zip_ct: Buffer | null;
  ssn_last4_ct: Buffer | null;
  record_source: 'customer' | 'agent' | 'list_provider' | 'import';
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface Tables {
  data_subjects: DataSubjectsTable;
  subject_keys: SubjectKeysTable;
  blind_index: BlindIndexTable;
  business_areas: BusinessAreasTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  customers: CustomersTable;
}
