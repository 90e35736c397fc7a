-- Customers: the people and organisations of the notices' "customer information"
-- categories (seed 000: name, mail and e-mail address, phone; identity verification:
-- last four of SSN). One row per data subject (customer_id = data_subjects.id).
-- Every value that identifies the customer is AES-256-GCM ciphertext under the subject's
-- data key (columns *_ct), found through blind_index, never stored or compared in clear.
CREATE TABLE customers (
  subject_id     uuid PRIMARY KEY REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area  text,
  kind           text NOT NULL CHECK (kind IN ('person', 'organisation')),
  name_ct        bytea NOT NULL,
  email_ct       bytea,
  phone_ct       bytea,
  zip_ct         bytea,
  ssn_last4_ct   bytea,
  -- Who supplied the data (seed 000, "Record source categories").
  record_source  text NOT NULL CHECK (record_source IN ('customer', 'agent', 'list_provider', 'import')),
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL
);
SELECT caseline.protect('customers');
