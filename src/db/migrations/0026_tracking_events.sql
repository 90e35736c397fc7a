-- Tracking events (820.200: "USPS and other carrier network tracking records are retained for
-- up to 30 days for mail and up to 90 days for packages and special services"): every scan of a
-- mailpiece (found by its Intelligent Mail barcode) or a package (by its article number), at
-- postal scale — tens of millions a day, a billion held.
--
-- Partitioned by class, then by day, so that retention is dropping a day's partition once its
-- 30 or 90 days have passed: never a scan, never a row-by-row delete. Events are immutable
-- (no UPDATE or DELETE is granted): a correction is a new event. The unique key is the
-- event's digest (piece, event, time, facility) computed by the ingester, so a feed replayed
-- stores each event once; it holds the partition keys because PostgreSQL's unique indexes on
-- partitioned tables must.
--
-- No subject_id: an event is about a piece of mail, not a person in the registry. The delivery
-- point (zip11) is an identifier in the catalog, so reading needs record.read on shared records
-- and every lookup is audited; writing needs tracking.ingest (feeds, through API tokens).
CREATE TABLE tracking_events (
  class        text NOT NULL CHECK (class IN ('mail', 'package')),
  event_day    date NOT NULL,
  event_id     bigint NOT NULL,
  -- The article number (IMpb without its routing prefix, legacy 20-digit, S10) or, for mail,
  -- the IMb's 20-digit tracking code.
  piece        text NOT NULL CHECK (length(piece) BETWEEN 13 AND 34),
  -- Where the piece is addressed: 5, 9 or 11 digits (ZIP, ZIP+4, delivery point).
  zip11        text CHECK (length(zip11) IN (5, 9, 11)),
  mailer_id    integer CHECK (mailer_id BETWEEN 0 AND 999999999),
  service_type smallint,
  event        text NOT NULL,
  event_at     timestamptz NOT NULL,
  facility_zip text CHECK (length(facility_zip) = 5),
  source       text NOT NULL,
  received_at  timestamptz NOT NULL,
  CHECK (event_day = (event_at AT TIME ZONE 'UTC')::date)
) PARTITION BY LIST (class);
CREATE TABLE tracking_events_mail PARTITION OF tracking_events FOR VALUES IN ('mail') PARTITION BY RANGE (event_day);
CREATE TABLE tracking_events_package PARTITION OF tracking_events FOR VALUES IN ('package') PARTITION BY RANGE (event_day);

-- The time leads the key: feeds send scans as they happen, so a load writes at the end of the
-- index rather than on random pages of it, as the digest alone would (it fixes the time anyway).
CREATE UNIQUE INDEX tracking_events_key ON tracking_events (class, event_day, event_at, event_id);
-- The four lookups the notice names: by article number or IMb, by delivery point and day, by mailer.
CREATE INDEX tracking_events_piece ON tracking_events (piece, event_at);
CREATE INDEX tracking_events_zip11 ON tracking_events (zip11, event_at) WHERE zip11 IS NOT NULL;
CREATE INDEX tracking_events_mailer ON tracking_events (mailer_id, event_at) WHERE mailer_id IS NOT NULL;

ALTER TABLE tracking_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracking_events FORCE ROW LEVEL SECURITY;
-- The grants do not vary by row (no subject, no area): a sub-select makes each check an
-- InitPlan evaluated once per statement instead of once per row of a million-row load.
CREATE POLICY read ON tracking_events FOR SELECT USING ((SELECT caseline.allowed('record.read', NULL, NULL)));
CREATE POLICY ingest ON tracking_events FOR INSERT WITH CHECK ((SELECT caseline.allowed('tracking.ingest', NULL, NULL)));
GRANT SELECT, INSERT ON tracking_events TO caseline_app;

-- Which days hold a piece's events, so that an article's history is read from those days'
-- partitions only and not from every day kept: at a billion events, a probe of each of 90
-- days' indexes would miss the 10 ms a lookup may take. Kept by the load that stores the
-- events; when a day is dropped, the pieces last seen that day go with it (a bounded delete
-- by last_day). A piece seen again later keeps a first_day that may name a dropped day: the
-- lookup then finds no partition there, which costs nothing.
CREATE TABLE tracking_pieces (
  class     text NOT NULL CHECK (class IN ('mail', 'package')),
  piece     text NOT NULL,
  first_day date NOT NULL,
  last_day  date NOT NULL,
  PRIMARY KEY (piece, class),
  CHECK (first_day <= last_day)
);
CREATE INDEX tracking_pieces_last_day ON tracking_pieces (class, last_day);
ALTER TABLE tracking_pieces ENABLE ROW LEVEL SECURITY;
ALTER TABLE tracking_pieces FORCE ROW LEVEL SECURITY;
-- A load's upsert reads the rows it updates (ON CONFLICT DO UPDATE applies the read policy):
-- feeds may read the directory of the numbers they send.
CREATE POLICY read ON tracking_pieces FOR SELECT
  USING ((SELECT caseline.allowed('record.read', NULL, NULL) OR caseline.allowed('tracking.ingest', NULL, NULL)));
CREATE POLICY ingest ON tracking_pieces FOR INSERT WITH CHECK ((SELECT caseline.allowed('tracking.ingest', NULL, NULL)));
CREATE POLICY widen ON tracking_pieces FOR UPDATE
  USING ((SELECT caseline.allowed('tracking.ingest', NULL, NULL))) WITH CHECK ((SELECT caseline.allowed('tracking.ingest', NULL, NULL)));
CREATE POLICY dispose ON tracking_pieces FOR DELETE USING ((SELECT caseline.principal_kind() = 'system'));
GRANT SELECT, INSERT, UPDATE, DELETE ON tracking_pieces TO caseline_app;

-- Day partitions are made by the owner, on request of the application (which may not run DDL):
-- one for a day within the class's retention window or up to a week ahead, never older.
-- `today` is the application's (its clock is the one retention runs by).
CREATE FUNCTION caseline.tracking_partition(class text, day date, today date) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DECLARE
    keep integer := CASE class WHEN 'mail' THEN 30 WHEN 'package' THEN 90 END;
    name text := format('tracking_events_%s_p%s', class, to_char(day, 'YYYYMMDD'));
  BEGIN
    IF keep IS NULL THEN RAISE EXCEPTION 'no tracking class %', class USING ERRCODE = '22023'; END IF;
    IF day < today - keep OR day > today + 7 THEN
      RAISE EXCEPTION 'day % is outside the % retention window', day, class USING ERRCODE = '22023';
    END IF;
    IF to_regclass('public.' || name) IS NULL THEN
      -- Two servers may ask at once: the second waits, then finds it made.
      PERFORM pg_advisory_xact_lock(hashtext('caseline.tracking_partition'));
      IF to_regclass('public.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.%I FOR VALUES FROM (%L) TO (%L)',
                       name, 'tracking_events_' || class, day, day + 1);
      END IF;
    END IF;
    RETURN name;
  END
$$;
REVOKE ALL ON FUNCTION caseline.tracking_partition(text, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.tracking_partition(text, date, date) TO caseline_app;

-- The day partitions of a class, oldest first, with the day each holds and the planner's
-- estimate of its rows (-1 until it is first analysed): counting a day exactly reads all of it.
CREATE FUNCTION caseline.tracking_partitions(class text) RETURNS TABLE (name text, day date, estimate bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT c.relname::text, to_date(substring(c.relname from '_p([0-9]{8})$'), 'YYYYMMDD'), c.reltuples::bigint
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = ('public.tracking_events_' || class)::regclass
    ORDER BY 2
  $$;
REVOKE ALL ON FUNCTION caseline.tracking_partitions(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.tracking_partitions(text) TO caseline_app;

-- Disposal of one day: how many events it held and the XOR of their ids (a digest for the
-- certificate that needs no sort of millions of ids; as text, since the ids use all 64 bits),
-- then the partition is dropped. Only the
-- retention sweep (a system principal) may, and only for a day past the class's retention.
CREATE FUNCTION caseline.drop_tracking_partition(class text, day date, today date, OUT events bigint, OUT ids_xor text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DECLARE
    keep integer := CASE class WHEN 'mail' THEN 30 WHEN 'package' THEN 90 END;
    name text := format('tracking_events_%s_p%s', class, to_char(day, 'YYYYMMDD'));
  BEGIN
    IF caseline.principal_kind() IS DISTINCT FROM 'system' THEN
      RAISE EXCEPTION 'only the retention sweep disposes of tracking events' USING ERRCODE = '42501';
    END IF;
    IF keep IS NULL OR day >= today - keep THEN
      RAISE EXCEPTION 'the % events of % are within their retention', class, day USING ERRCODE = '22023';
    END IF;
    IF to_regclass('public.' || name) IS NULL THEN
      events := 0;
      ids_xor := '0';
      RETURN;
    END IF;
    EXECUTE format('SELECT count(*), coalesce(bit_xor(event_id), 0)::text FROM public.%I', name) INTO events, ids_xor;
    EXECUTE format('DROP TABLE public.%I', name);
  END
$$;
REVOKE ALL ON FUNCTION caseline.drop_tracking_partition(text, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.drop_tracking_partition(text, date, date) TO caseline_app;
