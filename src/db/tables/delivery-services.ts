// Kysely row types of the delivery-services tables (src/db/tables.ts merges them into Tables; migration 0029 creates them).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A PostgreSQL date read as 'YYYY-MM-DD' (src/db sets the pg type parser for dates to the string itself). */
type CalendarDate = ColumnType<string, string, string>;

/** Migration 0029_tracking_delivery_requests: redeliveries and package pickups. */
export interface DeliveryRequestsTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  kind: 'redelivery' | 'pickup';
  article_numbers: string[];
  address_ct: Buffer;
  requested_on: CalendarDate;
  redelivery_option: 'deliver' | 'post_office' | null;
  pickup_number: string | null;
  package_count: number | null;
  total_weight_lb: number | null;
  location: 'front_door' | 'back_door' | 'side_door' | 'knock_ring' | 'mail_room' | 'office_reception' | 'mailbox' | 'other' | null;
  instructions_ct: Buffer | null;
  status: 'requested' | 'cancelled' | 'completed';
  status_by: string | null;
  status_at: Timestamp | null;
  entered_by: string;
  created_at: Timestamp;
  dispose_after: Timestamp | null;
}

/** Migration 0029_tracking_delivery_requests: one row of delivery preferences per customer. */
export interface DeliveryPreferencesTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  when_absent: 'leave_at_door' | 'hold_at_post_office' | 'redeliver' | 'signature_required' | null;
  delivery_days: number[];
  preferred_contact: 'email' | 'phone' | 'mail' | 'fax' | 'text_message' | 'none' | null;
  drop_ship_codes: string[];
  instructions_ct: Buffer | null;
  updated_by: string;
  updated_at: Timestamp;
  dispose_after: Timestamp | null;
}

export interface DeliveryServiceTables {
  delivery_requests: DeliveryRequestsTable;
  delivery_preferences: DeliveryPreferencesTable;
}
