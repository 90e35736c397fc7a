import type { TableDecl } from '../types.ts';

// Migration 0022_privacy_requests: Privacy Act requests (5 U.S.C. 552a(d)). Kept under
// 880.000 as record type usps-880/inquiry ("Service inquiries and correspondence"): the
// catalog has no record type of its own for Privacy Act request files.
export const privacyRequestTables: Readonly<Record<string, TableDecl>> = {
  privacy_requests: {
    personal: true,
    notice: '880.000',
    description:
      'Privacy Act requests (notification, access, amendment, appeal): channel, status, deadlines, identity verification and decision; the requester, the request, the evidence, the reasons and the value asked for encrypted.',
    columns: {
      id: 'operational',
      number: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      kind: 'operational',
      channel: 'operational',
      status: 'operational',
      requester_ct: 'identifier',
      details_ct: 'content',
      received_at: 'operational',
      identity_method: 'operational',
      identity_evidence_ct: 'sensitive',
      identity_verified_by: 'operational',
      identity_verified_at: 'operational',
      acknowledge_due: 'operational',
      decide_due: 'operational',
      acknowledged_at: 'operational',
      decided_at: 'operational',
      decision_reason_ct: 'content',
      appeal_of: 'operational',
      appeal_window_ends: 'operational',
      record_table: 'operational',
      record_id: 'operational',
      field: 'operational',
      requested_value_ct: 'content',
      record_type: 'operational',
      dispose_after: 'operational',
      created_by: 'operational',
      created_at: 'operational',
    },
  },
  privacy_request_events: {
    personal: true,
    notice: '880.000',
    description: 'The history of each Privacy Act request: what was done, by whom and when, as codes and ids.',
    columns: {
      id: 'operational',
      seq: 'operational',
      request_id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      kind: 'operational',
      actor: 'operational',
      at: 'operational',
      detail: 'operational',
    },
  },
  statements_of_disagreement: {
    personal: true,
    notice: '880.000',
    description:
      'Statements of disagreement a subject filed after a refused amendment (552a(d)(3)), attached to the disputed record; the statement encrypted.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      request_id: 'operational',
      record_table: 'operational',
      record_id: 'operational',
      statement_ct: 'content',
      filed_by: 'operational',
      filed_at: 'operational',
      dispose_after: 'operational',
    },
  },
};
