-- A lookup by a retrieval key that many records share (a surname's phonetic code, a ZIP)
-- reads thousands of blind-index entries, and row-level security needs each entry's
-- subject and business area. Carried in the primary key's index, they are read from the
-- index alone, without a visit to the table for every entry (bench/results/lookup-findings.md).
ALTER TABLE blind_index DROP CONSTRAINT blind_index_pkey;
ALTER TABLE blind_index ADD CONSTRAINT blind_index_pkey PRIMARY KEY (kind, digest, record_table, record_id) INCLUDE (subject_id, business_area);
