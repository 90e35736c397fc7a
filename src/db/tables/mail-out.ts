// Kysely row types of this module's tables (src/db/tables.ts merges them into Tables; the module's migration creates them).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type MailOutboxKind = 'reply' | 'acknowledgement';
export type MailOutboxStatus = 'queued' | 'sent' | 'failed';

/** Migration 0011_mail_out: one row per e-mail to send, written with the case message it sends. */
export interface MailOutboxTable {
  id: string;
  case_id: string;
  case_message_id: string;
  case_number: string;
  subject_id: string;
  business_area: string | null;
  kind: MailOutboxKind;
  to_ct: Buffer | null;
  subject_ct: Buffer | null;
  body_ct: Buffer | null;
  threading_ct: Buffer | null;
  message_id: string;
  status: Generated<MailOutboxStatus>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  sent_at: Timestamp | null;
  created_at: Timestamp;
}

export interface MailOutTables {
  mail_outbox: MailOutboxTable;
}
