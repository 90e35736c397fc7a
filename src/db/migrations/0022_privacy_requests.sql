-- Privacy Act requests (issue 6; 5 U.S.C. 552a(d); DESIGN.md principle 4): a subject asks
-- whether records about them exist (notification), for a copy of them (access), for a
-- correction (amendment), or for review of a refusal (appeal). Each request runs a clock on
-- the agency's business-day calendar (src/modules/privacy/requests/deadlines.ts); the due
-- dates are written when the request is received so that the overdue list is one query.
--
-- Who asked and what they asked are personal data: ciphertext under the key of the
-- request's data subject (the known customer's, or a subject of its own for a requester not
-- in the registry, as for an unknown sender's case). Everything else is a code, an id or a date.
--
-- Retention: the catalog has no record type for Privacy Act request files. They are kept as
-- 'usps-880/inquiry' (880.000 "Service inquiries and correspondence", 2 years after
-- resolution): the closest existing type. dispose_after is NULL while the request is open
-- and is written when it is decided, withdrawn or closed.

CREATE SEQUENCE privacy_request_number_seq;
GRANT USAGE ON SEQUENCE privacy_request_number_seq TO caseline_app;

CREATE TABLE privacy_requests (
  id                    uuid PRIMARY KEY,
  -- 'PA-2026-000123': the year received and a serial from the sequence.
  number                text NOT NULL UNIQUE CHECK (number ~ '^PA-[0-9]{4}-[0-9]{6,}$'),
  subject_id            uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area         text,
  kind                  text NOT NULL CHECK (kind IN ('notification', 'access', 'amendment', 'appeal')),
  channel               text NOT NULL CHECK (channel IN ('portal', 'letter', 'email', 'walk_in', 'fax')),
  -- Allowed moves (request-service.ts statusTransitions): received → in_review, withdrawn;
  -- in_review → granted, partially_granted, denied, withdrawn; a decision → closed.
  status                text NOT NULL CHECK (status IN (
                          'received', 'in_review', 'granted', 'partially_granted', 'denied', 'withdrawn', 'closed')),
  -- The requester's name and postal address as given: one encrypted JSON document.
  requester_ct          bytea NOT NULL,
  details_ct            bytea NOT NULL,
  received_at           timestamptz NOT NULL,
  -- 39 CFR 266.6: how the requester's identity was verified, on what evidence and by whom.
  identity_method       text CHECK (identity_method IN ('document', 'notarized_statement', 'in_person', 'portal_account', 'knowledge')),
  identity_evidence_ct  bytea,
  identity_verified_by  text,
  identity_verified_at  timestamptz,
  -- From deadlines.ts: the end of the due day in New York. Only amendments have an
  -- acknowledgement deadline; every kind has a decision (answer) deadline.
  acknowledge_due       timestamptz,
  decide_due            timestamptz NOT NULL,
  acknowledged_at       timestamptz,
  decided_at            timestamptz,
  decision_reason_ct    bytea,
  -- An appeal names the request whose denial it contests. SET NULL: the appeal is its own
  -- record with its own retention.
  appeal_of             uuid REFERENCES privacy_requests (id) ON DELETE SET NULL,
  -- Set when an access or amendment request is denied (in whole or part): 90 calendar days.
  appeal_window_ends    timestamptz,
  -- The amendment's target: a record of a catalog table and its field. No foreign key: one
  -- column cannot reference every table.
  record_table          text CHECK (record_table ~ '^[a-z][a-z0-9_]{0,62}$'),
  record_id             text CHECK (length(record_id) BETWEEN 1 AND 100),
  field                 text CHECK (length(field) BETWEEN 1 AND 63),
  requested_value_ct    bytea,
  record_type           text NOT NULL CHECK (length(record_type) BETWEEN 1 AND 120),
  dispose_after         timestamptz,
  created_by            text NOT NULL,
  created_at            timestamptz NOT NULL,
  CONSTRAINT privacy_requests_identity_whole CHECK (
    (identity_method IS NULL) = (identity_verified_by IS NULL) AND (identity_method IS NULL) = (identity_verified_at IS NULL)),
  CONSTRAINT privacy_requests_amendment_target CHECK (
    kind NOT IN ('amendment') OR (record_table IS NOT NULL AND record_id IS NOT NULL AND field IS NOT NULL)),
  -- An appeal may outlive the request it appealed (each goes under its own date).
  CONSTRAINT privacy_requests_appeal_of CHECK (kind = 'appeal' OR appeal_of IS NULL),
  CONSTRAINT privacy_requests_decided CHECK (
    status NOT IN ('granted', 'partially_granted', 'denied') OR decided_at IS NOT NULL)
);
SELECT caseline.protect('privacy_requests');

