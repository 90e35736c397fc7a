-- The retention engine (issue 6; DESIGN.md principle 5): legal holds that keep records
-- past their rule, and the certificate of each disposal run. Neither holds personal data:
-- a hold names a subject, a case or a record type by id; a certificate counts records and
-- keeps a hash of their ids, never the ids themselves.
CREATE TABLE legal_holds (
  id            uuid PRIMARY KEY,
  -- What the hold covers: every criterion given must match (at least one is given).
  subject_id    uuid,
  case_id       uuid,
  record_type   text,
  business_area text,
  created_from  timestamptz,
  created_to    timestamptz,
  -- Why, for whom and until when it is reviewed: the matter, not the people in it.
  reason        text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  owner         text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  review_on     date NOT NULL,
  placed_by     text NOT NULL,
  placed_at     timestamptz NOT NULL,
  released_by   text,
  released_at   timestamptz,
  release_note  text CHECK (release_note IS NULL OR length(release_note) <= 500),
  CHECK (num_nonnulls(subject_id, case_id, record_type, business_area, created_from, created_to) > 0),
  CHECK (created_from IS NULL OR created_to IS NULL OR created_from < created_to),
  CHECK ((released_at IS NULL) = (released_by IS NULL))
);
CREATE INDEX legal_holds_active ON legal_holds (placed_at) WHERE released_at IS NULL;
GRANT SELECT, INSERT, UPDATE ON legal_holds TO caseline_app;
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
ALTER TABLE legal_holds FORCE ROW LEVEL SECURITY;
-- The records manager places and releases holds; the sweep (a system job) reads them.
CREATE POLICY read ON legal_holds FOR SELECT USING (caseline.allowed('retention.manage', NULL, NULL));
CREATE POLICY create_ ON legal_holds FOR INSERT WITH CHECK (caseline.allowed('retention.manage', NULL, NULL));
CREATE POLICY update_ ON legal_holds FOR UPDATE USING (caseline.allowed('retention.manage', NULL, NULL))
  WITH CHECK (caseline.allowed('retention.manage', NULL, NULL));

-- One line per record type disposed of in a run: what rule, how many, over which range of
-- due dates, how, and a SHA-256 over the disposed ids (sorted within each batch, chained
-- across batches) that proves which records went without keeping their ids.
CREATE TABLE disposal_certificates (
  run_id          uuid NOT NULL,
  record_table    text NOT NULL,
  record_type     text NOT NULL,
  rule            text NOT NULL,
  method          text NOT NULL,
  records         integer NOT NULL CHECK (records > 0),
  files           integer NOT NULL DEFAULT 0,
  keys_destroyed  integer NOT NULL DEFAULT 0,
  due_from        timestamptz NOT NULL,
  due_to          timestamptz NOT NULL,
  ids_sha256      bytea NOT NULL,
  started_at      timestamptz NOT NULL,
  finished_at     timestamptz NOT NULL,
  run_by          text NOT NULL,
  PRIMARY KEY (run_id, record_table, record_type)
);
CREATE INDEX disposal_certificates_finished ON disposal_certificates (finished_at);
GRANT SELECT, INSERT, UPDATE ON disposal_certificates TO caseline_app;
ALTER TABLE disposal_certificates ENABLE ROW LEVEL SECURITY;
ALTER TABLE disposal_certificates FORCE ROW LEVEL SECURITY;
-- Kept and auditable: written by the sweep, read by records managers and auditors, never deleted.
CREATE POLICY read ON disposal_certificates FOR SELECT
  USING (caseline.allowed('retention.manage', NULL, NULL) OR caseline.allowed('audit.read', NULL, NULL));
CREATE POLICY create_ ON disposal_certificates FOR INSERT WITH CHECK (caseline.principal_kind() = 'system');
CREATE POLICY update_ ON disposal_certificates FOR UPDATE USING (caseline.principal_kind() = 'system')
  WITH CHECK (caseline.principal_kind() = 'system');

-- The sweep finds due records by these.
CREATE INDEX cases_dispose_after ON cases (dispose_after) WHERE dispose_after IS NOT NULL;
CREATE INDEX data_subjects_dispose_after ON data_subjects (dispose_after) WHERE dispose_after IS NOT NULL;
-- Whether a subject has records left is read in the tables no other row depends on.
CREATE INDEX survey_responses_subject ON survey_responses (subject_id);
