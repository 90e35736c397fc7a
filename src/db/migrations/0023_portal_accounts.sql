-- The customer portal's accounts (880.000, record type usps-880/customer: "logon ID",
-- password): sign-in credentials, sessions and one-time codes. An account is a data subject
-- from registration on: its e-mail address is encrypted under that subject's key. Linking it
-- to a customer record moves it to the customer's subject (and its registration subject is
-- crypto-shredded), so a portal session's principal is always its account's subject.
CREATE TABLE portal_accounts (
  id                uuid PRIMARY KEY,
  subject_id        uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  -- Always NULL: the registry is shared, and RLS reads the column.
  business_area     text CHECK (business_area IS NULL),
  record_type       text NOT NULL DEFAULT 'usps-880/customer',
  -- HMAC of the normalised e-mail address under a key of its own: finds the account at sign-in
  -- without storing the address in clear, and makes one address one account.
  logon_digest      bytea NOT NULL UNIQUE,
  email_ct          bytea NOT NULL,
  password_hash     text NOT NULL,
  totp_secret       bytea,
  totp_enabled_at   timestamptz,
  email_verified_at timestamptz,
  -- Set when the account was linked to a customer record, and how the person proved it was theirs.
  linked_at         timestamptz,
  link_method       text CHECK (link_method IN ('email_code', 'phone_code', 'letter_code', 'knowledge', 'new_customer')),
  failed_logins     integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
  locked_until      timestamptz,
  link_failures     integer NOT NULL DEFAULT 0 CHECK (link_failures >= 0),
  link_locked_until timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  dispose_after     timestamptz,
  CHECK ((linked_at IS NULL) = (link_method IS NULL))
);
CREATE INDEX portal_accounts_subject ON portal_accounts (subject_id);
CREATE INDEX portal_accounts_dispose_after ON portal_accounts (dispose_after) WHERE dispose_after IS NOT NULL;
SELECT caseline.protect('portal_accounts');

CREATE TABLE portal_sessions (
  -- What the audit log names: the cookie's token is stored only as its SHA-256.
  id           uuid PRIMARY KEY,
  token_hash   bytea NOT NULL UNIQUE,
  account_id   uuid NOT NULL REFERENCES portal_accounts (id) ON DELETE CASCADE,
  -- The subject the session was issued for: a session whose account has since moved to
  -- another subject (linked) is not honoured, so a session is bound to one customer.
  subject_id   uuid NOT NULL,
  csrf_token   text NOT NULL,
  mfa_passed   boolean NOT NULL,
  -- A coarse description of the browser for the account's session list ("Chrome on Linux").
  client_label text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL
);
CREATE INDEX portal_sessions_account ON portal_sessions (account_id);

-- One-time codes: e-mail verification, password reset, and proof of identity when linking
-- (sent to an e-mail or phone on the customer record, or mailed to its address).
CREATE TABLE portal_codes (
  id            uuid PRIMARY KEY,
  account_id    uuid NOT NULL REFERENCES portal_accounts (id) ON DELETE CASCADE,
  subject_id    uuid NOT NULL,
  purpose       text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'link')),
  channel       text NOT NULL CHECK (channel IN ('email', 'phone', 'letter')),
  -- For a link code: the customer record it proves (its subject); never shown to the account.
  link_subject  uuid,
  code_hash     bytea NOT NULL,
  attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  created_at    timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  used_at       timestamptz,
  CHECK ((purpose = 'link') = (link_subject IS NOT NULL))
);
CREATE INDEX portal_codes_account ON portal_codes (account_id, purpose);
-- Credentials, not records: only their own customer and system jobs see them (no staff role's
-- need-to-know covers a session token's hash or a pending code).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['portal_sessions', 'portal_codes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY own ON %I USING (
        caseline.principal_kind() = 'system'
        OR (caseline.principal_kind() = 'customer' AND subject_id = caseline.principal_subject()))$p$, t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO caseline_app', t);
  END LOOP;
END
$$;

-- A portal request's credential check, in one statement outside any transaction, as the
-- staff's (0018_credential_lookup): the session and what of its account a request needs.
GRANT SELECT (id, subject_id, email_verified_at, linked_at, totp_enabled_at, locked_until) ON portal_accounts TO caseline_gatekeeper;
GRANT SELECT (id, token_hash, account_id, subject_id, csrf_token, mfa_passed, created_at, last_seen_at, expires_at)
  ON portal_sessions TO caseline_gatekeeper;

CREATE FUNCTION caseline.portal_session_login(digest bytea)
  RETURNS TABLE (session_id uuid, account_id uuid, subject_id uuid, account_subject_id uuid, csrf_token text,
                 mfa_passed boolean, created_at timestamptz, last_seen_at timestamptz, expires_at timestamptz,
                 email_verified_at timestamptz, linked_at timestamptz, totp_enabled_at timestamptz,
                 locked_until timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  BEGIN
    RETURN QUERY
      SELECT s.id, s.account_id, s.subject_id, a.subject_id, s.csrf_token, s.mfa_passed, s.created_at,
             s.last_seen_at, s.expires_at, a.email_verified_at, a.linked_at, a.totp_enabled_at, a.locked_until
      FROM public.portal_sessions s JOIN public.portal_accounts a ON a.id = s.account_id
      WHERE s.token_hash = digest;
  END
$$;
ALTER FUNCTION caseline.portal_session_login(bytea) OWNER TO caseline_gatekeeper;
REVOKE ALL ON FUNCTION caseline.portal_session_login(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.portal_session_login(bytea) TO caseline_app;
