import type { MailOutTables } from './tables/mail-out.ts';
import type { AttachmentTables } from './tables/attachments.ts';
import type { MacroTables } from './tables/macros.ts';
import type { SurveyTables } from './tables/surveys.ts';
import type { CallTables } from './tables/calls.ts';
import type { RetentionTables } from './tables/retention.ts';
import type { PrivacyNoticeTables } from './tables/privacy-notices.ts';
import type { DisclosureTables } from './tables/disclosures.ts';
import type { PrivacyRequestTables } from './tables/privacy-requests.ts';
import type { PortalTables } from './tables/portal.ts';
import type { TrackingTables } from './tables/tracking.ts';
import type { ChangeOfAddressTables } from './tables/change-of-address.ts';
import type { TrackingAlertTables } from './tables/tracking-alerts.ts';
import type { HoldMailTables } from './tables/hold-mail.ts';
import type { MailingTables } from './tables/mailings.ts';
import type { DeliveryServiceTables } from './tables/delivery-services.ts';
import type { MailpieceImageTables } from './tables/mailpiece-images.ts';
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
  relationship_ended_at: Timestamp | null;
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

export interface BlindIndexTermsTable {
  kind: string;
  version: number;
  updated_at: DefaultedTimestamp;
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

export type RecordSource = 'customer' | 'agent' | 'list_provider' | 'import';

export interface CustomersTable {
  subject_id: string;
  business_area: string | null;
  kind: 'person' | 'organisation';
  record_source: RecordSource;
  created_at: Timestamp;
  updated_at: Timestamp;
  merged_into: string | null;
  merged_at: Timestamp | null;
}

export interface CustomerValuesTable {
  id: string;
  subject_id: string;
  business_area: string | null;
  field: string;
  label: string | null;
  value_ct: Buffer;
  is_primary: boolean;
  record_source: RecordSource;
  recorded_by: string;
  recorded_at: Timestamp;
  removed_at: Timestamp | null;
  removed_by: string | null;
}

export interface CustomerContactsTable {
  id: string;
  organisation_id: string;
  subject_id: string;
  business_area: string | null;
  relationship: 'primary' | 'billing' | 'technical' | 'shipping' | 'executive' | 'other';
  recorded_by: string;
  recorded_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface ContactHistoryTable {
  id: string;
  subject_id: string;
  business_area: string | null;
  at: Timestamp;
  kind: string;
  channel: 'email' | 'phone' | 'fax' | 'web' | 'letter' | 'walk_in' | 'import' | 'system' | null;
  summary: string;
  source_table: string | null;
  source_id: string | null;
  actor: string;
}

export interface CustomerMergesTable {
  id: string;
  subject_id: string;
  merged_id: string;
  business_area: string | null;
  moved: ColumnType<Record<string, string[]>, string, string>;
  merged_by: string;
  merged_at: Timestamp;
  undo_until: Timestamp;
  unmerged_by: string | null;
  unmerged_at: Timestamp | null;
}

export type CaseChannel = 'email' | 'phone' | 'fax' | 'web' | 'letter' | 'walk_in';
export type CaseStatus = 'new' | 'open' | 'pending_customer' | 'pending_internal' | 'resolved' | 'closed' | 'reopened';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';

export interface CasesTable {
  id: string;
  number: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  record_type: string;
  channel: CaseChannel;
  category: string | null;
  priority: CasePriority;
  status: CaseStatus;
  assignee: string | null;
  title_ct: Buffer;
  resolution_code: string | null;
  resolution_ct: Buffer | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  created_at: Timestamp;
  updated_at: Timestamp;
  first_response_at: Timestamp | null;
  resolved_at: Timestamp | null;
  reopened_at: Timestamp | null;
  closed_at: Timestamp | null;
  dispose_after: Timestamp | null;
}

export interface CaseMessagesTable {
  id: string;
  seq: Generated<string>;
  case_id: string;
  subject_id: string;
  business_area: string | null;
  kind: 'inbound' | 'outbound' | 'note';
  channel: CaseChannel | 'internal';
  author: string | null;
  from_ct: Buffer | null;
  to_ct: Buffer | null;
  body_ct: Buffer;
  message_id_hash: Buffer | null;
  created_at: Timestamp;
}

export interface CaseEventsTable {
  id: string;
  seq: Generated<string>;
  case_id: string;
  subject_id: string;
  business_area: string | null;
  at: Timestamp;
  actor: string;
  kind: string;
  detail: ColumnType<Record<string, unknown>, string, string>;
}

export interface CaseSlaAlertsTable {
  case_id: string;
  target: 'first_response' | 'resolution';
  state: 'warning' | 'breached';
  subject_id: string;
  business_area: string | null;
  due_at: Timestamp;
  at: Timestamp;
  escalated_to: ColumnType<string[], string[] | undefined, string[]>;
}

export interface CaseLinksTable {
  id: string;
  case_id: string;
  subject_id: string;
  business_area: string | null;
  kind: 'article' | 'order' | 'pickup';
  number_ct: Buffer;
  created_at: Timestamp;
}

export interface RoutingRulesTable {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  conditions: ColumnType<Record<string, unknown>, string, string>;
  actions: ColumnType<Record<string, unknown>, string, string>;
  updated_by: string;
  updated_at: Timestamp;
}

export interface Tables
  extends
    MailOutTables,
    AttachmentTables,
    MacroTables,
    SurveyTables,
    CallTables,
    RetentionTables,
    DisclosureTables,
    PrivacyRequestTables,
    PortalTables,
    TrackingTables,
    ChangeOfAddressTables,
    TrackingAlertTables,
    HoldMailTables,
    MailingTables,
    DeliveryServiceTables,
    MailpieceImageTables,
    PrivacyNoticeTables {
  data_subjects: DataSubjectsTable;
  subject_keys: SubjectKeysTable;
  blind_index: BlindIndexTable;
  blind_index_terms: BlindIndexTermsTable;
  business_areas: BusinessAreasTable;
  staff_users: StaffUsersTable;
  staff_sessions: StaffSessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_checkpoints: AuditCheckpointsTable;
  customers: CustomersTable;
  customer_values: CustomerValuesTable;
  customer_contacts: CustomerContactsTable;
  contact_history: ContactHistoryTable;
  customer_merges: CustomerMergesTable;
  cases: CasesTable;
  case_messages: CaseMessagesTable;
  case_events: CaseEventsTable;
  case_links: CaseLinksTable;
  case_sla_alerts: CaseSlaAlertsTable;
  routing_rules: RoutingRulesTable;
}
export type * from './tables/retention.ts';
export type * from './tables/disclosures.ts';
export type * from './tables/privacy-requests.ts';
export type * from './tables/privacy-notices.ts';
export type * from './tables/portal.ts';
export type * from './tables/mailpiece-images.ts';
