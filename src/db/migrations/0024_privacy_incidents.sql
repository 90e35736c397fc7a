-- Privacy incidents (issue 7; OMB M-17-12; DESIGN.md principle 4): the privacy office declares
-- an incident over a window of time, Caseline lists from the audit log everyone whose data went
-- to a portal session not their own or to staff without need-to-know (the blast radius), and the
-- office works the timeline (discovery, containment, confirmation, the report to CISA within one
-- hour of a confirmed breach, notification) and sends the notification letters.
--
-- Nothing here holds a person's values: the affected list names subjects, sessions and staff by
-- id and what was exposed by catalog record type and field class. The title and description
-- describe the incident, not the people in it.
--
-- Retention: the catalog has no record type for incident files (GRS 3.2 item 020 would keep
-- them 3 years after follow-up is complete; a record type for it is the catalog's to add, with
-- the notice's text). Until then they carry no dispose_after and the retention sweep leaves them.

CREATE SEQUENCE privacy_incident_number_seq;
GRANT USAGE ON SEQUENCE privacy_incident_number_seq TO caseline_app;

CREATE TABLE privacy_incidents (
  id                         uuid PRIMARY KEY,
  -- 'PI-2026-000001': the year declared and a serial from the sequence.
  number                     text NOT NULL UNIQUE CHECK (number ~ '^PI-[0-9]{4}-[0-9]{6,}$'),
  title                      text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  description                text NOT NULL CHECK (length(description) BETWEEN 1 AND 10000),
  -- The window the blast radius is computed over: [window_start, window_end).
  window_start               timestamptz NOT NULL,
  window_end                 timestamptz NOT NULL,
  -- Routes ('GET /portal/api/cases/:id') whose responses are suspect: a staff response on one
  -- of them counts as exposure whatever the staff member's areas.
  suspected_routes           text[] NOT NULL DEFAULT '{}',
  -- The release suspected of the defect (a version or commit), when known.
  suspected_release          text CHECK (suspected_release IS NULL OR length(suspected_release) BETWEEN 1 AND 100),
  status                     text NOT NULL CHECK (status IN ('open', 'confirmed', 'closed')),
  declared_by                text NOT NULL,
  declared_at                timestamptz NOT NULL,
  discovered_at              timestamptz NOT NULL,
  contained_at               timestamptz,
  -- A confirmed breach starts the clock: CISA is told within one hour (M-17-12, US-CERT
  -- reporting guidelines). The deadline is computed, not stored: it is confirmed_at + 1 hour.
  confirmed_at               timestamptz,
  reported_to_cisa_at        timestamptz,
  notification_completed_at  timestamptz,
  -- When the blast radius was last computed, and how many responses the egress guard stopped
  -- in the window (evidence, not exposure).
  radius_computed_at         timestamptz,
  blocked_responses          integer NOT NULL DEFAULT 0 CHECK (blocked_responses >= 0),
  CONSTRAINT privacy_incidents_window CHECK (window_start < window_end),
  CONSTRAINT privacy_incidents_reported_after_confirmed CHECK (reported_to_cisa_at IS NULL OR confirmed_at IS NOT NULL),
  CONSTRAINT privacy_incidents_status CHECK (
    (status = 'open' AND confirmed_at IS NULL AND notification_completed_at IS NULL)
    OR (status = 'confirmed' AND confirmed_at IS NOT NULL AND notification_completed_at IS NULL)
    OR (status = 'closed' AND notification_completed_at IS NOT NULL))
);

-- The incident register is the privacy office's: a privacy officer (audit.read and record.update)
-- declares and works incidents; an auditor (audit.read alone) reads them; system jobs do both.
ALTER TABLE privacy_incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_incidents FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON privacy_incidents FOR SELECT USING (caseline.allowed('audit.read', NULL, NULL));
CREATE POLICY create_ ON privacy_incidents FOR INSERT WITH CHECK (
  caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', NULL, NULL)
  AND declared_by = caseline.principal_kind() || ':' || caseline.principal_id());
CREATE POLICY update_ ON privacy_incidents FOR UPDATE
  USING (caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', NULL, NULL))
  WITH CHECK (caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', NULL, NULL));
GRANT SELECT, INSERT, UPDATE ON privacy_incidents TO caseline_app;
CREATE INDEX privacy_incidents_declared ON privacy_incidents (declared_at DESC);
-- The open clocks: confirmed breaches not yet reported.
CREATE INDEX privacy_incidents_unreported ON privacy_incidents (confirmed_at) WHERE reported_to_cisa_at IS NULL AND confirmed_at IS NOT NULL;

-- One row per person in the blast radius. Written by the computation, never by hand.
CREATE TABLE privacy_incident_affected (
  id                  uuid PRIMARY KEY,
  incident_id         uuid NOT NULL REFERENCES privacy_incidents (id) ON DELETE CASCADE,
  -- The affected person; erased with them (crypto-shredding leaves nobody to notify).
  subject_id          uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area       text,
  -- What went out, as the catalog names it: record types and the classes of their fields.
  record_types        text[] NOT NULL DEFAULT '{}',
  field_classes       text[] NOT NULL DEFAULT '{}',
  routes              text[] NOT NULL DEFAULT '{}',
  -- To whom: 'portal-session:<uuid>' or 'staff:<uuid>'; ids only.
  recipients          text[] NOT NULL CHECK (cardinality(recipients) > 0),
  responses           integer NOT NULL CHECK (responses > 0),
  first_exposed_at    timestamptz NOT NULL,
  last_exposed_at     timestamptz NOT NULL,
  letter_generated_at timestamptz,
  email_queued_at     timestamptz,
  -- The case the notification e-mail went out in: the person's replies thread into it. No
  -- foreign key: the case has its own retention and may go first.
  notice_case_id      uuid,
  UNIQUE (incident_id, subject_id),
  CHECK (first_exposed_at <= last_exposed_at),
  CHECK ((email_queued_at IS NULL) = (notice_case_id IS NULL))
);
ALTER TABLE privacy_incident_affected ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_incident_affected FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON privacy_incident_affected FOR SELECT USING (caseline.allowed('audit.read', NULL, NULL));
CREATE POLICY create_ ON privacy_incident_affected FOR INSERT WITH CHECK (
  caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', subject_id, business_area));
CREATE POLICY update_ ON privacy_incident_affected FOR UPDATE
  USING (caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', subject_id, business_area))
  WITH CHECK (caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', subject_id, business_area));
CREATE POLICY delete_ ON privacy_incident_affected FOR DELETE USING (
  caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', subject_id, business_area));
GRANT SELECT, INSERT, UPDATE, DELETE ON privacy_incident_affected TO caseline_app;
CREATE INDEX privacy_incident_affected_subject ON privacy_incident_affected (subject_id);

-- The incident's timeline, in order: declared, radius computed, contained, confirmed, reported
-- to CISA, letters generated, e-mails queued, notification completed. Codes and ids only.
CREATE TABLE privacy_incident_events (
  id           uuid PRIMARY KEY,
  seq          bigint GENERATED ALWAYS AS IDENTITY,
  incident_id  uuid NOT NULL REFERENCES privacy_incidents (id) ON DELETE CASCADE,
  kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z_]{0,62}$'),
  actor        text NOT NULL,
  at           timestamptz NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}'
);
ALTER TABLE privacy_incident_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE privacy_incident_events FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON privacy_incident_events FOR SELECT USING (caseline.allowed('audit.read', NULL, NULL));
CREATE POLICY create_ ON privacy_incident_events FOR INSERT WITH CHECK (
  caseline.allowed('audit.read', NULL, NULL) AND caseline.allowed('record.update', NULL, NULL)
  AND actor = caseline.principal_kind() || ':' || caseline.principal_id());
GRANT SELECT, INSERT ON privacy_incident_events TO caseline_app;
CREATE INDEX privacy_incident_events_incident ON privacy_incident_events (incident_id, seq);

-- The blast radius asks, for each staff response in the window, which business areas the
-- staff member had then: the latest 'permission_change' entry naming their areas (written on
-- every account creation and area change). Partial, so it stays as small as those entries.
CREATE INDEX audit_log_staff_areas ON audit_log (record_id, at)
  WHERE action = 'permission_change' AND record_type = 'staff_user';
