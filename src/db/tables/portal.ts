// Kysely row types of the customer portal's tables (src/db/tables.ts merges them into Tables; migration 0023 creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type PortalLinkMethod = 'email_code' | 'phone_code' | 'letter_code' | 'knowledge' | 'new_customer';
export type PortalCodePurpose = 'verify_email' | 'reset_password' | 'link';
export type PortalCodeChannel = 'email' | 'phone' | 'letter';

export interface PortalAccountsTable {
  id: string;
  subject_id: string;
  business_area: ColumnType<null, null | undefined, null>;
  record_type: ColumnType<string, string | undefined, string>;
  logon_digest: Buffer;
  email_ct: Buffer;
  password_hash: string;
  totp_secret: Buffer | null;
  totp_enabled_at: Timestamp | null;
  email_verified_at: Timestamp | null;
  linked_at: Timestamp | null;
  link_method: PortalLinkMethod | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Timestamp | null;
  link_failures: ColumnType<number, number | undefined, number>;
  link_locked_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  dispose_after: Timestamp | null;
}

export interface PortalSessionsTable {
  id: string;
  token_hash: Buffer;
  account_id: string;
  subject_id: string;
  csrf_token: string;
  mfa_passed: boolean;
  client_label: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface PortalCodesTable {
  id: string;
  account_id: string;
  subject_id: string;
  purpose: PortalCodePurpose;
  channel: PortalCodeChannel;
  link_subject: string | null;
  code_hash: Buffer;
  attempts: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  letter_ct: ColumnType<Buffer | null, Buffer | null | undefined, Buffer | null>;
  printed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface PortalTables {
  portal_accounts: PortalAccountsTable;
  portal_sessions: PortalSessionsTable;
  portal_codes: PortalCodesTable;
}
