import type { TableDecl } from '../types.ts';

// Migration 0026_tracking_events: scans of mailpieces and packages (820.200, record types
// usps-820/mail-tracking and usps-820/package-tracking), kept in day partitions.
export const trackingTables: Readonly<Record<string, TableDecl>> = {
  tracking_events: {
    personal: true,
    notice: '820.200',
    description:
      'Tracking events from carrier and processing feeds: the piece (article number or IMb tracking code), where it is addressed (ZIP, ZIP+4 or delivery point), the mailer, what happened, when and where. Disposed of a day at a time: 30 days for mail, 90 for packages.',
    columns: {
      class: 'operational',
      event_day: 'operational',
      event_id: 'operational',
      piece: 'identifier',
      zip11: 'identifier',
      mailer_id: 'identifier',
      service_type: 'operational',
      event: 'operational',
      event_at: 'operational',
      facility_zip: 'operational',
      source: 'operational',
      received_at: 'operational',
    },
  },
  tracking_pieces: {
    personal: true,
    notice: '820.200',
    description:
      'Which days hold each piece’s tracking events (the article number or IMb tracking code, the first and last day seen), so that a lookup reads only those days; a piece goes with the last day it was seen.',
    columns: {
      class: 'operational',
      piece: 'identifier',
      first_day: 'operational',
      last_day: 'operational',
    },
  },
};
