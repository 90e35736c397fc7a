// Kysely row types of the mailings table (src/db/tables.ts merges them into Tables; migration 0030 creates it).
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A PostgreSQL date read as 'YYYY-MM-DD' (src/db sets the pg type parser for dates to the string itself). */
type CalendarDate = ColumnType<string, string, string>;
/** bigint columns (src/db parses int8 as a number on both engines). */
type Int8 = ColumnType<number, number, number>;

/** Migration 0030_tracking_mailings. */
export interface MailingsTable {
  id: string;
  subject_id: string;
  customer_id: string | null;
  business_area: string | null;
  record_type: 'usps-820/drop-ship' | 'usps-820/business-mailing';
  mailing_ref: string;
  mailer_id: string;
  serial_first: Int8 | null;
  serial_last: Int8 | null;
  postage_statement: string;
  mailing_date: CalendarDate;
  mail_class: 'first_class' | 'marketing' | 'periodicals' | 'bound_printed_matter' | 'package_services';
  processing_category: 'letters' | 'flats' | 'parcels';
  price_category: string;
  presort_level: 'carrier_route' | '5_digit' | '3_digit' | 'aadc' | 'mixed_aadc' | 'adc' | 'mixed_adc' | 'single_piece';
  piece_count: number;
  weight_grams: Int8;
  postage_cents: Int8;
  permit_number: string;
  permit_type: 'permit_imprint' | 'precanceled_stamp' | 'meter';
  container_labels: string[];
  entry: 'origin' | 'dndc' | 'dscf' | 'ddu';
  drop_ship_code: string | null;
  appointment_at: Timestamp | null;
  reply_kind: 'business_reply_mail' | 'courtesy_reply_mail' | 'qbrm' | null;
  reply_permit: string | null;
  status: 'scheduled' | 'inducted' | 'in_processing' | 'completed' | 'cancelled';
  problems_ct: Buffer | null;
  entered_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  dispose_after: Timestamp | null;
}

export interface MailingTables {
  mailings: MailingsTable;
}
