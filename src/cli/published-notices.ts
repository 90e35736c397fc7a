import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { canonicalNoticeJson, type NoticeJson } from '../catalog/index.ts';
import type { Tx } from '../db/index.ts';

// The published versions of the notices (migration 0020_published_notices): SQL only, run
// in the caller's transaction as a principal row-level security lets read or insert.

export interface PublishedNotice {
  readonly noticeId: string;
  readonly version: number;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  readonly notice: NoticeJson;
  readonly sha256: Buffer;
}

interface PublishedNoticeRow {
  notice_id: string;
  version: number;
  published_at: Date;
  published_by: string;
  notice: NoticeJson;
  sha256: Buffer;
}

/** SHA-256 of the notice's canonical JSON: the same from the catalog as from the stored jsonb. */
export function noticeDigest(notice: NoticeJson): Buffer {
  return createHash('sha256').update(canonicalNoticeJson(notice)).digest();
}

function toPublished(row: PublishedNoticeRow): PublishedNotice {
  return {
    noticeId: row.notice_id,
    version: row.version,
    publishedAt: new Date(row.published_at),
    publishedBy: row.published_by,
    // Both engines' drivers parse jsonb; a text column would come back as a string.
    notice: typeof row.notice === 'string' ? (JSON.parse(row.notice) as NoticeJson) : row.notice,
    sha256: Buffer.from(row.sha256),
  };
}

/**
 * The latest published version of a notice, or null when none has been published:
 *   SELECT … FROM published_notices WHERE notice_id = $1 ORDER BY version DESC LIMIT 1
 */
export async function selectLatestPublished(trx: Tx, noticeId: string): Promise<PublishedNotice | null> {
  const result = await sql<PublishedNoticeRow>`
    SELECT notice_id, version, published_at, published_by, notice, sha256
    FROM published_notices WHERE notice_id = ${noticeId} ORDER BY version DESC LIMIT 1`.execute(trx);
  const row = result.rows[0];
  return row === undefined ? null : toPublished(row);
}

/**
 * Records `notice` as the next version after `previous` (1 when none). Two publishers
 * racing for the same version collide on the primary key (notice_id, version): one fails.
 */
export async function insertPublished(
  trx: Tx,
  values: { noticeId: string; previous: number; publishedAt: Date; publishedBy: string; notice: NoticeJson },
): Promise<PublishedNotice> {
  const result = await sql<PublishedNoticeRow>`
    INSERT INTO published_notices (notice_id, version, published_at, published_by, notice, sha256)
    VALUES (${values.noticeId}, ${values.previous + 1}, ${values.publishedAt}, ${values.publishedBy},
            ${JSON.stringify(values.notice)}::jsonb, ${noticeDigest(values.notice)})
    RETURNING notice_id, version, published_at, published_by, notice, sha256`.execute(trx);
  return toPublished(result.rows[0]!);
}
