-- Satisfaction surveys. Seed 003 (PAT-TM-20) gives the purpose, "to conduct surveys of
-- customer experience and satisfaction"; seed 002 (USPS 890.000) gives the record and its
-- retention, "Customer insight, market research, and survey records will be retained for
-- 3 years" (record type usps-890/customer-insight).
--
-- A resolved case gets one live invitation: the link /survey/<token> in the closing
-- e-mail and letter. The token is the invitation's random id and an HMAC-SHA-256 of it
-- under a key derived from the keyring: neither the token nor a hash of it is stored,
-- because the id alone opens nothing and the server can compute the link again for a
-- letter printed later. Both tables are personal data (they carry the case's data
-- subject), protected by the same row-level-security policies as the case.

CREATE TABLE survey_invitations (
  -- The random half of the link's token.
  id            uuid PRIMARY KEY,
  -- The invitation belongs to the case's contact record and goes when the case is disposed of.
  case_id       uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  -- Shown on the survey page: the customer knows the number from their letters.
  case_number   text NOT NULL,
  subject_id    uuid NOT NULL,
  business_area text,
  -- The assignee when the case was resolved: whose work is rated.
  agent_id      uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  channel       text NOT NULL CHECK (channel IN ('email', 'phone', 'fax', 'web', 'letter', 'walk_in')),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  -- Set in the transaction that stores the answer: the link is single-use.
  used_at       timestamptz,
  -- Set when the case is reopened or resolved again: the newer invitation replaces it.
  voided_at     timestamptz,
  CHECK (expires_at > created_at)
);
SELECT caseline.protect('survey_invitations');
-- At most one live invitation per case; re-resolving voids the old one first.
CREATE UNIQUE INDEX survey_invitations_live ON survey_invitations (case_id) WHERE used_at IS NULL AND voided_at IS NULL;
CREATE INDEX survey_invitations_created ON survey_invitations (created_at);

-- One answer per invitation. No foreign key to the invitation or the case: a response is
-- a survey record of 890.000 kept 3 years from the answer, longer than the case it rates
-- (880.000 contact records go 1 year after resolution), so it must outlive both. It goes
-- with its data subject, whose erasure removes it.
CREATE TABLE survey_responses (
  id            uuid PRIMARY KEY,
  invitation_id uuid NOT NULL UNIQUE,
  case_id       uuid NOT NULL,
  subject_id    uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area text,
  record_type   text NOT NULL,
  agent_id      uuid REFERENCES staff_users (id) ON DELETE SET NULL,
  channel       text NOT NULL CHECK (channel IN ('email', 'phone', 'fax', 'web', 'letter', 'walk_in')),
  rating        smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  -- The customer's own words: ciphertext under the subject's key, never in the aggregate.
  comment_ct    bytea,
  answered_at   timestamptz NOT NULL,
  -- From the record type's rule (3 years from the answer), computed by the service.
  dispose_after timestamptz NOT NULL
);
SELECT caseline.protect('survey_responses');
CREATE INDEX survey_responses_answered ON survey_responses (answered_at);
CREATE INDEX survey_responses_case ON survey_responses (case_id);
CREATE INDEX survey_responses_dispose ON survey_responses (dispose_after);

-- The satisfaction report names agents, and a case names the staff involved in it, whose
-- staff rows are otherwise visible only to their owner and to user managers. Like
-- caseline.area_staff (0009_routing), this one function, owned by the role that may read
-- only ids and names, answers the display names of the staff ids asked for, to staff and
-- Caseline's own jobs only (never to a customer of the portal).
CREATE FUNCTION caseline.staff_display_names(ids uuid[])
  RETURNS TABLE (id uuid, display_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT s.id, s.display_name FROM public.staff_users s
    WHERE s.id = ANY (ids)
      AND caseline.principal_kind() IN ('system', 'staff')
  $$;
ALTER FUNCTION caseline.staff_display_names(uuid[]) OWNER TO caseline_directory;
REVOKE ALL ON FUNCTION caseline.staff_display_names(uuid[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.staff_display_names(uuid[]) TO caseline_app;