-- The privacy office enters requests that come by letter and files appeals for requesters;
-- it may update every area's records but create none (the matrix), so entering a request
-- needs record.create or record.update on the subject.
DROP POLICY create_ ON privacy_requests;
CREATE POLICY create_ ON privacy_requests FOR INSERT WITH CHECK (
  caseline.allowed('record.create', subject_id, business_area) OR caseline.allowed('record.update', subject_id, business_area));

-- The open requests by due date (the clocks, the overdue list) and a subject's requests.
CREATE INDEX privacy_requests_open ON privacy_requests (decide_due) WHERE decided_at IS NULL;
CREATE INDEX privacy_requests_subject ON privacy_requests (subject_id, received_at DESC);
CREATE INDEX privacy_requests_appeal_of ON privacy_requests (appeal_of) WHERE appeal_of IS NOT NULL;
CREATE INDEX privacy_requests_dispose_after ON privacy_requests (dispose_after) WHERE dispose_after IS NOT NULL;

-- What happened to a request, in order: received, identity verified, acknowledged, decided,
-- recipients to be notified, appealed. The detail holds codes and ids only, never the text.
CREATE TABLE privacy_request_events (
  id             uuid PRIMARY KEY,
  -- The order events were written in: several share one instant (a decision's steps).
  seq            bigint GENERATED ALWAYS AS IDENTITY,
  request_id     uuid NOT NULL REFERENCES privacy_requests (id) ON DELETE CASCADE,
  subject_id     uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area  text,
  kind           text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,62}$'),
  actor          text NOT NULL,
  at             timestamptz NOT NULL,
  detail         jsonb NOT NULL DEFAULT '{}'
);
SELECT caseline.protect('privacy_request_events');
DROP POLICY create_ ON privacy_request_events;
CREATE POLICY create_ ON privacy_request_events FOR INSERT WITH CHECK (
  caseline.allowed('record.create', subject_id, business_area) OR caseline.allowed('record.update', subject_id, business_area));
CREATE INDEX privacy_request_events_request ON privacy_request_events (request_id, seq);

-- 552a(d)(3)-(4): after a refusal to amend, the individual's concise statement of the
-- reasons for disagreeing. It attaches to the disputed record; every later disclosure of
-- that record must note the dispute and carry the statement (hasStatementOfDisagreement).
-- It is kept as long as the disputed record: dispose_after is NULL (the statement goes with
-- the subject's records) and request_id is SET NULL when the request file is disposed of first.
CREATE TABLE statements_of_disagreement (
  id             uuid PRIMARY KEY,
  subject_id     uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area  text,
  request_id     uuid REFERENCES privacy_requests (id) ON DELETE SET NULL,
  record_table   text NOT NULL CHECK (record_table ~ '^[a-z][a-z0-9_]{0,62}$'),
  record_id      text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 100),
  statement_ct   bytea NOT NULL,
  filed_by       text NOT NULL,
  filed_at       timestamptz NOT NULL,
  dispose_after  timestamptz
);
SELECT caseline.protect('statements_of_disagreement');
DROP POLICY create_ ON statements_of_disagreement;
CREATE POLICY create_ ON statements_of_disagreement FOR INSERT WITH CHECK (
  caseline.allowed('record.create', subject_id, business_area) OR caseline.allowed('record.update', subject_id, business_area));
-- The disclosure flow asks, for one record, whether it is disputed.
CREATE INDEX statements_of_disagreement_record ON statements_of_disagreement (record_table, record_id);
