// Kysely row types of the published notices (src/db/tables.ts merges them into Tables; migration 0020_published_notices creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface PublishedNoticesTable {
  notice_id: string;
  version: number;
  published_at: Timestamp;
  published_by: string;
  /** noticeToJson() of the notice as published: written as JSON text, read back parsed. */
  notice: ColumnType<unknown, string, never>;
  sha256: Buffer;
}

export interface PrivacyNoticeTables {
  published_notices: PublishedNoticesTable;
}
