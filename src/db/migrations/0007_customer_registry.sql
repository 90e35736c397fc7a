-- The full customer registry of 880.000 (and the company fields 890.000 retrieves by):
-- every value a customer has (names, addresses, e-mails, phones, identifiers, titles,
-- preferences) is one row, with where it came from and when, so several of a kind can be
-- held, each typed, and a changed value keeps its history until the record is disposed of.

-- 0005 held one value per field in columns of `customers`; their ciphertexts are bound to
-- those columns and cannot be moved by SQL. Caseline had no release holding customers
-- then, so a database that has any is refused rather than silently emptied.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM customers) THEN
    RAISE EXCEPTION 'customers created by a pre-release build cannot be migrated to the registry; export them and start from an empty database';
  END IF;
END
$$;

ALTER TABLE customers
  DROP COLUMN name_ct,
  DROP COLUMN email_ct,
  DROP COLUMN phone_ct,
  DROP COLUMN zip_ct,
  DROP COLUMN ssn_last4_ct,
  -- A customer merged into another stays, hidden, so the merge can be undone.
  ADD COLUMN merged_into uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  ADD COLUMN merged_at timestamptz;

CREATE TABLE customer_values (
  id            uuid PRIMARY KEY,
  -- The customer holding the value, whose data key encrypts it (re-encrypted on merge).
  subject_id    uuid NOT NULL REFERENCES customers (subject_id) ON DELETE CASCADE,
  business_area text,
  -- A field of record type usps-880/customer in the catalog (src/catalog).
  field         text NOT NULL,
  -- Its type among several: home, work, billing, mobile, legal, …
  label         text,
  value_ct      bytea NOT NULL,
  is_primary    boolean NOT NULL DEFAULT false,
  record_source text NOT NULL CHECK (record_source IN ('customer', 'agent', 'list_provider', 'import')),
  recorded_by   text NOT NULL,
  recorded_at   timestamptz NOT NULL,
  -- Replaced or removed: kept for the record's history, no longer findable.
  removed_at    timestamptz,
  removed_by    text
);
SELECT caseline.protect('customer_values');
CREATE INDEX customer_values_current ON customer_values (subject_id, field) WHERE removed_at IS NULL;

-- Key contacts of an organisation (880.000 "key contacts' names"): both are customers.
CREATE TABLE customer_contacts (
  id              uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES customers (subject_id) ON DELETE CASCADE,
  subject_id      uuid NOT NULL REFERENCES customers (subject_id) ON DELETE CASCADE,
  business_area   text,
  relationship    text NOT NULL CHECK (relationship IN ('primary', 'billing', 'technical', 'shipping', 'executive', 'other')),
  recorded_by     text NOT NULL,
  recorded_at     timestamptz NOT NULL,
  ended_at        timestamptz
);
SELECT caseline.protect('customer_contacts');
CREATE INDEX customer_contacts_organisation ON customer_contacts (organisation_id);
CREATE INDEX customer_contacts_subject ON customer_contacts (subject_id);

-- Contact history: one timeline per customer. The registry writes its own events; cases,
-- orders, tracking and campaigns add theirs through the customers module.
CREATE TABLE contact_history (
  id            uuid PRIMARY KEY,
  subject_id    uuid NOT NULL REFERENCES customers (subject_id) ON DELETE CASCADE,
  business_area text,
  at            timestamptz NOT NULL,
  kind          text NOT NULL,
  channel       text CHECK (channel IN ('email', 'phone', 'fax', 'web', 'letter', 'walk_in', 'import', 'system')),
  -- Field names and counts, never values: the timeline shows what happened, the record what it says.
  summary       text NOT NULL,
  source_table  text,
  source_id     text,
  actor         text NOT NULL
);
SELECT caseline.protect('contact_history');
CREATE INDEX contact_history_subject_at ON contact_history (subject_id, at DESC);

-- A merge, and what it moved, so that it can be undone exactly within its window.
CREATE TABLE customer_merges (
  id            uuid PRIMARY KEY,
  subject_id    uuid NOT NULL REFERENCES customers (subject_id) ON DELETE CASCADE,
  merged_id     uuid NOT NULL REFERENCES customers (subject_id) ON DELETE CASCADE,
  business_area text,
  -- Per moved table, the ids of the rows moved from the merged customer to the survivor.
  moved         jsonb NOT NULL,
  merged_by     text NOT NULL,
  merged_at     timestamptz NOT NULL,
  undo_until    timestamptz NOT NULL,
  unmerged_by   text,
  unmerged_at   timestamptz
);
SELECT caseline.protect('customer_merges');
CREATE INDEX customer_merges_subject ON customer_merges (subject_id);
CREATE INDEX customer_merges_merged ON customer_merges (merged_id);
