-- Hold Mail (820.200, record type usps-820/hold-mail: "Records related to ... hold mail
-- services are retained for up to 1 year", from creation). Seed 001 lists "Hold mail begin
-- and end date" among customer preference data; purposes 7 ("To provide delivery units with
-- information needed to fulfill requests for ... hold mail service at the address and for the
-- dates specified by the customer"), 8, 10 and 11 (security, fraud and identity verification
-- of the Hold Mail process).
--
-- A hold is kept under the customer's data subject and business area, like a change of
-- address, so erasing the customer shreds it with the rest of the record. Its identity
-- verification goes to coa_identity_verifications, whose record type already covers Hold Mail.

ALTER TABLE coa_identity_verifications DROP CONSTRAINT coa_identity_verifications_service_check;
ALTER TABLE coa_identity_verifications
  ADD CONSTRAINT coa_identity_verifications_service_check CHECK (service IN ('change_of_address', 'hold_mail'));

CREATE TABLE hold_mail_requests (
  id                  uuid PRIMARY KEY,
  subject_id          uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  customer_id         uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area       text,
  -- Calendar dates of the agency: mail is held from the first day through the last. A hold
  -- cancelled after it began ends the day it is cancelled, which may be its first day.
  begin_on            date NOT NULL,
  ends_on             date NOT NULL,
  -- The name on the request and the address held (Publication 28 form, as JSON): ciphertext
  -- under the customer's key.
  name_ct             bytea NOT NULL,
  address_ct          bytea NOT NULL,
  -- Keyed digest of the normalised address under the Change of Address screen's purpose key,
  -- so the screen matches a hold against changes of address away from the same address.
  address_key         bytea NOT NULL,
  -- In clear: the delivery unit's list of the day is taken by ZIP Code. Five digits say where a
  -- route is, not who lives on it; the address itself stays encrypted.
  zip5                text NOT NULL CHECK (zip5 ~ '^[0-9]{5}$'),
  -- At the end: the carrier delivers everything held on the end date, or the customer collects it.
  end_action          text NOT NULL CHECK (end_action IN ('deliver', 'pickup')),
  instructions_ct     bytea,
  -- SET NULL: the verification may be disposed of on its own schedule.
  verification_id     uuid REFERENCES coa_identity_verifications (id) ON DELETE SET NULL,
  risk_score          smallint NOT NULL CHECK (risk_score BETWEEN 0 AND 100),
  screening           text NOT NULL CHECK (screening IN ('pass', 'review', 'refuse')),
  -- The fired rules as [{rule, points, explanation}]: names, points and counts only.
  reasons             jsonb NOT NULL,
  -- Whether a scheduled hold is upcoming, active or ended is derived from its dates and today;
  -- 'cancelled' is a hold withdrawn before it held any mail.
  status              text NOT NULL CHECK (status IN ('scheduled', 'in_review', 'refused', 'cancelled')),
  decision            text CHECK (decision IN ('approve', 'deny')),
  decision_reason_ct  bytea,
  decided_by          text,
  decided_at          timestamptz,
  entered_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  cancelled_at        timestamptz,
  cancelled_by        text,
  dispose_after       timestamptz NOT NULL,
  CHECK (ends_on >= begin_on),
  CHECK ((decision IS NULL) = (decided_at IS NULL) AND (decision IS NULL) = (decided_by IS NULL)
         AND (decision IS NULL) = (decision_reason_ct IS NULL)),
  CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL)),
  CHECK (status <> 'cancelled' OR cancelled_at IS NOT NULL)
);
SELECT caseline.protect('hold_mail_requests');
CREATE INDEX hold_mail_requests_customer ON hold_mail_requests (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX hold_mail_requests_subject ON hold_mail_requests (subject_id);
-- The delivery unit's list: the scheduled holds of one ZIP Code covering one day.
CREATE INDEX hold_mail_requests_delivery ON hold_mail_requests (zip5, begin_on, ends_on) WHERE status = 'scheduled';
CREATE INDEX hold_mail_requests_address ON hold_mail_requests (address_key, created_at);
CREATE INDEX hold_mail_requests_review ON hold_mail_requests (created_at) WHERE status = 'in_review';
CREATE INDEX hold_mail_requests_dispose_after ON hold_mail_requests (dispose_after);

-- The screen counts holds and changes of address sharing the address in every business area
-- (row-level security hides other areas from the requester), and a customer requesting on the
-- portal is screened too. As for migration 0027, one function owned by a role that may read only
-- the key, status and date columns answers counts, never rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_hold_mail_screen') THEN
    CREATE ROLE caseline_hold_mail_screen NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_hold_mail_screen TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_hold_mail_screen;
GRANT USAGE ON SCHEMA public TO caseline_hold_mail_screen;
GRANT SELECT (id, customer_id, old_address_key, status, created_at) ON changes_of_address TO caseline_hold_mail_screen;
GRANT SELECT (id, customer_id, address_key, created_at) ON hold_mail_requests TO caseline_hold_mail_screen;

CREATE FUNCTION caseline.hold_mail_screening_counts(customer uuid, address bytea, at timestamptz, moved interval, recent interval)
  RETURNS TABLE (moved_away bigint, other_holds bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT
      (SELECT count(*) FROM public.changes_of_address c
        WHERE c.old_address_key = address AND c.status = 'accepted' AND c.customer_id IS DISTINCT FROM customer
          AND c.created_at > at - moved AND c.created_at <= at),
      (SELECT count(DISTINCT h.customer_id) FROM public.hold_mail_requests h
        WHERE h.address_key = address AND h.customer_id IS DISTINCT FROM customer
          AND h.created_at > at - recent AND h.created_at <= at)
    -- A customer asks only as themselves (as for the change-of-address counts, migration 0033).
    WHERE caseline.principal_kind() IN ('staff', 'system')
       OR (caseline.principal_kind() = 'customer' AND customer = caseline.principal_subject())
  $$;
ALTER FUNCTION caseline.hold_mail_screening_counts(uuid, bytea, timestamptz, interval, interval) OWNER TO caseline_hold_mail_screen;
REVOKE ALL ON FUNCTION caseline.hold_mail_screening_counts(uuid, bytea, timestamptz, interval, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.hold_mail_screening_counts(uuid, bytea, timestamptz, interval, interval) TO caseline_app;
