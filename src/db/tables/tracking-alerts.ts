// Kysely row types of the tracking alert tables (src/db/tables.ts merges them into Tables; migration 0031 creates them).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Migration 0031_tracking_alerts: a customer's request to be told of a piece's scans. */
export interface TrackingSubscriptionsTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  class: 'mail' | 'package';
  piece: string;
  channel: 'email' | 'text';
  address_ct: Buffer;
  carrier_ct: Buffer | null;
  events: 'all' | 'delivery_and_exceptions';
  /** Digests (tracking_events.event_id, decimal text) of the events already alerted or passed over. */
  alerted_events: ColumnType<string[], string[] | undefined, string[]>;
  last_event_at: Timestamp | null;
  claimed_until: Timestamp | null;
  alerts_sent: Generated<number>;
  last_error: string | null;
  created_by: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  cancelled_at: Timestamp | null;
  dispose_after: Timestamp;
}

export interface TrackingAlertTables {
  tracking_subscriptions: TrackingSubscriptionsTable;
}
