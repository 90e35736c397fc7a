import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Partitioned by the UTC day of capture (0032_tracking_mailpiece_images): inserted once, never updated. */
export interface MailpieceImagesTable {
  id: string;
  /** 'YYYY-MM-DD', the UTC day of captured_at. */
  capture_day: string;
  tracking_code: string;
  zip11: string | null;
  facility_zip: string;
  captured_at: Timestamp;
  media_type: 'image/png' | 'image/jpeg' | 'image/tiff';
  size_bytes: number;
  /** HMAC-SHA-256 of the image under a purpose key. */
  digest: Buffer;
  /** The image, sealed under a purpose key (AES-256-GCM). */
  image: Buffer;
  stored_at: Timestamp;
}

export interface MailpieceImageTables {
  mailpiece_images: MailpieceImagesTable;
}
