import type { TableDecl } from '../types.ts';

// Migration 0030_tracking_mailings: business mailers' mailings (820.200, record types
// usps-820/drop-ship for destination entry and usps-820/business-mailing for origin entry).
export const mailingTables: Readonly<Record<string, TableDecl>> = {
  mailings: {
    personal: true,
    notice: '820.200',
    description:
      'Business mailers’ mailings: the mailer’s mailing id, Mailer ID and IMb serial range, postage statement data (class, category, presort, count, weight, postage), permit, container labels, destination entry and appointment, reply mailpiece permit, status and the mailing’s problems (encrypted).',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      record_type: 'operational',
      mailing_ref: 'operational',
      // The Mailer ID identifies the business, and finds its pieces among tracking events.
      mailer_id: 'identifier',
      serial_first: 'operational',
      serial_last: 'operational',
      postage_statement: 'operational',
      mailing_date: 'operational',
      mail_class: 'operational',
      processing_category: 'operational',
      price_category: 'operational',
      presort_level: 'operational',
      piece_count: 'operational',
      weight_grams: 'operational',
      postage_cents: 'operational',
      permit_number: 'operational',
      permit_type: 'operational',
      container_labels: 'operational',
      entry: 'operational',
      drop_ship_code: 'operational',
      appointment_at: 'operational',
      reply_kind: 'operational',
      reply_permit: 'operational',
      status: 'operational',
      problems_ct: 'content',
      entered_by: 'operational',
      created_at: 'operational',
      updated_at: 'operational',
      dispose_after: 'operational',
    },
  },
};
