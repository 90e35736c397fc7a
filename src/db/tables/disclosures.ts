// Kysely row types of the accounting of disclosures (src/db/tables.ts merges them into Tables; migration 0021_disclosures creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type DisclosureNature = 'copy' | 'extract' | 'summary' | 'inspection' | 'verbal';
export type DisclosureRecipientKind = 'contractor' | 'agency' | 'law_enforcement' | 'congress' | 'court' | 'other';

/** Migration 0021_disclosures: one disclosure of a record outside the organisation (5 U.S.C. 552a(c)). */
export interface DisclosuresTable {
  id: string;
  subject_id: string;
  business_area: string | null;
  record_table: string;
  record_id: string;
  record_type: string;
  disclosed_at: Timestamp;
  nature: DisclosureNature;
  purpose_ct: Buffer;
  recipient_ct: Buffer;
  recipient_kind: DisclosureRecipientKind;
  routine_use: string;
  law_enforcement_request: ColumnType<boolean, boolean | undefined, boolean>;
  disputed: ColumnType<boolean, boolean | undefined, boolean>;
  entered_by: string;
  entered_at: Timestamp;
  dispose_after: Timestamp;
}

export interface DisclosureTables {
  disclosures: DisclosuresTable;
}
