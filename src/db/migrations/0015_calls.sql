-- Phone calls (880.000, the call-center record type "usps-880/call-center-contact"):
-- what an agent logs after a call, from the screen-pop or the customer's page. A call
-- may open a case or continue one; either way it stays its own record with its own
-- retention (1 year from creation), because the call happened even if the case is later
-- merged, resolved or disposed of.
--
-- The number and the agent's notes are personal data: ciphertext under the key of the
-- call's data subject (the customer's; the case's subject when the caller is not yet a
-- customer; a subject of its own for a caller neither known nor given a case).

CREATE TABLE calls (
  id               uuid PRIMARY KEY,
  subject_id       uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  -- SET NULL rather than CASCADE: disposing of a case or merging a customer must not
  -- silently shorten the call's own retention.
  customer_id      uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  case_id          uuid REFERENCES cases (id) ON DELETE SET NULL,
  business_area    text,
  direction        text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  -- E.164, encrypted; NULL when the caller withheld the number.
  number_ct        bytea,
  -- A day is the longest call a person could have held; anything longer is a typing error.
  duration_seconds integer NOT NULL CHECK (duration_seconds BETWEEN 0 AND 86400),
  disposition      text NOT NULL CHECK (disposition IN (
                     'resolved_on_call', 'case_opened', 'case_updated', 'callback_requested',
                     'voicemail', 'wrong_number', 'dropped')),
  notes_ct         bytea,
  -- Who logged it, as the audit log names actors ('staff:<uuid>', 'system:…').
  agent            text NOT NULL,
  started_at       timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  -- From the record type's rule (from creation): known at write time, never NULL.
  dispose_after    timestamptz NOT NULL
);
SELECT caseline.protect('calls');
-- A customer's recent calls (the customer page) and a case's calls.
CREATE INDEX calls_customer ON calls (customer_id, started_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX calls_case ON calls (case_id, started_at) WHERE case_id IS NOT NULL;
CREATE INDEX calls_subject ON calls (subject_id);
-- The retention sweep walks records by due date.
CREATE INDEX calls_dispose_after ON calls (dispose_after);
