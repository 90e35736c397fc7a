import type { BulkSession } from '../../../db/index.ts';
import type { TrackingEvent } from './tracking-event.ts';

const columns = 'class, event_day, event_id, piece, zip11, mailer_id, service_type, event, event_at, facility_zip, source, received_at';

/**
 * The transaction's staging table: a feed is loaded into it (COPY on the server) and moved into
 * tracking_events with one INSERT … ON CONFLICT DO NOTHING, which is what makes a replayed
 * event count once. Temporary and emptied at commit, so nothing of one load is seen by the next.
 */
export async function createStage(session: BulkSession): Promise<void> {
  await session.query(`CREATE TEMP TABLE IF NOT EXISTS tracking_stage (
      class text, event_day date, event_id bigint, piece text, zip11 text, mailer_id integer, service_type smallint,
      event text, event_at timestamptz, facility_zip text, source text, received_at timestamptz
    ) ON COMMIT DELETE ROWS`);
}

const nullable = (value: string | number | null) => (value === null ? '\\N' : String(value));

/** COPY text format. Every value was validated to digits, letters and a few marks: none needs escaping. */
export function stageLine(event: TrackingEvent, receivedAt: string): string {
  return `${event.class}\t${event.day}\t${event.id}\t${event.piece}\t${nullable(event.zip11)}\t${nullable(event.mailerId)}\t${nullable(
    event.serviceType,
  )}\t${event.event}\t${event.at.toISOString()}\t${nullable(event.facilityZip)}\t${event.source}\t${receivedAt}\n`;
}

/** Stages a part of a load by COPY. */
export async function copyToStage(session: BulkSession, lines: readonly string[]): Promise<void> {
  await session.copyIn(`COPY tracking_stage (${columns}) FROM STDIN`, lines);
}

/** Where COPY is not available (PGlite): the same staging, a batch at a time through arrays. */
export async function insertIntoStage(session: BulkSession, events: readonly TrackingEvent[], receivedAt: Date): Promise<void> {
  if (events.length === 0) return;
  await session.query(
    `INSERT INTO tracking_stage (${columns})
     SELECT * FROM unnest($1::text[], $2::date[], $3::bigint[], $4::text[], $5::text[], $6::integer[], $7::smallint[],
                          $8::text[], $9::timestamptz[], $10::text[], $11::text[], $12::timestamptz[])`,
    [
      events.map((e) => e.class),
      events.map((e) => e.day),
      events.map((e) => e.id),
      events.map((e) => e.piece),
      events.map((e) => e.zip11),
      events.map((e) => e.mailerId),
      events.map((e) => e.serviceType),
      events.map((e) => e.event),
      events.map((e) => e.at.toISOString()),
      events.map((e) => e.facilityZip),
      events.map((e) => e.source),
      events.map(() => receivedAt.toISOString()),
    ],
  );
}

/** Makes the day partition of a class if it is missing (as the database's owner: see 0026_tracking_events). */
export const partitionStatement = 'SELECT caseline.tracking_partition($1, $2::date, $3::date)';

/**
 * Moves the staged events into their partitions and widens each piece's span of days in the
 * directory lookups read; answers how many events were new (the rest were there already).
 */
export async function storeStaged(session: BulkSession): Promise<number> {
  const stored = await session.query(
    `INSERT INTO tracking_events (${columns}) SELECT ${columns} FROM tracking_stage ON CONFLICT DO NOTHING`,
  );
  await session.query(`INSERT INTO tracking_pieces (class, piece, first_day, last_day)
     SELECT class, piece, min(event_day), max(event_day) FROM tracking_stage GROUP BY class, piece
     ON CONFLICT (piece, class) DO UPDATE
       SET first_day = least(tracking_pieces.first_day, excluded.first_day), last_day = greatest(tracking_pieces.last_day, excluded.last_day)
       WHERE excluded.first_day < tracking_pieces.first_day OR excluded.last_day > tracking_pieces.last_day`);
  // Emptied for the load's next part (ON COMMIT empties it at the end).
  await session.query('TRUNCATE tracking_stage');
  return stored.rowCount;
}
