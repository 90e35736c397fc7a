import type { TableDecl } from '../types.ts';

// Migration 0028_tracking_hold_mail: Hold Mail requests (820.200, record type usps-820/hold-mail).
export const holdMailTables: Readonly<Record<string, TableDecl>> = {
  hold_mail_requests: {
    personal: true,
    notice: '820.200',
    description:
      'Hold Mail requests: begin and end dates, the name and the address held (encrypted), its ZIP Code for the delivery unit, what happens at the end, instructions (encrypted), the fraud screen’s score and reasons, the fraud team’s decision and any cancellation; kept 1 year from the request.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      begin_on: 'operational',
      ends_on: 'operational',
      name_ct: 'identifier',
      address_ct: 'identifier',
      // A keyed digest of the address: it finds matching requests, so it is classed as what it stands for.
      address_key: 'identifier',
      // Part of the address, in clear for the delivery unit's list of the day.
      zip5: 'identifier',
      end_action: 'operational',
      instructions_ct: 'content',
      verification_id: 'operational',
      risk_score: 'operational',
      screening: 'operational',
      reasons: 'operational',
      status: 'operational',
      decision: 'operational',
      decision_reason_ct: 'content',
      decided_by: 'operational',
      decided_at: 'operational',
      entered_by: 'operational',
      created_at: 'operational',
      cancelled_at: 'operational',
      cancelled_by: 'operational',
      dispose_after: 'operational',
    },
  },
};
