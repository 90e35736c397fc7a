import { createHash } from 'node:crypto';
import { authorize, type AuditContext } from '../../../access/index.ts';
import { describeRetention, getRecordType } from '../../../catalog/index.ts';
import { createByteBox, type LocalKeyring } from '../../../crypto/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../../../db/index.ts';
import { readImb } from '../events/read-piece.ts';
import { auditRecord } from '../tracking-records.ts';
import { ImbError } from '../imb/index.ts';
import { imageDayDue } from './image-days.ts';
import { imageSignature } from './image-signature.ts';
import { ensureImagePartition, insertImage, selectImage, selectImagesOfPiece, toMailpieceImage } from './mailpiece-image-repository.ts';
import {
  ImageTooLarge,
  imageMediaTypes,
  InvalidMailpieceImage,
  mailpieceImageRecordType,
  MailpieceImageNotFound,
  maxClockSkewMs,
  maxImageBytes,
  type ImageContent,
  type ImageMediaType,
  type MailpieceImage,
  type NewMailpieceImage,
  type StoredImage,
} from './mailpiece-image.ts';

export interface MailpieceImages {
  /**
   * Stores an image of a piece (needs tracking.ingest): its type sniffed from its bytes and held
   * against the declared one, the bytes sealed, the day's partition made first. The same image
   * of the same day is stored once; sent again it is answered with the same id.
   */
  store(database: Database, principal: Principal, input: NewMailpieceImage, ctx: AuditContext, now: Date): Promise<StoredImage>;
  /** The images of the piece an IMb (bars or digits) names, oldest first, without their bytes. Needs record.read on shared records. */
  ofPiece(trx: Tx, principal: Principal, imb: string, ctx: AuditContext, now: Date): Promise<MailpieceImage[]>;
  /** One image with its bytes, decrypted. Needs record.read on shared records. */
  fetch(trx: Tx, principal: Principal, id: string, ctx: AuditContext, now: Date): Promise<ImageContent>;
}

/** A piece passes a few machines a day for a few days: more images than this is not one piece's. */
export const maxImagesPerPiece = 100;

const shared = { subjectId: null, businessArea: null } as const;
const keptFor = describeRetention(getRecordType(mailpieceImageRecordType).retention);
const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const typeNames: Readonly<Record<ImageMediaType, string>> = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/tiff': 'TIFF' };

/** Where the sealed image sits, as the associated data of its ciphertext: sealed bytes copied to another row do not open. */
const sealContext = (id: string) => `mailpiece_images.image:${id}`;

