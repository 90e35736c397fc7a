import type { TableDecl } from '../types.ts';

// Migration 0005_customers: the customer registry of 880.000 ("Customer information",
// "Identity verification information"). Values are ciphertext, but a ciphertext is still
// the value, so each column keeps the class of the field it holds.
export const customerTables = {
  customers: {
    personal: true,
    notice: '880.000',
    description: 'Customers (people and organisations) with their contact details and identity verification data, encrypted per subject.',
    columns: {
      subject_id: 'operational',
      business_area: 'operational',
      kind: 'operational',
      name_ct: 'identifier',
      email_ct: 'identifier',
      phone_ct: 'identifier',
      zip_ct: 'identifier',
      ssn_last4_ct: 'sensitive',
      record_source: 'operational',
      created_at: 'operational',
      updated_at: 'operational',
    },
  },
} as const satisfies Readonly<Record<string, TableDecl>>;
