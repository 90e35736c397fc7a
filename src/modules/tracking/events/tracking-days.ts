import { sql } from 'kysely';
import type { Tx } from '../../../db/index.ts';
import { keepDays, trackingClasses, type TrackingClass } from './tracking-event.ts';

/** A day of one class's events, stored as one partition. */
export interface TrackingDay {
  readonly class: TrackingClass;
  readonly recordType: string;
  /** 'YYYY-MM-DD' (UTC). */
  readonly day: string;
  /** When the day's last event reaches the end of its retention. */
  readonly dueAt: Date;
  /** How many events it holds, as the planner estimates (exact while it has not been analysed yet). */
  readonly events: number;
}

const dayMs = 24 * 60 * 60 * 1000;

/** When the events of `day` are all past their class's retention: the day after it, plus the days kept. */
export function trackingDayDue(trackingClass: TrackingClass, day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + (keepDays[trackingClass] + 1) * dayMs);
}

/**
 * The days stored, of every class, that fall due by `dueBy`, with how many events each holds;
 * soonest due first. Only those are counted: a day being loaded today may hold millions.
 */
export async function trackingDaysDue(trx: Tx, dueBy: Date): Promise<TrackingDay[]> {
  const days: TrackingDay[] = [];
  for (const trackingClass of Object.keys(trackingClasses) as TrackingClass[]) {
    const rows = await sql<{ day: string; estimate: number }>`
      SELECT day::text AS day, estimate FROM caseline.tracking_partitions(${trackingClass})`.execute(trx);
    for (const { day, estimate } of rows.rows) {
      const dueAt = trackingDayDue(trackingClass, day);
      if (dueAt.getTime() > dueBy.getTime()) continue;
      const events =
        estimate >= 0
          ? estimate
          : (
              await trx
                .selectFrom('tracking_events')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('class', '=', trackingClass)
                .where('event_day', '=', day)
                .executeTakeFirstOrThrow()
            ).n;
      days.push({
        class: trackingClass,
        recordType: trackingClasses[trackingClass],
        day,
        dueAt,
        events: Number(events),
      });
    }
  }
  return days.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Drops a day past its retention (only a system principal may: see 0026_tracking_events) and
 * answers what it held: the count and the XOR of the event ids, for the certificate.
 */
export async function dropTrackingDay(trx: Tx, day: TrackingDay, now: Date): Promise<{ events: number; idsXor: string }> {
  const today = now.toISOString().slice(0, 10);
  const result = await sql<{ events: number; ids_xor: string }>`
    SELECT events, ids_xor FROM caseline.drop_tracking_partition(${day.class}, ${day.day}::date, ${today}::date)`.execute(trx);
  const row = result.rows[0]!;
  // Pieces last seen that day have no event left (those of a held day stay with it).
  await trx.deleteFrom('tracking_pieces').where('class', '=', day.class).where('last_day', '=', day.day).execute();
  return { events: Number(row.events), idsXor: row.ids_xor };
}
