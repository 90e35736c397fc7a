-- The principal model shared by every row-level-security policy.
--
-- Application queries never run as the tables' owner: each unit of work does
-- SET LOCAL ROLE caseline_app, a role that is neither superuser nor owner and cannot
-- bypass RLS, so every table marked FORCE ROW LEVEL SECURITY is filtered for it even
-- when the connection itself logs in as a superuser (as PGlite always does).
-- caseline_sealer may additionally write the hash-chain columns of the audit log.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_app') THEN
    CREATE ROLE caseline_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_sealer') THEN
    CREATE ROLE caseline_sealer NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  -- Roles are cluster-wide: another database on the same server created them first.
  NULL;
END
$$;

GRANT caseline_app TO CURRENT_USER;
GRANT caseline_sealer TO CURRENT_USER;

CREATE SCHEMA caseline;
GRANT USAGE ON SCHEMA caseline TO caseline_app, caseline_sealer;
GRANT USAGE ON SCHEMA public TO caseline_app, caseline_sealer;

-- The principal travels in transaction-local settings written by withPrincipal().
CREATE FUNCTION caseline.principal_kind() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('caseline.principal_kind', true), '') $$;

CREATE FUNCTION caseline.principal_id() RETURNS text
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('caseline.principal_id', true), '') $$;

CREATE FUNCTION caseline.principal_subject() RETURNS uuid
  LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('caseline.subject_id', true), '')::uuid $$;

CREATE FUNCTION caseline.principal_areas() RETURNS text[]
  LANGUAGE sql STABLE AS $$ SELECT string_to_array(nullif(current_setting('caseline.areas', true), ''), ',') $$;

-- The grants are computed by the application from the one authorization matrix
-- (src/access/matrix.ts) for the principal's roles, as 'action:relation' strings.
CREATE FUNCTION caseline.principal_grants() RETURNS text[]
  LANGUAGE sql STABLE AS $$ SELECT string_to_array(nullif(current_setting('caseline.grants', true), ''), ',') $$;

-- How a row relates to the principal: a customer sees 'own' rows or 'other' ones;
-- staff see rows of no business area ('shared'), of one of theirs ('in_area'), or not.
CREATE FUNCTION caseline.relation(row_subject uuid, row_area text) RETURNS text
  LANGUAGE sql STABLE AS $$
    SELECT CASE caseline.principal_kind()
      WHEN 'customer' THEN
        CASE WHEN row_subject IS NOT NULL AND row_subject = caseline.principal_subject() THEN 'own' ELSE 'other' END
      WHEN 'staff' THEN
        CASE WHEN row_area IS NULL THEN 'shared'
             WHEN row_area = ANY (coalesce(caseline.principal_areas(), '{}')) THEN 'in_area'
             ELSE 'other_area' END
      WHEN 'system' THEN 'any'
      ELSE 'none' END
  $$;

CREATE FUNCTION caseline.allowed(action text, row_subject uuid, row_area text) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT (action || ':' || caseline.relation(row_subject, row_area)) = ANY (coalesce(caseline.principal_grants(), '{}'))
        OR (action || ':any') = ANY (coalesce(caseline.principal_grants(), '{}'))
  $$;

-- Every table holding a data subject's personal data is protected the same way: RLS
-- forced even for the owner, one policy per command, all driven by the grants.
CREATE FUNCTION caseline.protect(tbl regclass, subject_column text DEFAULT 'subject_id', area_column text DEFAULT 'business_area')
  RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    subj text := format('%I', subject_column);
    area text := format('%I', area_column);
  BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('CREATE POLICY read ON %s FOR SELECT USING (caseline.allowed(''record.read'', %s, %s))', tbl, subj, area);
    EXECUTE format('CREATE POLICY create_ ON %s FOR INSERT WITH CHECK (caseline.allowed(''record.create'', %s, %s))', tbl, subj, area);
    EXECUTE format('CREATE POLICY update_ ON %s FOR UPDATE USING (caseline.allowed(''record.update'', %s, %s)) WITH CHECK (caseline.allowed(''record.update'', %s, %s))', tbl, subj, area, subj, area);
    EXECUTE format('CREATE POLICY delete_ ON %s FOR DELETE USING (caseline.allowed(''record.delete'', %s, %s))', tbl, subj, area);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO caseline_app', tbl);
  END
$$;
