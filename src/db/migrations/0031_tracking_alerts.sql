-- Tracking alerts (820.200, seed 001 purpose 3: "To provide customers with information about
-- the status of mailings within the USPS network or other carrier networks"): a customer asks
-- to be told by e-mail or text message when a piece they follow is scanned. The contact is
-- stored as category 1 of the notice lists it ("text message number, and cell phone carrier"),
-- as ciphertext under the customer's key, so erasing the customer shreds it with the rest.
--
-- Record type usps-820/confirmation-services (kept 1 year from creation): a subscription serves
-- only to report a mailing's delivery status, and ends with the piece's tracking (30 days for
-- mail, 90 for packages); it is no account data to keep 4 years after the relationship ends.
CREATE TABLE tracking_subscriptions (
  id               uuid PRIMARY KEY,
  subject_id       uuid NOT NULL REFERENCES data_subjects (id) ON DELETE CASCADE,
  -- SET NULL rather than CASCADE: the subscription keeps its own retention.
  customer_id      uuid REFERENCES customers (subject_id) ON DELETE SET NULL,
  business_area    text,
  class            text NOT NULL CHECK (class IN ('mail', 'package')),
  -- As tracking_events.piece stores it: the article number (an IMpb without its routing
  -- prefix) or the IMb's 20-digit tracking code. No foreign key: events come and go by day.
  piece            text NOT NULL CHECK (length(piece) BETWEEN 13 AND 34),
  channel          text NOT NULL CHECK (channel IN ('email', 'text')),
  -- The e-mail address, or the text number in E.164 form.
  address_ct       bytea NOT NULL,
  -- A text number's carrier, from the list in tracking-alert.ts; none for e-mail.
  carrier_ct       bytea,
  events           text NOT NULL CHECK (events IN ('all', 'delivery_and_exceptions')),
  -- The cursor: the events of the piece already alerted (or passed over as not asked for), by
  -- their digest. Not a time: feeds deliver late (a scan from yesterday that arrives today is
  -- still news), and two feeds loading at once commit in any order, so an event can become
  -- visible after a later one has been alerted; a set of ids misses neither. A piece has a
  -- handful of events, and the set is rewritten from its current history each time, so events
  -- dropped by retention leave it. A subscription starts with the events known when it is made
  -- (the customer has just seen them).
  alerted_events   text[] NOT NULL DEFAULT '{}',
  -- When the newest event alerted happened (the scan time), for people to read.
  last_event_at    timestamptz,
  -- A dispatcher sending this subscription's alert holds it until then: sending happens with no
  -- transaction open, and one that dies mid-send leaves the subscription due again by itself.
  claimed_until    timestamptz,
  alerts_sent      integer NOT NULL DEFAULT 0 CHECK (alerts_sent >= 0),
  -- The code of the last failed send (text-gateway, smtp-550): never the gateway's words,
  -- which can quote the number or the address. Cleared by the next send that succeeds.
  last_error       text,
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL,
  -- The piece's tracking retention from the subscription: no event can arrive for it later.
  expires_at       timestamptz NOT NULL,
  cancelled_at     timestamptz,
  dispose_after    timestamptz NOT NULL,
  CHECK ((channel = 'text') = (carrier_ct IS NOT NULL)),
  CHECK (expires_at > created_at)
);
SELECT caseline.protect('tracking_subscriptions');
CREATE INDEX tracking_subscriptions_customer ON tracking_subscriptions (customer_id, created_at DESC) WHERE customer_id IS NOT NULL;
CREATE INDEX tracking_subscriptions_subject ON tracking_subscriptions (subject_id);
-- The dispatcher's round walks only the live subscriptions, by id (its keyset).
CREATE INDEX tracking_subscriptions_active ON tracking_subscriptions (id) WHERE cancelled_at IS NULL;
CREATE INDEX tracking_subscriptions_dispose_after ON tracking_subscriptions (dispose_after);

-- A piece's events as a customer may see them: what happened, when and at which facility's ZIP
-- Code, never where the piece is addressed (zip11) nor who mailed it. Row-level security lets
-- only staff with record.read on shared records read tracking_events; this one function, owned
-- by a role that bypasses it and may read only these columns, answers the portal's "Track a
-- package" and the alert dispatcher. It reads the days the piece directory names, so it never
-- scans a partition the piece is not in.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'caseline_tracking_reader') THEN
    CREATE ROLE caseline_tracking_reader NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END
$$;
GRANT caseline_tracking_reader TO CURRENT_USER;
GRANT USAGE ON SCHEMA caseline TO caseline_tracking_reader;
GRANT USAGE ON SCHEMA public TO caseline_tracking_reader;
GRANT SELECT (class, event_day, event_id, piece, event, event_at, facility_zip) ON tracking_events TO caseline_tracking_reader;
GRANT SELECT (class, piece, first_day, last_day) ON tracking_pieces TO caseline_tracking_reader;

CREATE FUNCTION caseline.tracking_piece_history(cls text, pieces text[])
  RETURNS TABLE (event_id text, event text, event_at timestamptz, facility_zip text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT e.event_id::text, e.event, e.event_at, e.facility_zip
    FROM public.tracking_events e
    -- Scalar sub-selects are InitPlans: their values prune the day partitions when it runs.
    WHERE e.class = cls AND e.piece = ANY (pieces)
      AND e.event_day >= (SELECT min(p.first_day) FROM public.tracking_pieces p WHERE p.class = cls AND p.piece = ANY (pieces))
      AND e.event_day <= (SELECT max(p.last_day) FROM public.tracking_pieces p WHERE p.class = cls AND p.piece = ANY (pieces))
      AND caseline.principal_kind() IN ('customer', 'staff', 'system')
    ORDER BY e.event_at, e.event_id
    LIMIT 10000
  $$;
ALTER FUNCTION caseline.tracking_piece_history(text, text[]) OWNER TO caseline_tracking_reader;
REVOKE ALL ON FUNCTION caseline.tracking_piece_history(text, text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.tracking_piece_history(text, text[]) TO caseline_app;