/** An RFC 9562 version 8 UUID from a digest: the same image of the same day, the same id. */
function idOf(digest: Buffer, day: string): string {
  const bytes = createHash('sha256').update(digest).update(day).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function checkedPiece(imb: string): { tracking: string; zip11: string | null } {
  try {
    const parts = readImb(imb);
    return { tracking: parts.tracking, zip11: parts.routing === '' ? null : parts.routing };
  } catch (error) {
    if (error instanceof ImbError) throw new InvalidMailpieceImage('imb', error.message);
    throw error;
  }
}

function checkedCapture(capturedAt: string, now: Date): Date {
  const at = new Date(capturedAt);
  if (!isoInstant.test(capturedAt) || Number.isNaN(at.getTime()))
    throw new InvalidMailpieceImage('capturedAt', 'must be a date and time with its zone, ISO 8601');
  if (at.getTime() > now.getTime() + maxClockSkewMs) throw new InvalidMailpieceImage('capturedAt', 'is in the future');
  if (imageDayDue(at.toISOString().slice(0, 10)).getTime() <= now.getTime())
    throw new InvalidMailpieceImage('capturedAt', `is past the retention of mailpiece images (${keptFor})`);
  return at;
}

function checkedType(content: Uint8Array, declaredType: string | null): ImageMediaType {
  if (content.length === 0) throw new InvalidMailpieceImage('content', 'is empty');
  if (content.length > maxImageBytes) throw new ImageTooLarge(maxImageBytes);
  const sniffed = imageSignature(content);
  if (sniffed === null) throw new InvalidMailpieceImage('content', `is not a ${Object.values(typeNames).join(', ')} image`);
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase() ?? '';
  // Declaring nothing in particular leaves the type to the bytes; declaring a type it is not is refused.
  if (declared !== '' && declared !== 'application/octet-stream') {
    if (!(imageMediaTypes as readonly string[]).includes(declared))
      throw new InvalidMailpieceImage('contentType', `must be one of ${imageMediaTypes.join(', ')}`);
    if (declared !== sniffed)
      throw new InvalidMailpieceImage('contentType', `is ${declared}, but the content is a ${typeNames[sniffed]} image`);
  }
  return sniffed;
}

/** Reads an upload into memory, refusing it as soon as it passes `maxImageBytes`. */
export async function collectImage(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxImageBytes) throw new ImageTooLarge(maxImageBytes);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

/** The service over a keyring: images sealed under its 'mailpiece-image/v1' purpose keys (see 0032_tracking_mailpiece_images). */
export function createMailpieceImages(keyring: LocalKeyring): MailpieceImages {
  const box = createByteBox(keyring, 'mailpiece-image/v1');
  // Days whose partition this process has made or found: one statement a day, not one an image.
  const madeDays = new Set<string>();

  return {
    async store(database, principal, input, ctx, now) {
      authorize(principal, 'tracking.ingest');
      const piece = checkedPiece(input.imb);
      if (!/^\d{5}$/.test(input.facilityZip))
        throw new InvalidMailpieceImage('facilityZip', 'must be the 5 digits of the facility’s ZIP Code');
      const capturedAt = checkedCapture(input.capturedAt, now);
      const mediaType = checkedType(input.content, input.declaredType);
      const day = capturedAt.toISOString().slice(0, 10);
      const digest = box.fingerprint(input.content);
      const id = idOf(digest, day);
      // Its own transaction: making a partition locks the table until commit, which an image's insert need not wait for.
      if (!madeDays.has(day)) {
        await withPrincipal(database.db, principal, (trx) => ensureImagePartition(trx, day, now.toISOString().slice(0, 10)));
        madeDays.add(day);
      }
      const row = {
        id,
        capture_day: day,
        tracking_code: piece.tracking,
        zip11: piece.zip11,
        facility_zip: input.facilityZip,
        captured_at: capturedAt,
        media_type: mediaType,
        size_bytes: input.content.length,
        digest,
        image: box.seal(input.content, sealContext(id)),
        stored_at: now,
      };
      const created = await withPrincipal(database.db, principal, async (trx) => {
        const inserted = await insertImage(trx, row);
        await auditRecord(trx, principal, ctx, now, 'create', mailpieceImageRecordType, id, [], {
          step: 'mailpiece_image',
          stored: inserted ? 1 : 0,
          duplicates: inserted ? 0 : 1,
          bytes: input.content.length,
        });
        return inserted;
      });
      return { image: toMailpieceImage(row), created };
    },

    async ofPiece(trx, principal, imb, ctx, now) {
      authorize(principal, 'record.read', shared);
      const piece = checkedPiece(imb);
      const images = await selectImagesOfPiece(trx, piece.tracking, maxImagesPerPiece);
      await auditRecord(trx, principal, ctx, now, 'search', mailpieceImageRecordType, null, [], {
        step: 'mailpiece_images',
        images: images.length,
      });
      return images;
    },

    async fetch(trx, principal, id, ctx, now) {
      authorize(principal, 'record.read', shared);
      const row = await selectImage(trx, id);
      if (!row) throw new MailpieceImageNotFound('no such mailpiece image');
      const content = box.open(row.image, sealContext(row.id));
      await auditRecord(trx, principal, ctx, now, 'read', mailpieceImageRecordType, row.id, [], {
        step: 'mailpiece_image',
        bytes: content.length,
      });
      return { image: toMailpieceImage(row), content };
    },
  };
}
