import { sql, type Selectable } from 'kysely';
import type { MailpieceImagesTable, Tx } from '../../../db/index.ts';
import type { MailpieceImage } from './mailpiece-image.ts';

const metadata = ['id', 'tracking_code', 'zip11', 'facility_zip', 'captured_at', 'media_type', 'size_bytes'] as const;
type MetadataRow = Pick<Selectable<MailpieceImagesTable>, (typeof metadata)[number]>;

export function toMailpieceImage(row: MetadataRow): MailpieceImage {
  return {
    id: row.id,
    trackingCode: row.tracking_code,
    zip11: row.zip11,
    facilityZip: row.facility_zip,
    capturedAt: row.captured_at,
    mediaType: row.media_type,
    sizeBytes: row.size_bytes,
  };
}

/** Makes the day's partition if it is missing (as the database's owner: see 0032_tracking_mailpiece_images). */
export async function ensureImagePartition(trx: Tx, day: string, today: string): Promise<void> {
  await sql`SELECT caseline.mailpiece_image_partition(${day}::date, ${today}::date)`.execute(trx);
}

/**
 * Stores an image unless the same one is stored for its day; true when it was new. No RETURNING
 * and no conflict target (either makes the new row pass the read policy too): a feed may insert
 * images, not read them. The one unique index is (capture_day, digest).
 *
 *   INSERT INTO mailpiece_images (…) VALUES (…) ON CONFLICT DO NOTHING
 */
export async function insertImage(trx: Tx, row: Selectable<MailpieceImagesTable>): Promise<boolean> {
  const result = await trx
    .insertInto('mailpiece_images')
    .values(row)
    .onConflict((conflict) => conflict.doNothing())
    .executeTakeFirst();
  return result.numInsertedOrUpdatedRows === 1n;
}

/** A piece's images by its tracking code, in capture order, without their bytes. */
export async function selectImagesOfPiece(trx: Tx, trackingCode: string, limit: number): Promise<MailpieceImage[]> {
  const rows = await trx
    .selectFrom('mailpiece_images')
    .select(metadata)
    .where('tracking_code', '=', trackingCode)
    .orderBy('captured_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toMailpieceImage);
}

/** One image with its sealed bytes. */
export async function selectImage(trx: Tx, id: string): Promise<(MetadataRow & { image: Buffer }) | undefined> {
  return trx
    .selectFrom('mailpiece_images')
    .select([...metadata, 'image'])
    .where('id', '=', id)
    .executeTakeFirst();
}
