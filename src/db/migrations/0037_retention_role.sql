-- The role the retention sweep's transactions run as. The sweep acts as the system
-- principal, whose grants make every row-level-security policy true, so evaluating the
-- policies on each row it claims, reads and deletes changes no answer; it was a fifth of
-- the sweep's time (issue 6: 28,700 against 37,000 cases a second without it). This role has
-- the application role's table privileges and bypasses the policies; nothing but the sweep
-- takes it (DbRole in db/with-principal.ts).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_retention') THEN
    CREATE ROLE caseline_retention NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE INHERIT BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_app TO caseline_retention;
GRANT caseline_retention TO CURRENT_USER;
