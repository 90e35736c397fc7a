import type { TableDecl } from '../types.ts';

// Migration 0015_calls: phone calls agents log (880.000, record type usps-880/call-center-contact).
export const callTables: Readonly<Record<string, TableDecl>> = {
  calls: {
    personal: true,
    notice: '880.000',
    description:
      'Phone calls logged by agents: direction, duration, disposition and the case they opened or continued; the number and the notes encrypted.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      customer_id: 'operational',
      case_id: 'operational',
      business_area: 'operational',
      direction: 'operational',
      number_ct: 'identifier',
      duration_seconds: 'operational',
      disposition: 'operational',
      notes_ct: 'content',
      agent: 'operational',
      started_at: 'operational',
      created_at: 'operational',
      dispose_after: 'operational',
    },
  },
};
