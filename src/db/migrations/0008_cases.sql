-- Cases (880.000 "Service inquiries and correspondence"): each inquiry, whatever its
-- channel, is a case with its own record type and retention, its correspondence and
-- its history. Subjects, bodies, senders and linked article numbers are personal data:
-- ciphertext under the key of the case's data subject (the customer, or an unidentified
-- contact until the sender is matched to one).

-- Case numbers are for people (C-2026-000123); ids in URLs stay unguessable uuids.
CREATE SEQUENCE case_number_seq;
GRANT USAGE ON SEQUENCE case_number_seq TO caseline_app;

CREATE TABLE cases (
  id                uuid PRIMARY KEY,
  number            text NOT NULL UNIQUE,
  subject_id        uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  customer_id       uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area     text,
  record_type       text NOT NULL,
  channel           text NOT NULL CHECK (channel IN ('email', 'phone', 'fax', 'web', 'letter', 'walk_in')),
  category          text,
  priority          text NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  status            text NOT NULL CHECK (status IN ('new', 'open', 'pending_customer', 'pending_internal', 'resolved', 'closed', 'reopened')),
  assignee          uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  title_ct          bytea NOT NULL,
  resolution_code   text,
  resolution_ct     bytea,
  tags              text[] NOT NULL DEFAULT '{}',
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  first_response_at timestamptz,
  resolved_at       timestamptz,
  reopened_at       timestamptz,
  closed_at         timestamptz,
  -- From the record type's retention rule; NULL while its trigger (resolution) is pending.
  dispose_after     timestamptz
);
SELECT caseline.protect('cases');
CREATE INDEX cases_customer ON cases (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX cases_queue ON cases (business_area, status, created_at);
CREATE INDEX cases_assignee ON cases (assignee, status) WHERE assignee IS NOT NULL;
CREATE INDEX cases_subject ON cases (subject_id);

-- Inbound and outbound messages and internal notes.
CREATE TABLE case_messages (
  id               uuid PRIMARY KEY,
  -- Order of writing: several messages can share an instant (one transaction's clock).
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  case_id          uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  subject_id       uuid NOT NULL,
  business_area    text,
  kind             text NOT NULL CHECK (kind IN ('inbound', 'outbound', 'note')),
  channel          text NOT NULL CHECK (channel IN ('email', 'phone', 'fax', 'web', 'letter', 'walk_in', 'internal')),
  author           text,
  from_ct          bytea,
  to_ct            bytea,
  body_ct          bytea NOT NULL,
  -- SHA-256 of the RFC 5322 Message-ID: a redelivered e-mail is recognised without keeping the id, which can name the sender's host.
  message_id_hash  bytea,
  created_at       timestamptz NOT NULL
);
SELECT caseline.protect('case_messages');
CREATE INDEX case_messages_case ON case_messages (case_id, seq);
CREATE UNIQUE INDEX case_messages_message_id ON case_messages (message_id_hash) WHERE message_id_hash IS NOT NULL;

-- What happened to a case, in order: status, assignment, routing, links, messages.
CREATE TABLE case_events (
  id            uuid PRIMARY KEY,
  seq           bigint GENERATED ALWAYS AS IDENTITY,
  case_id       uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  subject_id    uuid NOT NULL,
  business_area text,
  at            timestamptz NOT NULL,
  actor         text NOT NULL,
  kind          text NOT NULL,
  -- Codes and ids only (statuses, staff ids, link kinds), never personal values.
  detail        jsonb NOT NULL DEFAULT '{}'
);
SELECT caseline.protect('case_events');
CREATE INDEX case_events_case ON case_events (case_id, seq);

-- Articles, orders and pickups the case is about, by their numbers (found by blind index).
CREATE TABLE case_links (
  id            uuid PRIMARY KEY,
  case_id       uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  subject_id    uuid NOT NULL,
  business_area text,
  kind          text NOT NULL CHECK (kind IN ('article', 'order', 'pickup')),
  number_ct     bytea NOT NULL,
  created_at    timestamptz NOT NULL
);
SELECT caseline.protect('case_links');
CREATE INDEX case_links_case ON case_links (case_id);
