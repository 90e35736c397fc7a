import { sql } from 'kysely';
import { disposeAfter, getRecordType } from '../../../catalog/index.ts';
import type { Tx } from '../../../db/index.ts';
import { mailpieceImageRecordType } from './mailpiece-image.ts';

/** A day of mailpiece images, stored as one partition. */
export interface ImageDay {
  readonly recordType: string;
  /** 'YYYY-MM-DD' (UTC). */
  readonly day: string;
  /** When the day's last image reaches the end of its retention. */
  readonly dueAt: Date;
  /** How many images it holds, as the planner estimates (exact while it has not been analysed yet). */
  readonly images: number;
}

const dayMs = 24 * 60 * 60 * 1000;
const rule = getRecordType(mailpieceImageRecordType).retention;
if (rule.kind !== 'from_creation')
  throw new Error(`${mailpieceImageRecordType}: images are kept in day partitions, so their rule must run from creation`);

/**
 * When the images captured on `day` are all past the catalog's rule: the rule applied to the
 * day's last instant, on the UTC calendar the partitions are cut by (3 days: the start of the
 * fourth day after).
 */
export function imageDayDue(day: string): Date {
  const lastInstant = new Date(Date.parse(`${day}T00:00:00Z`) + dayMs - 1);
  return disposeAfter(rule, { createdAt: lastInstant }, { timeZone: 'UTC' })!;
}

/** The days stored that fall due by `dueBy`, soonest first, with how many images each holds. */
export async function imageDaysDue(trx: Tx, dueBy: Date): Promise<ImageDay[]> {
  const rows = await sql<{ day: string; estimate: number }>`
    SELECT day::text AS day, estimate FROM caseline.mailpiece_image_partitions()`.execute(trx);
  const days: ImageDay[] = [];
  for (const { day, estimate } of rows.rows) {
    const dueAt = imageDayDue(day);
    if (dueAt.getTime() > dueBy.getTime()) continue;
    const images =
      Number(estimate) >= 0
        ? estimate
        : (
            await trx
              .selectFrom('mailpiece_images')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('capture_day', '=', day)
              .executeTakeFirstOrThrow()
          ).n;
    days.push({ recordType: mailpieceImageRecordType, day, dueAt, images: Number(images) });
  }
  return days;
}

/**
 * Drops a day past its retention (only a system principal may: see 0032_tracking_mailpiece_images)
 * and answers what it held: the count and the XOR of the image ids, for the certificate.
 */
export async function dropImageDay(trx: Tx, day: Pick<ImageDay, 'day'>, now: Date): Promise<{ images: number; idsXor: string }> {
  const today = now.toISOString().slice(0, 10);
  const result = await sql<{ images: number; ids_xor: string }>`
    SELECT images, ids_xor FROM caseline.drop_mailpiece_image_partition(${day.day}::date, ${today}::date)`.execute(trx);
  const row = result.rows[0]!;
  return { images: Number(row.images), idsXor: row.ids_xor };
}
