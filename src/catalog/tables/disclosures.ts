import type { TableDecl } from '../types.ts';

// Migration 0021_disclosures: the Privacy Act accounting of disclosures (5 U.S.C. 552a(c)).
// Kept for records of every notice, so declared as Caseline's own; each entry names the
// record type (and so the notice) of the record it accounts for.
export const disclosureTables = {
  disclosures: {
    personal: true,
    notice: 'system',
    description:
      'The accounting of disclosures: each record disclosed outside the organisation under a routine use, with the date, nature, routine use and kind of recipient; the purpose and the recipient’s name and address encrypted.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      record_table: 'operational',
      record_id: 'operational',
      record_type: 'operational',
      disclosed_at: 'operational',
      nature: 'operational',
      purpose_ct: 'content',
      recipient_ct: 'identifier',
      recipient_kind: 'operational',
      routine_use: 'operational',
      law_enforcement_request: 'operational',
      disputed: 'operational',
      entered_by: 'operational',
      entered_at: 'operational',
      dispose_after: 'operational',
    },
  },
} as const satisfies Record<string, TableDecl>;
