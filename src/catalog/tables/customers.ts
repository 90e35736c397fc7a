import type { TableDecl } from '../types.ts';

// Migrations 0005_customers and 0007_customer_registry: the customer registry of 880.000
// ("Customer information", "Identity verification information", "Customer preferences").
// Values are ciphertext, but a ciphertext is still the value, so each column keeps the
// class of the field it holds.
export const customerTables = {
  customers: {
    personal: true,
    notice: '880.000',
    description: 'Customers (people and organisations): one row per customer, its values in customer_values.',
    columns: {
      subject_id: 'operational',
      business_area: 'operational',
      kind: 'operational',
      record_source: 'operational',
      created_at: 'operational',
      updated_at: 'operational',
      merged_into: 'operational',
      merged_at: 'operational',
    },
  },
  customer_values: {
    personal: true,
    notice: '880.000',
    description:
      "Every value a customer has (names, addresses, e-mails, phones, identifiers, titles, preferences), each with its source and time, encrypted under the customer's key.",
    columns: {
      id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      field: 'operational',
      label: 'operational',
      // Each value is of its field's class in record type usps-880/customer; the column
      // holds the last four of SSN too, so it is as sensitive as the most sensitive of them.
      value_ct: 'sensitive',
      is_primary: 'operational',
      record_source: 'operational',
      recorded_by: 'operational',
      recorded_at: 'operational',
      removed_at: 'operational',
      removed_by: 'operational',
    },
  },
  customer_contacts: {
    personal: true,
    notice: '880.000',
    description: "An organisation's key contacts: links between two customers and the contact's relationship.",
    columns: {
      id: 'operational',
      organisation_id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      relationship: 'operational',
      recorded_by: 'operational',
      recorded_at: 'operational',
      ended_at: 'operational',
    },
  },
  contact_history: {
    personal: true,
    notice: '880.000',
    description: "A customer's contact history: what happened when, through which channel, summarised by field names and counts only.",
    columns: {
      id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      at: 'operational',
      kind: 'operational',
      channel: 'operational',
      summary: 'operational',
      source_table: 'operational',
      source_id: 'operational',
      actor: 'operational',
    },
  },
  customer_merges: {
    personal: true,
    notice: '880.000',
    description: 'Merges of duplicate customers and the rows each moved, kept so a merge can be undone within 30 days.',
    columns: {
      id: 'operational',
      subject_id: 'operational',
      merged_id: 'operational',
      business_area: 'operational',
      moved: 'operational',
      merged_by: 'operational',
      merged_at: 'operational',
      undo_until: 'operational',
      unmerged_by: 'operational',
      unmerged_at: 'operational',
    },
  },
} as const satisfies Readonly<Record<string, TableDecl>>;
