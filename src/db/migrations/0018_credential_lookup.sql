-- Every signed-in request first finds its credential: the session behind a cookie or the
-- API token behind a bearer header, with the account it belongs to. These two functions
-- answer that in one statement outside any transaction, where a unit of work as the login
-- job would take four (BEGIN, the principal's settings, the SELECT, COMMIT). They are owned
-- by a role that bypasses row-level security but may read only what a credential check
-- needs (never a password hash or a TOTP seed), and they find one credential by the
-- SHA-256 of its secret: knowing the hash is knowing the credential. PL/pgSQL keeps their
-- plans for the life of the connection.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_gatekeeper') THEN
    CREATE ROLE caseline_gatekeeper NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_gatekeeper TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_gatekeeper;
GRANT USAGE ON SCHEMA public TO caseline_gatekeeper;
GRANT SELECT (id, username, display_name, roles, business_areas, totp_enabled_at, must_change_password,
              locked_until, disabled_at, created_at, oidc_subject) ON staff_users TO caseline_gatekeeper;
GRANT SELECT (token_hash, user_id, csrf_token, mfa_passed, created_at, last_seen_at, expires_at)
  ON staff_sessions TO caseline_gatekeeper;
GRANT SELECT (id, user_id, token_hash, scopes, expires_at, last_used_at, revoked_at) ON api_tokens TO caseline_gatekeeper;

CREATE FUNCTION caseline.staff_session_login(digest bytea)
  RETURNS TABLE (id uuid, username text, display_name text, roles text[], business_areas text[],
                 totp_enabled_at timestamptz, must_change_password boolean, locked_until timestamptz,
                 disabled_at timestamptz, created_at timestamptz, oidc_subject text,
                 session_token_hash bytea, session_user_id uuid, session_csrf_token text,
                 session_mfa_passed boolean, session_created_at timestamptz,
                 session_last_seen_at timestamptz, session_expires_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  BEGIN
    RETURN QUERY
      SELECT u.id, u.username, u.display_name, u.roles, u.business_areas, u.totp_enabled_at,
             u.must_change_password, u.locked_until, u.disabled_at, u.created_at, u.oidc_subject,
             s.token_hash, s.user_id, s.csrf_token, s.mfa_passed, s.created_at, s.last_seen_at, s.expires_at
      FROM public.staff_sessions s JOIN public.staff_users u ON u.id = s.user_id
      WHERE s.token_hash = digest;
  END
$$;
ALTER FUNCTION caseline.staff_session_login(bytea) OWNER TO caseline_gatekeeper;
REVOKE ALL ON FUNCTION caseline.staff_session_login(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.staff_session_login(bytea) TO caseline_app;

CREATE FUNCTION caseline.api_token_login(digest bytea)
  RETURNS TABLE (id uuid, username text, display_name text, roles text[], business_areas text[],
                 totp_enabled_at timestamptz, must_change_password boolean, locked_until timestamptz,
                 disabled_at timestamptz, created_at timestamptz, oidc_subject text,
                 token_id uuid, token_scopes text[], token_expires_at timestamptz,
                 token_last_used_at timestamptz, token_revoked_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  BEGIN
    RETURN QUERY
      SELECT u.id, u.username, u.display_name, u.roles, u.business_areas, u.totp_enabled_at,
             u.must_change_password, u.locked_until, u.disabled_at, u.created_at, u.oidc_subject,
             t.id, t.scopes, t.expires_at, t.last_used_at, t.revoked_at
      FROM public.api_tokens t JOIN public.staff_users u ON u.id = t.user_id
      WHERE t.token_hash = digest;
  END
$$;
ALTER FUNCTION caseline.api_token_login(bytea) OWNER TO caseline_gatekeeper;
REVOKE ALL ON FUNCTION caseline.api_token_login(bytea) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.api_token_login(bytea) TO caseline_app;
