import type { TableDecl } from '../types.ts';

// Migration 0029_tracking_delivery_requests: redeliveries and package pickups (820.200, record
// type usps-820/delivery-request) and each customer's delivery preferences (record type
// usps-820/customer-account, "Customer preference data").
export const deliveryServiceTables: Readonly<Record<string, TableDecl>> = {
  delivery_requests: {
    personal: true,
    notice: '820.200',
    description:
      'Redelivery and package pickup requests: the article numbers, the address (encrypted), the day, the redelivery option or the pickup confirmation number, package count and weight, where on the premises, instructions (encrypted) and status.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      kind: 'operational',
      article_numbers: 'identifier',
      address_ct: 'identifier',
      requested_on: 'operational',
      redelivery_option: 'operational',
      pickup_number: 'operational',
      package_count: 'operational',
      total_weight_lb: 'operational',
      location: 'operational',
      instructions_ct: 'content',
      status: 'operational',
      status_by: 'operational',
      status_at: 'operational',
      entered_by: 'operational',
      created_at: 'operational',
      dispose_after: 'operational',
    },
  },
  delivery_preferences: {
    personal: true,
    notice: '820.200',
    description:
      'Each customer’s delivery preferences: what to do when nobody is home, preferred delivery days, preferred means of contact, drop-ship codes of a business mailer and instructions for the carrier (encrypted).',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      when_absent: 'operational',
      delivery_days: 'operational',
      preferred_contact: 'operational',
      drop_ship_codes: 'operational',
      instructions_ct: 'content',
      updated_by: 'operational',
      updated_at: 'operational',
      dispose_after: 'operational',
    },
  },
};
