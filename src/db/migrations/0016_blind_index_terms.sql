-- Which version of each blind-index kind's terms the stored digests were made with. When a
-- kind's terms change (names gained pair terms in version 2), the values are encrypted, so
-- SQL cannot re-digest them: the server does at start, then records the version here.
CREATE TABLE blind_index_terms (
  kind text PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  updated_at timestamptz NOT NULL DEFAULT now()
);

GRANT SELECT, INSERT, UPDATE ON blind_index_terms TO caseline_app;

-- An index row is removed when its value is removed or replaced, by whoever may update the
-- subject's record: without this an agent's removal left the old value findable (deleting a
-- record outright stays with record.delete).
CREATE POLICY unindex ON blind_index FOR DELETE USING (caseline.allowed('record.update', subject_id, business_area));
