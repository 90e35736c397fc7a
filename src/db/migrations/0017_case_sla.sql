-- SLA alerts of cases: each target's warning and breach is announced once (a case event,
-- and for a breach an escalation to the area's supervisors); the row remembers that it was.
CREATE TABLE case_sla_alerts (
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  target text NOT NULL CHECK (target IN ('first_response', 'resolution')),
  state text NOT NULL CHECK (state IN ('warning', 'breached')),
  subject_id uuid NOT NULL,
  business_area text,
  due_at timestamptz NOT NULL,
  at timestamptz NOT NULL,
  escalated_to uuid[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, target, state)
);
SELECT caseline.protect('case_sla_alerts');

-- The monitor reads every case still being worked, each minute.
CREATE INDEX cases_open ON cases (created_at) WHERE status IN ('new', 'open', 'pending_customer', 'pending_internal', 'reopened');
