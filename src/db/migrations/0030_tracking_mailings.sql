-- Business mailers' mailings (820.200, seed 001 category 3 "Data on mailings": postage statement
-- data, destination of mailing, mailing problems, presort information, reply mailpiece
-- information, container label numbers and permit numbers; category 2 "mailer and mailing ID";
-- purposes 1, 5 and 6: acceptance and induction, and telling mailers how their mail is doing).
--
-- A mailing belongs to an organisation customer and is kept under its data subject and
-- business area, so erasing the customer shreds its mailings with the rest of the record.
-- Two record types: a mailing entered at a destination facility (DNDC, DSCF, DDU) is a drop
-- ship record (usps-820/drop-ship, 2 years from creation); one entered at origin is a business
-- mailing record (usps-820/business-mailing, 4 years after the relationship ends). The column
-- record_type says which, so the retention sweep reads each row's rule from it.
CREATE TABLE mailings (
  id                  uuid PRIMARY KEY,
  subject_id          uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  customer_id         uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area       text,
  record_type         text NOT NULL CHECK (record_type IN ('usps-820/drop-ship', 'usps-820/business-mailing')),
  -- The mailer's own reference for the job; unique per customer so a resubmission is refused.
  mailing_ref         text NOT NULL CHECK (length(mailing_ref) BETWEEN 1 AND 40),
  -- As IMb mailer ids are read (imb-parts.ts): six digits not starting with 9, or nine starting with 9.
  -- Text, not a number: a six-digit id may start with 0.
  mailer_id           text NOT NULL CHECK (mailer_id ~ '^([0-8][0-9]{5}|9[0-9]{8})$'),
  -- The IMb serial numbers of the mailing's pieces (9 digits after a 6-digit mailer id, 6 after a
  -- 9-digit one): the performance reads the tracking events of pieces in this range. Parcels carry
  -- an IMpb, not an IMb, so a parcel mailing has none.
  serial_first        bigint CHECK (serial_first >= 0),
  serial_last         bigint,
  postage_statement   text NOT NULL CHECK (postage_statement ~ '^[0-9A-Z-]{1,20}$'),
  -- The agency's calendar day the statement was finalised (the mailing date).
  mailing_date        date NOT NULL,
  mail_class          text NOT NULL CHECK (mail_class IN ('first_class', 'marketing', 'periodicals', 'bound_printed_matter', 'package_services')),
  processing_category text NOT NULL CHECK (processing_category IN ('letters', 'flats', 'parcels')),
  price_category      text NOT NULL CHECK (length(price_category) BETWEEN 1 AND 60),
  presort_level       text NOT NULL CHECK (presort_level IN ('carrier_route', '5_digit', '3_digit', 'aadc', 'mixed_aadc', 'adc', 'mixed_adc', 'single_piece')),
  piece_count         integer NOT NULL CHECK (piece_count BETWEEN 1 AND 10000000),
  weight_grams        bigint NOT NULL CHECK (weight_grams > 0),
  postage_cents       bigint NOT NULL CHECK (postage_cents >= 0),
  permit_number       text NOT NULL CHECK (permit_number ~ '^[0-9]{1,8}$'),
  permit_type         text NOT NULL CHECK (permit_type IN ('permit_imprint', 'precanceled_stamp', 'meter')),
  -- 24-digit Intelligent Mail container barcodes (IMcb) of the trays, sacks and pallets.
  container_labels    text[] NOT NULL CHECK (cardinality(container_labels) <= 500),
  entry               text NOT NULL CHECK (entry IN ('origin', 'dndc', 'dscf', 'ddu')),
  drop_ship_code      text,
  appointment_at      timestamptz,
  reply_kind          text CHECK (reply_kind IN ('business_reply_mail', 'courtesy_reply_mail', 'qbrm')),
  reply_permit        text CHECK (reply_permit ~ '^[0-9]{1,8}$'),
  status              text NOT NULL CHECK (status IN ('scheduled', 'inducted', 'in_processing', 'completed', 'cancelled')),
  -- Free text about what went wrong with the mailing (a hold, a short count, a damaged tray):
  -- ciphertext under the customer's key.
  problems_ct         bytea,
  entered_by          text NOT NULL,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  -- Set from creation for a drop ship record (2 years); NULL for a business mailing record while
  -- the customer relationship lasts (4 years after it ends).
  dispose_after       timestamptz,
  UNIQUE (customer_id, mailing_ref),
  CHECK ((serial_first IS NULL) = (serial_last IS NULL) AND (serial_first IS NULL) = (processing_category = 'parcels')),
  CHECK (serial_last IS NULL OR (serial_last >= serial_first
         AND serial_last < CASE WHEN mailer_id ~ '^9' THEN 1000000 ELSE 1000000000 END
         AND serial_last - serial_first + 1 >= piece_count)),
  CHECK ((entry = 'origin') = (drop_ship_code IS NULL)),
  CHECK (drop_ship_code IS NULL OR drop_ship_code ~ '^[0-9A-Z]{1,12}$'),
  CHECK ((entry = 'origin') = (record_type = 'usps-820/business-mailing')),
  CHECK ((reply_kind IS NULL) = (reply_permit IS NULL))
);
SELECT caseline.protect('mailings');
CREATE INDEX mailings_customer ON mailings (customer_id, mailing_date DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX mailings_subject ON mailings (subject_id);
CREATE INDEX mailings_dispose_after ON mailings (dispose_after) WHERE dispose_after IS NOT NULL;

-- A mailing's performance is read from the tracking events of its pieces, which row-level
-- security shows only to staff reading shared records: neither the mailer on the portal nor an
-- agent confined to an area may read events as such. This function, owned by a role that
-- bypasses it and may read only the columns it needs, answers counts for one mailing, and only
-- to a caller who may read that mailing (the same check as the mailings read policy). The
-- events are read within [from_at, to_at) and the days holding them, by the mailer id index.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_mailing_performance') THEN
    CREATE ROLE caseline_mailing_performance NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_mailing_performance TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_mailing_performance;
GRANT USAGE ON SCHEMA public TO caseline_mailing_performance;
GRANT SELECT (id, subject_id, business_area, mailer_id, serial_first, serial_last) ON mailings TO caseline_mailing_performance;
GRANT SELECT (class, event_day, piece, mailer_id, event, event_at) ON tracking_events TO caseline_mailing_performance;

CREATE FUNCTION caseline.mailing_performance(mailing uuid, from_at timestamptz, to_at timestamptz)
  RETURNS TABLE (last_event text, pieces bigint, delivered bigint, last_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH m AS (
      SELECT mailer_id::integer AS mid, serial_first, serial_last,
             CASE WHEN mailer_id ~ '^9' THEN 15 ELSE 12 END AS serial_at,
             CASE WHEN mailer_id ~ '^9' THEN 6 ELSE 9 END AS serial_len
      FROM public.mailings
      WHERE id = mailing AND serial_first IS NOT NULL AND caseline.allowed('record.read', subject_id, business_area)
    ),
    ev AS (
      SELECT e.piece, e.event, e.event_at
      FROM public.tracking_events e, m
      WHERE e.class = 'mail' AND e.mailer_id = m.mid
        AND e.event_day >= (from_at AT TIME ZONE 'UTC')::date AND e.event_day <= (to_at AT TIME ZONE 'UTC')::date
        AND e.event_at >= from_at AND e.event_at < to_at
        AND substr(e.piece, m.serial_at, m.serial_len)::bigint BETWEEN m.serial_first AND m.serial_last
    ),
    per_piece AS (
      SELECT DISTINCT ON (piece) piece, event AS last_event, event_at AS last_at,
             bool_or(event = 'delivered') OVER (PARTITION BY piece) AS delivered
      FROM ev
      ORDER BY piece, event_at DESC, event DESC
    )
    SELECT last_event, count(*), count(*) FILTER (WHERE delivered), max(last_at)
    FROM per_piece
    GROUP BY last_event
  $$;
ALTER FUNCTION caseline.mailing_performance(uuid, timestamptz, timestamptz) OWNER TO caseline_mailing_performance;
REVOKE ALL ON FUNCTION caseline.mailing_performance(uuid, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.mailing_performance(uuid, timestamptz, timestamptz) TO caseline_app;
