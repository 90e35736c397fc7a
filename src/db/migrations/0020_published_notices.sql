-- Published systems of records notices (issue 6): each version of a notice as it was sent
-- for publication, so that `caseline sorn diff` can say what the catalog has changed since
-- and whether that needs a new notice (5 U.S.C. 552a(e)(4)) or 30 days' notice of a routine
-- use (552a(e)(11)). A notice describes a system, not a person: no personal data, so no
-- subject key and no encryption.
CREATE TABLE published_notices (
  -- The catalog's notice id ('880.000', 'PAT-TM-20'). No foreign key: notices live in code.
  notice_id     text NOT NULL CHECK (length(notice_id) BETWEEN 1 AND 40),
  -- 1, 2, 3, … per notice; the primary key makes two publishers racing for the same
  -- number fail rather than both succeed.
  version       integer NOT NULL CHECK (version >= 1),
  published_at  timestamptz NOT NULL,
  -- The actor who recorded it ('system:system:sorn' for the CLI).
  published_by  text NOT NULL CHECK (length(published_by) BETWEEN 1 AND 200),
  -- noticeToJson() of the notice as published.
  notice        jsonb NOT NULL,
  -- SHA-256 of that JSON written canonically (keys sorted, no spaces), so that the stored
  -- document can be checked against the digest from jsonb alone (jsonb does not keep key order).
  sha256        bytea NOT NULL CHECK (length(sha256) = 32),
  PRIMARY KEY (notice_id, version)
);
-- Append-only: a published version is a historical fact, never updated or deleted.
GRANT SELECT, INSERT ON published_notices TO caseline_app;
-- Readable by whoever may read the catalog (every staff role) and by Caseline itself; only
-- the system (the operator's CLI) records a publication: no staff action covers it yet.
ALTER TABLE published_notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE published_notices FORCE ROW LEVEL SECURITY;
CREATE POLICY read ON published_notices FOR SELECT
  USING (caseline.principal_kind() = 'system' OR caseline.allowed('catalog.read', NULL, NULL));
CREATE POLICY publish ON published_notices FOR INSERT WITH CHECK (caseline.principal_kind() = 'system');
