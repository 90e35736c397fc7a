import { createHash } from 'node:crypto';
import type { Selectable } from 'kysely';
import { canonicalNoticeJson, type NoticeJson } from '../../../catalog/index.ts';
import type { PublishedNoticesTable, Tx } from '../../../db/index.ts';

// The published versions of the notices (migration 0020_published_notices), read and written
// in the caller's transaction as a principal row-level security lets read or insert.

export interface PublishedNotice {
  readonly noticeId: string;
  readonly version: number;
  readonly publishedAt: Date;
  readonly publishedBy: string;
  readonly notice: NoticeJson;
  readonly sha256: Buffer;
}

type PublishedNoticeRow = Selectable<PublishedNoticesTable>;

/** SHA-256 of the notice's canonical JSON: the same from the catalog as from the stored jsonb. */
export function noticeDigest(notice: NoticeJson): Buffer {
  return createHash('sha256').update(canonicalNoticeJson(notice)).digest();
}

function toPublished(row: PublishedNoticeRow): PublishedNotice {
  return {
    noticeId: row.notice_id,
    version: row.version,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    // Both engines' drivers parse jsonb into the object written.
    notice: row.notice as NoticeJson,
    sha256: Buffer.from(row.sha256),
  };
}

/**
 * The latest published version of a notice, or null when none has been published:
 *   SELECT … FROM published_notices WHERE notice_id = $1 ORDER BY version DESC LIMIT 1
 */
export async function selectLatestPublished(trx: Tx, noticeId: string): Promise<PublishedNotice | null> {
  const row = await trx
    .selectFrom('published_notices')
    .selectAll()
    .where('notice_id', '=', noticeId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
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
  const row = await trx
    .insertInto('published_notices')
    .values({
      notice_id: values.noticeId,
      version: values.previous + 1,
      published_at: values.publishedAt,
      published_by: values.publishedBy,
      notice: JSON.stringify(values.notice),
      sha256: noticeDigest(values.notice),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPublished(row);
}

/**
 * Every published version of a notice, newest first:
 *   SELECT … FROM published_notices WHERE notice_id = $1 ORDER BY version DESC
 */
export async function selectPublishedVersions(trx: Tx, noticeId: string): Promise<PublishedNotice[]> {
  const rows = await trx.selectFrom('published_notices').selectAll().where('notice_id', '=', noticeId).orderBy('version', 'desc').execute();
  return rows.map(toPublished);
}
