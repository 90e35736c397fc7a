-- Outbound e-mail (replies and acknowledgements): a durable outbox. A row is written in the
-- same transaction as the outbound copy the case keeps in case_messages, so a rolled-back
-- reply sends nothing and a committed one is never lost; a sender worker claims due rows
-- with FOR UPDATE SKIP LOCKED, hands them to the SMTP relay and records the outcome.
--
-- Recipients, subject, body and the customer's own Message-IDs (In-Reply-To/References, which
-- can name the sender's host) are personal data: ciphertext under the case's data subject key.
-- Once a message is sent or has failed for good, its recipients, subject and body are cleared
-- (the case keeps its copy in case_messages): the row stays as a delivery record only.
CREATE TABLE mail_outbox (
  id              uuid PRIMARY KEY,
  case_id         uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- The outbound copy kept in the case; its message_id_hash is this row's Message-ID, hashed.
  case_message_id uuid NOT NULL REFERENCES case_messages (id) ON DELETE CASCADE,
  -- Copied from the case for the X-Caseline-Case header, so the sender reads no other module's table.
  case_number     text NOT NULL,
  subject_id      uuid NOT NULL,
  business_area   text,
  kind            text NOT NULL CHECK (kind IN ('reply', 'acknowledgement')),
  to_ct           bytea,
  subject_ct      bytea,
  body_ct         bytea,
  threading_ct    bytea,
  -- Ours, without angle brackets: random, names no one; a resend after a crash reuses it so
  -- the recipient can recognise the duplicate.
  message_id      text NOT NULL UNIQUE,
  status          text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
  -- Counted when a sender claims the row, not when it finishes: a sender that dies mid-send
  -- still used up an attempt.
  attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- When the row is next due. Claiming pushes it out by the lease, so a row whose sender died
  -- becomes due again by itself (no separate lock column to clean up).
  next_attempt_at timestamptz NOT NULL,
  -- An SMTP reply code or a connection error code (smtp-451, ECONNECTION): never the reply
  -- text, which can quote the recipient's address.
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL
);
SELECT caseline.protect('mail_outbox');
-- The sender's claim query scans only what is still queued, oldest due first.
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status = 'queued';
CREATE INDEX mail_outbox_case ON mail_outbox (case_id, created_at);
CREATE INDEX mail_outbox_case_message ON mail_outbox (case_message_id);
