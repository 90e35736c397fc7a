import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Partitioned by class and day (0026_tracking_events): written by COPY or a bulk INSERT, never updated. */
export interface TrackingEventsTable {
  class: 'mail' | 'package';
  /** 'YYYY-MM-DD', the UTC day of event_at. */
  event_day: string;
  /** A 64-bit digest, as its decimal text: a JavaScript number would round it. */
  event_id: string;
  piece: string;
  zip11: string | null;
  mailer_id: number | null;
  service_type: number | null;
  event: string;
  event_at: Timestamp;
  facility_zip: string | null;
  source: string;
  received_at: Timestamp;
}

/** Which days hold a piece's events (0026_tracking_events). */
export interface TrackingPiecesTable {
  class: 'mail' | 'package';
  piece: string;
  first_day: string;
  last_day: string;
}

export interface TrackingTables {
  tracking_events: TrackingEventsTable;
  tracking_pieces: TrackingPiecesTable;
}
