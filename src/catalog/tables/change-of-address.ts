import type { TableDecl } from '../types.ts';

// Migration 0027_tracking_change_of_address: Change of Address requests (820.200, record type
// usps-820/customer-account), the identity verification recorded with each (880.000, record
// type usps-880/identity-verification) and the CMRA addresses the fraud screen knows.
export const changeOfAddressTables: Readonly<Record<string, TableDecl>> = {
  coa_identity_verifications: {
    personal: true,
    notice: '880.000',
    description:
      'How a Change of Address requester proved who they are: method, outcome, who verified and when; kept 2 years from the verification.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      service: 'operational',
      method: 'operational',
      outcome: 'operational',
      verified_by: 'operational',
      verified_at: 'operational',
      created_at: 'operational',
      resolved_at: 'operational',
      dispose_after: 'operational',
    },
  },
  changes_of_address: {
    personal: true,
    notice: '820.200',
    description:
      'Change of Address requests: kind, dates, the name and the old and new mailing address (encrypted), keyed digests of the addresses, device and network for the fraud screen, its score and reasons, and the fraud team’s decision.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      business_area: 'operational',
      move_type: 'operational',
      duration: 'operational',
      effective_on: 'operational',
      ends_on: 'operational',
      name_ct: 'identifier',
      old_address_ct: 'identifier',
      new_address_ct: 'identifier',
      // Keyed digests of identifiers: they find matching requests, so they are classed as what they stand for.
      old_address_key: 'identifier',
      new_address_key: 'identifier',
      device_key: 'identifier',
      network_key: 'identifier',
      forwards_to_po_box: 'operational',
      forwards_to_cmra: 'operational',
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
      dispose_after: 'operational',
    },
  },
  coa_cmra_addresses: {
    personal: false,
    description:
      'Street addresses of commercial mail receiving agencies, listed by an administrator for the Change of Address fraud screen.',
    reason: 'Business premises open to the public, about no data subject; the private mailboxes rented there are not listed.',
  },
};
