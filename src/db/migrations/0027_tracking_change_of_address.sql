-- Change of Address (820.200, seed 001 purposes 8 to 11: "To enhance the customer
-- experience by improving the security of Change of Address (COA) and Hold Mail
-- processes", "To identify and mitigate potential fraud in the COA and Hold Mail
-- processes", "To verify a customer's identity when applying for COA and Hold Mail
-- services"). Three tables:
--   coa_identity_verifications  how the requester proved who they are (record type
--                               usps-880/identity-verification: 2 years from resolution);
--   changes_of_address          the request, its fraud screen and the review decision
--                               (record type usps-820/customer-account: 4 years after the
--                               relationship ends);
--   coa_cmra_addresses          street addresses of commercial mail receiving agencies an
--                               administrator lists (no personal data).
-- Both personal tables are kept under the customer's data subject and business area, so
-- erasing the customer shreds them with the rest of the record.

CREATE TABLE coa_identity_verifications (
  id             uuid PRIMARY KEY,
  subject_id     uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  -- SET NULL rather than CASCADE: the verification keeps its own retention.
  customer_id    uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area  text,
  -- The record type covers Hold Mail verifications too; only COA writes here so far.
  service        text NOT NULL CHECK (service IN ('change_of_address')),
  method         text NOT NULL CHECK (method IN ('online_card', 'in_person_id', 'knowledge_questions', 'portal_account')),
  outcome        text NOT NULL CHECK (outcome IN ('passed', 'failed', 'inconclusive')),
  -- A staff actor ('staff:<uuid>') or the name of the verification service.
  verified_by    text NOT NULL,
  verified_at    timestamptz NOT NULL,
  created_at     timestamptz NOT NULL,
  -- The verification is resolved when its outcome is decided (its record type's note), i.e.
  -- when it is recorded: so its retention (2 years from resolution) is known at write time.
  resolved_at    timestamptz NOT NULL,
  dispose_after  timestamptz NOT NULL
);
SELECT caseline.protect('coa_identity_verifications');
CREATE INDEX coa_identity_verifications_customer ON coa_identity_verifications (customer_id, verified_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX coa_identity_verifications_subject ON coa_identity_verifications (subject_id);
CREATE INDEX coa_identity_verifications_dispose_after ON coa_identity_verifications (dispose_after);

CREATE TABLE changes_of_address (
  id                  uuid PRIMARY KEY,
  subject_id          uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  customer_id         uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area       text,
  move_type           text NOT NULL CHECK (move_type IN ('individual', 'family', 'business')),
  duration            text NOT NULL CHECK (duration IN ('permanent', 'temporary')),
  -- Calendar dates of the agency (forwarding starts and ends on days, not instants).
  effective_on        date NOT NULL,
  ends_on             date,
  -- The name, the old and the new address (Publication 28 form, as JSON): ciphertext
  -- under the customer's key.
  name_ct             bytea NOT NULL,
  old_address_ct      bytea NOT NULL,
  new_address_ct      bytea NOT NULL,
  -- Keyed digests (HMAC under a purpose key) of the normalised old and new address and of
  -- the requester's device fingerprint and IP address: the fraud screen counts requests
  -- sharing one without any of them stored in clear. Device and network are NULL for a
  -- request an agent entered (the agent's workstation says nothing about the customer).
  old_address_key     bytea NOT NULL,
  new_address_key     bytea NOT NULL,
  device_key          bytea,
  network_key         bytea,
  forwards_to_po_box  boolean NOT NULL,
  forwards_to_cmra    boolean NOT NULL,
  -- SET NULL: the verification may be disposed of (2 years) before the request.
  verification_id     uuid REFERENCES coa_identity_verifications (id) ON DELETE SET NULL,
  risk_score          smallint NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
  screening           text NOT NULL CHECK (screening IN ('pass', 'review', 'deny')),
  -- The fired rules as [{rule, points, explanation}]: names, points and counts only.
  reasons             jsonb NOT NULL,
  status              text NOT NULL CHECK (status IN ('accepted', 'in_review', 'refused')),
  -- The fraud team's decision on a held request; the reason is free text, so encrypted.
  decision            text CHECK (decision IN ('approve', 'deny')),
  decision_reason_ct  bytea,
  decided_by          text,
  decided_at          timestamptz,
  entered_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  -- NULL while the customer relationship lasts: the record type is kept 4 years after it ends.
  dispose_after       timestamptz,
  CHECK ((duration = 'temporary') = (ends_on IS NOT NULL)),
  CHECK (ends_on IS NULL OR ends_on > effective_on),
  CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decided_by IS NULL)
         AND (decision IS NULL) = (decision_reason_ct IS NULL)),
  CHECK (status <> 'in_review' OR decision IS NULL)
);
SELECT caseline.protect('changes_of_address');
CREATE INDEX changes_of_address_customer ON changes_of_address (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX changes_of_address_subject ON changes_of_address (subject_id);
-- The screen's counts: requests sharing an address, a device or a network within a window.
CREATE INDEX changes_of_address_new_address ON changes_of_address (new_address_key, created_at);
CREATE INDEX changes_of_address_old_address ON changes_of_address (old_address_key, created_at);
CREATE INDEX changes_of_address_device ON changes_of_address (device_key, created_at) WHERE device_key IS NOT NULL;
CREATE INDEX changes_of_address_network ON changes_of_address (network_key, created_at) WHERE network_key IS NOT NULL;
-- The review queue is the few held requests, oldest first: a partial index keeps it small.
CREATE INDEX changes_of_address_review ON changes_of_address (created_at) WHERE status = 'in_review';
CREATE INDEX changes_of_address_dispose_after ON changes_of_address (dispose_after) WHERE dispose_after IS NOT NULL;

-- The screen must count requests in every business area (a drop address collects mail
-- from customers of any area), which row-level security hides from an agent. This one
-- function, owned by a role that bypasses it and may read only the key and date columns,
-- answers counts, never rows, and only to staff and to Caseline's own jobs.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_coa_screen') THEN
    CREATE ROLE caseline_coa_screen NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_coa_screen TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_coa_screen;
GRANT USAGE ON SCHEMA public TO caseline_coa_screen;
GRANT SELECT (id, customer_id, old_address_key, new_address_key, device_key, network_key, created_at) ON changes_of_address TO caseline_coa_screen;
GRANT SELECT (id, customer_id, outcome, verified_at) ON coa_identity_verifications TO caseline_coa_screen;

CREATE FUNCTION caseline.coa_screening_counts(
  customer uuid, old_key bytea, new_key bytea, device bytea, network bytea, at timestamptz, recent interval, burst interval)
  RETURNS TABLE (account_requests bigint, failed_verifications bigint, new_address_requests bigint,
                 old_address_requests bigint, device_requests bigint, network_requests bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.customer_id = customer AND c.created_at > at - recent AND c.created_at <= at),
      (SELECT count(*) FROM public.coa_identity_verifications v
        WHERE v.customer_id = customer AND v.outcome = 'failed' AND v.verified_at > at - recent AND v.verified_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.new_address_key = new_key AND c.customer_id IS DISTINCT FROM customer
          AND c.created_at > at - recent AND c.created_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.old_address_key = old_key AND c.customer_id IS DISTINCT FROM customer
          AND c.created_at > at - recent AND c.created_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE device IS NOT NULL AND c.device_key = device AND c.created_at > at - burst AND c.created_at <= at),
      (SELECT count(*) FROM public.changes_of_address c
        WHERE network IS NOT NULL AND c.network_key = network AND c.created_at > at - burst AND c.created_at <= at)
    WHERE caseline.principal_kind() IN ('staff', 'system')
  $$;
ALTER FUNCTION caseline.coa_screening_counts(uuid, bytea, bytea, bytea, bytea, timestamptz, interval, interval) OWNER TO caseline_coa_screen;
REVOKE ALL ON FUNCTION caseline.coa_screening_counts(uuid, bytea, bytea, bytea, bytea, timestamptz, interval, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.coa_screening_counts(uuid, bytea, bytea, bytea, bytea, timestamptz, interval, interval) TO caseline_app;

-- Street addresses of commercial mail receiving agencies (USPS PS Form 1583 businesses),
-- listed by an administrator: a CMRA's customers do not always write 'PMB', so the
-- designator alone misses some. Business premises, not people: no row-level security.
CREATE TABLE coa_cmra_addresses (
  id           uuid PRIMARY KEY,
  -- Publication 28 delivery line without the private mailbox, e.g. '4 ELM AVE STE 100'.
  street_line  text NOT NULL,
  city         text NOT NULL,
  state        text NOT NULL,
  zip5         text NOT NULL CHECK (zip5 ~ '^[0-9]{5}$'),
  added_by     text NOT NULL,
  added_at     timestamptz NOT NULL,
  UNIQUE (street_line, zip5)
);
GRANT SELECT, INSERT, DELETE ON coa_cmra_addresses TO caseline_app;
