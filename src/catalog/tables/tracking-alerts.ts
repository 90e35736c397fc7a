import type { TableDecl } from '../types.ts';

// Migration 0031_tracking_alerts: customers' subscriptions to a piece's scans, by e-mail or
// text message (820.200, record type usps-820/confirmation-services).
export const trackingAlertTables: Readonly<Record<string, TableDecl>> = {
  tracking_subscriptions: {
    personal: true,
    notice: '820.200',
    description:
      'Tracking alert subscriptions: the piece followed (article number or IMb tracking code), the channel, the e-mail address or text message number and cell phone carrier (encrypted), which events to send, how far alerts have gone, until when.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      class: 'operational',
      piece: 'identifier',
      channel: 'operational',
      address_ct: 'identifier',
      carrier_ct: 'identifier',
      events: 'operational',
      alerted_events: 'operational',
      last_event_at: 'operational',
      claimed_until: 'operational',
      alerts_sent: 'operational',
      last_error: 'operational',
      created_by: 'operational',
      created_at: 'operational',
      expires_at: 'operational',
      cancelled_at: 'operational',
      dispose_after: 'operational',
    },
  },
};
