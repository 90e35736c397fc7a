import { sql } from 'kysely';
import type { Tx } from '../../../db/index.ts';
import { dropImageDay, dropTrackingDay, imageDaysDue, trackingDaysDue } from '../../tracking/index.ts';

/**
 * A day of records kept in a partition of its own (tracking events, mailpiece images): due
 * whole, once its last record is past its rule, and disposed of by dropping the partition.
 */
export interface PartitionDay {
  readonly table: 'tracking_events' | 'mailpiece_images';
  readonly recordType: string;
  /** 'YYYY-MM-DD' (UTC). */
  readonly day: string;
  readonly dueAt: Date;
  /** How many records it holds, as the planner estimates. */
  readonly records: number;
  /** The day as its certificate line names it. */
  readonly label: string;
  /** Drops it (only the sweep may), answering how many records it held and the XOR of their ids. */
  drop(trx: Tx, now: Date): Promise<{ records: number; idsXor: string }>;
}

/** The partitioned days of every kind that fall due by `dueBy`, soonest due first. */
export async function partitionDaysDue(trx: Tx, dueBy: Date): Promise<PartitionDay[]> {
  const tracking = (await trackingDaysDue(trx, dueBy)).map((day): PartitionDay => ({
    table: 'tracking_events',
    recordType: day.recordType,
    day: day.day,
    dueAt: day.dueAt,
    records: day.events,
    label: `${day.class}:${day.day}`,
    drop: async (t, now) => {
      const { events, idsXor } = await dropTrackingDay(t, day, now);
      return { records: events, idsXor };
    },
  }));
  const images = (await imageDaysDue(trx, dueBy)).map((day): PartitionDay => ({
    table: 'mailpiece_images',
    recordType: day.recordType,
    day: day.day,
    dueAt: day.dueAt,
    records: day.images,
    label: `image:${day.day}`,
    drop: async (t, now) => {
      const { images: records, idsXor } = await dropImageDay(t, day, now);
      return { records, idsXor };
    },
  }));
  return [...tracking, ...images].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Whether an active hold covers a partitioned day: held by record type and dates only, since
 * tracking events and mailpiece images name no subject, case or area.
 */
export async function partitionDayHeld(trx: Tx, day: Pick<PartitionDay, 'day' | 'recordType'>): Promise<boolean> {
  const start = new Date(`${day.day}T00:00:00Z`);
  const end = new Date(start.getTime() + 24 * 60 * 60 * 1000);
  const held = await sql<{ held: boolean }>`SELECT EXISTS (
      SELECT 1 FROM legal_holds h
      WHERE h.released_at IS NULL AND h.subject_id IS NULL AND h.case_id IS NULL AND h.business_area IS NULL
        AND (h.record_type IS NULL OR h.record_type = ${day.recordType})
        AND (h.created_from IS NULL OR h.created_from < ${end})
        AND (h.created_to IS NULL OR h.created_to > ${start})) AS held`.execute(trx);
  return held.rows[0]!.held;
}
