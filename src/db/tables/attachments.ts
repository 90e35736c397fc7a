// Kysely row types of this module's tables (src/db/tables.ts merges them into Tables; the module's migration creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Migration 0012_attachments: a file attached to a case, stored encrypted outside the row. */
export interface CaseAttachmentsTable {
  id: string;
  case_id: string;
  message_id: string | null;
  subject_id: string;
  business_area: string | null;
  filename_ct: Buffer;
  media_type: string;
  size_bytes: number;
  sha256: Buffer;
  storage_id: string;
  key_ct: Buffer;
  uploaded_by: string;
  created_at: Timestamp;
}

export interface AttachmentTables {
  case_attachments: CaseAttachmentsTable;
}
