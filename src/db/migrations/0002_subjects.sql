-- Data subjects: the people and organisations whose personal data Caseline holds.
-- Every personal-data row elsewhere carries its subject's id and the business area it
-- belongs to (NULL: the enterprise-wide customer registry), which is what RLS decides on.
CREATE TABLE data_subjects (
  id            uuid PRIMARY KEY,
  kind          text NOT NULL CHECK (kind IN ('person', 'organisation')),
  business_area text,
  record_type   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- NULL until the subject's retention trigger has happened (e.g. relationship still open).
  dispose_after timestamptz
);
SELECT caseline.protect('data_subjects', 'id');

-- Per-subject data keys, wrapped by a master key. Destroying the row is crypto-shredding:
-- every ciphertext of the subject, including copies in old backups, becomes unreadable
-- once no backup of this row survives either, so backups of this table are kept shortest.
-- No foreign key to data_subjects: a key may outlive the subject row by one sweep,
-- and the sweep must be able to delete them in either order.
CREATE TABLE subject_keys (
  subject_id    uuid PRIMARY KEY,
  business_area text,
  master_key_id text NOT NULL,
  wrapped_key   bytea NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  rewrapped_at  timestamptz
);
SELECT caseline.protect('subject_keys');
-- Rotation walks keys still wrapped by an old master key.
CREATE INDEX subject_keys_master_key_id ON subject_keys (master_key_id);

-- Blind indexes: keyed HMACs of normalised values (e-mail, phone, ZIP, name tokens, …)
-- so records can be found by any retrieval key of the notices without storing the value.
CREATE TABLE blind_index (
  kind          text NOT NULL,
  digest        bytea NOT NULL,
  subject_id    uuid NOT NULL,
  business_area text,
  record_table  text NOT NULL,
  record_id     text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, digest, record_table, record_id)
);
SELECT caseline.protect('blind_index');
CREATE INDEX blind_index_subject ON blind_index (subject_id);
CREATE INDEX blind_index_record ON blind_index (record_table, record_id);
