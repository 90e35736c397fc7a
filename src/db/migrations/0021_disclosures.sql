-- The Privacy Act accounting of disclosures (issue 6; 5 U.S.C. 552a(c); DESIGN.md principle 4):
-- one row for every disclosure of a record outside the organisation under a routine use (a
-- copy sent to a contractor, an extract given to another agency, a record shown to law
-- enforcement). It answers three questions: what was disclosed of a subject, to whom and why
-- (shown to the subject on request, 552a(c)(3)); who received a given record, so that they
-- can be told of a later amendment or dispute (552a(c)(4)); and when the entry may go.
--
-- The purpose and the recipient's name and address are personal data (a recipient may be a
-- person, and the purpose often says what the record was about): ciphertext under the key
-- of the record's data subject, like the record itself. Everything else is a code, an id or
-- a date.
CREATE TABLE disclosures (
  id                       uuid PRIMARY KEY,
  -- The data subject of the disclosed record, and its business area: copied from the record,
  -- so that row-level security shows the accounting to whoever may read the record.
  subject_id               uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  business_area            text,
  -- The record disclosed: a catalog table and the row's id. No foreign key on purpose: the
  -- accounting outlives the record when the record is disposed of first (552a(c)(2) keeps it
  -- at least 5 years after the disclosure), and one column cannot reference every table.
  record_table             text NOT NULL CHECK (record_table ~ '^[a-z][a-z0-9_]{0,62}$'),
  record_id                text NOT NULL CHECK (length(record_id) BETWEEN 1 AND 100),
  -- The catalog record type ('usps-880/customer-inquiry'): its notice is the one whose
  -- routine uses the disclosure was made under.
  record_type              text NOT NULL CHECK (length(record_type) BETWEEN 1 AND 120),
  disclosed_at             timestamptz NOT NULL,
  -- 552a(c)(1) "the date, nature, and purpose of each disclosure".
  nature                   text NOT NULL CHECK (nature IN ('copy', 'extract', 'summary', 'inspection', 'verbal')),
  purpose_ct               bytea NOT NULL,
  -- "the name and address of the person or agency to whom the disclosure is made": one
  -- encrypted JSON document {name, address}.
  recipient_ct             bytea NOT NULL,
  recipient_kind           text NOT NULL CHECK (recipient_kind IN (
                             'contractor', 'agency', 'law_enforcement', 'congress', 'court', 'other')),
  -- The routine use, validated against the catalog when entered: '<notice id>:<n>' (routine
  -- use n as the notice numbers it) or 'standard:<n>' (the agency's standard routine use n,
  -- which the record type's notice adopts). No foreign key: notices live in code.
  routine_use              text NOT NULL CHECK (routine_use ~ '^[A-Za-z0-9./-]{1,40}:[1-9][0-9]{0,2}$'),
  -- 552a(c)(3): a disclosure for a law-enforcement activity made at an agency's written
  -- request (552a(b)(7)) is accounted for but not made available to the subject. Only an
  -- agency can make such a request.
  law_enforcement_request  boolean NOT NULL DEFAULT false,
  -- The subject filed a statement of disagreement with the record before it was disclosed:
  -- the disclosure notes the dispute and carries the statement (552a(d)(4)).
  disputed                 boolean NOT NULL DEFAULT false,
  -- Who entered it, as the audit log names actors ('staff:<uuid>'); held to the transaction's
  -- principal by the insert policy below.
  entered_by               text NOT NULL,
  entered_at               timestamptz NOT NULL,
  -- 552a(c)(2): kept 5 years after the disclosure or the life of the record, whichever is
  -- longer. Written as the later of the disclosure + 5 years and the record's own due date
  -- when it was entered. A record's due date can move later (a case reopened, a legal hold):
  -- the retention sweep must not dispose of an entry while its record still exists, and may
  -- extend dispose_after to the record's when it sees one later than this.
  dispose_after            timestamptz NOT NULL,
  CONSTRAINT disclosures_kept_after_disclosure CHECK (dispose_after > disclosed_at),
  CONSTRAINT disclosures_law_enforcement_by_agency CHECK (NOT law_enforcement_request OR recipient_kind IN ('law_enforcement', 'agency'))
);
SELECT caseline.protect('disclosures');

-- Two policies differ from caseline.protect's. Entering a disclosure needs record.read on
-- the record (whoever may read a record may have sent it out, and the privacy office, which
-- enters most of them, reads but does not create records), is staff's or the system's work,
-- and names its real author. And a customer never sees a law-enforcement entry of their
-- own, whatever the query (552a(c)(3)); the service leaves them out as well.
DROP POLICY create_ ON disclosures;
CREATE POLICY create_ ON disclosures FOR INSERT WITH CHECK (
  caseline.principal_kind() IN ('staff', 'system')
  AND entered_by = caseline.principal_kind() || ':' || caseline.principal_id()
  AND caseline.allowed('record.read', subject_id, business_area));
DROP POLICY read ON disclosures;
CREATE POLICY read ON disclosures FOR SELECT USING (
  caseline.allowed('record.read', subject_id, business_area)
  AND NOT (law_enforcement_request AND caseline.principal_kind() = 'customer'));

-- A subject's accounting, newest first (the access report, the portal).
CREATE INDEX disclosures_subject ON disclosures (subject_id, disclosed_at DESC);
-- The recipients of one record, to notify them of an amendment (552a(c)(4)).
CREATE INDEX disclosures_record ON disclosures (record_table, record_id);
-- The retention sweep walks records by due date.
CREATE INDEX disclosures_dispose_after ON disclosures (dispose_after);
