-- Routing rules (issue 5): ordered, supervisor-editable; the first enabled rule whose
-- conditions hold sends a new case to a business area, with a priority, tags and an
-- assignment strategy. Rules describe kinds of inquiries, not people: no personal data.
CREATE TABLE routing_rules (
  id          uuid PRIMARY KEY,
  position    integer NOT NULL,
  name        text NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  conditions  jsonb NOT NULL,
  actions     jsonb NOT NULL,
  updated_by  text NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX routing_rules_position ON routing_rules (position);
GRANT SELECT, INSERT, UPDATE, DELETE ON routing_rules TO caseline_app;
-- Everyone who opens cases reads the rules; only holders of routing.manage change them.
ALTER TABLE routing_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE routing_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON routing_rules FOR SELECT USING (true);
CREATE POLICY create_ ON routing_rules FOR INSERT WITH CHECK (caseline.allowed('routing.manage', NULL, NULL));
CREATE POLICY update_ ON routing_rules FOR UPDATE USING (caseline.allowed('routing.manage', NULL, NULL)) WITH CHECK (caseline.allowed('routing.manage', NULL, NULL));
CREATE POLICY delete_ ON routing_rules FOR DELETE USING (caseline.allowed('routing.manage', NULL, NULL));

-- Assignment needs to know who works an area: staff rows are otherwise visible only to
-- their owner and to user managers. This one function, owned by a role that bypasses
-- row-level security and may read only these columns, answers ids and names of the
-- active staff of an area the caller works in (or of any area, for Caseline's own jobs).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_directory') THEN
    CREATE ROLE caseline_directory NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_directory TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_directory;
GRANT USAGE ON SCHEMA public TO caseline_directory;
GRANT SELECT (id, display_name, roles, business_areas, disabled_at) ON staff_users TO caseline_directory;

CREATE FUNCTION caseline.area_staff(area text)
  RETURNS TABLE (id uuid, display_name text, roles text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT s.id, s.display_name, s.roles FROM public.staff_users s
    WHERE s.disabled_at IS NULL
      AND s.roles && ARRAY['agent', 'supervisor', 'business_area_staff', 'contractor']
      -- The shared queue (no area) is worked by staff of no area.
      AND ((area IS NULL AND cardinality(s.business_areas) = 0) OR area = ANY (s.business_areas))
      AND (caseline.principal_kind() = 'system'
           OR (caseline.principal_kind() = 'staff' AND (area IS NULL OR area = ANY (coalesce(caseline.principal_areas(), '{}')))))
    ORDER BY s.display_name, s.id
  $$;
ALTER FUNCTION caseline.area_staff(text) OWNER TO caseline_directory;
REVOKE ALL ON FUNCTION caseline.area_staff(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.area_staff(text) TO caseline_app;
