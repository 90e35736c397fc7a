-- Macros (issue 5): reply templates with placeholders ({{customer.name}}, {{case.number}}…)
-- and canned case actions (a status, a priority, tags), written by supervisors and used
-- by every agent. A macro describes a kind of answer, not a person: no personal data, so
-- no subject key and no encryption; the placeholders are filled in per case at use.
CREATE TABLE macros (
  id             uuid PRIMARY KEY,
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  -- NULL: a macro for everyone; otherwise for the staff of that area (and its cases).
  business_area  text REFERENCES business_areas (id),
  -- { "status"?: …, "resolutionCode"?: …, "priority"?: …, "tags"?: [...] }, checked by the service.
  actions        jsonb NOT NULL DEFAULT '{}',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL,
  updated_by     text NOT NULL,
  updated_at     timestamptz NOT NULL
);
-- Names are how agents pick a macro: unique whatever their case.
CREATE UNIQUE INDEX macros_name ON macros (lower(name));
GRANT SELECT, INSERT, UPDATE, DELETE ON macros TO caseline_app;
-- Every staff member (and Caseline's own jobs) reads them; only holders of macros.manage change them.
ALTER TABLE macros ENABLE ROW LEVEL SECURITY;
ALTER TABLE macros FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON macros FOR SELECT USING (caseline.principal_kind() IN ('staff', 'system'));
CREATE POLICY create_ ON macros FOR INSERT WITH CHECK (caseline.allowed('macros.manage', NULL, NULL));
CREATE POLICY update_ ON macros FOR UPDATE USING (caseline.allowed('macros.manage', NULL, NULL)) WITH CHECK (caseline.allowed('macros.manage', NULL, NULL));
CREATE POLICY delete_ ON macros FOR DELETE USING (caseline.allowed('macros.manage', NULL, NULL));
