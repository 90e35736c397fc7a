import type { TableDecl } from '../types.ts';

// Migration 0019_retention: the retention engine's own records.
export const retentionTables = {
  legal_holds: {
    personal: true,
    notice: 'system',
    description:
      'Legal holds: which records (by subject, case, record type, business area, creation dates) are kept past their rule, why, whose hold it is and when it is reviewed.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      case_id: 'operational',
      record_type: 'operational',
      business_area: 'operational',
      created_from: 'operational',
      created_to: 'operational',
      reason: 'content',
      owner: 'operational',
      review_on: 'operational',
      placed_by: 'operational',
      placed_at: 'operational',
      released_by: 'operational',
      released_at: 'operational',
      release_note: 'content',
    },
  },
  disposal_certificates: {
    personal: false,
    description:
      'Disposal certificates: per run and record type, the rule applied, the method, how many records, files and keys went, over which due dates, and a hash of the disposed ids.',
    reason: 'Counts, dates, codes and a hash: they name no record and no person, so they can outlive everything they certify.',
  },
} as const satisfies Record<string, TableDecl>;
