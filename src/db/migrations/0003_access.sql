-- Staff accounts, their sessions and API tokens, and the business areas that scope
-- need-to-know. Staff data is personal data too: a staff member sees their own row,
-- an administrator ('user.manage') every row, system jobs (login) every row.
CREATE TABLE business_areas (
  id          text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT, UPDATE ON business_areas TO caseline_app;

CREATE TABLE staff_users (
  id                   uuid PRIMARY KEY,
  username             text NOT NULL UNIQUE,
  display_name         text NOT NULL,
  password_hash        text,
  roles                text[] NOT NULL DEFAULT '{}',
  business_areas       text[] NOT NULL DEFAULT '{}',
  -- AES-GCM ciphertext under the vault's staff-secret key; never readable from a row dump.
  totp_secret          bytea,
  totp_enabled_at      timestamptz,
  must_change_password boolean NOT NULL DEFAULT false,
  failed_logins        integer NOT NULL DEFAULT 0,
  locked_until         timestamptz,
  disabled_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE staff_sessions (
  -- SHA-256 of the cookie's random token: a stolen table cannot be replayed as cookies.
  token_hash    bytea PRIMARY KEY,
  user_id       uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  csrf_token    text NOT NULL,
  mfa_passed    boolean NOT NULL,
  created_at    timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   bytea NOT NULL UNIQUE,
  scopes       text[] NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

DO $$
DECLARE
  t text;
  owner_col text;
BEGIN
  FOREACH t IN ARRAY ARRAY['staff_users', 'staff_sessions', 'api_tokens'] LOOP
    owner_col := CASE t WHEN 'staff_users' THEN 'id' ELSE 'user_id' END;
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format($p$CREATE POLICY own_or_manager ON %I USING (
        caseline.principal_kind() = 'system'
        OR caseline.allowed('user.manage', NULL, NULL)
        OR (caseline.principal_kind() = 'staff' AND %I::text = caseline.principal_id()))$p$, t, owner_col);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO caseline_app', t);
  END LOOP;
END
$$;
