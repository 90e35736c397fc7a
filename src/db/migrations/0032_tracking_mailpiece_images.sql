-- Mailpiece images (820.200, category "Mail images: Images of mailpieces captured during normal
-- mail processing operations"; "Mailpiece images will be retained up to 3 days"): the picture
-- a sorter takes of each letter or flat, found by its Intelligent Mail barcode.
--
-- Partitioned by the UTC day of capture, like tracking_events, so that disposal is dropping a
-- day's partition once its 3 days have passed: never a scan, never a row-by-row delete. Images
-- are immutable (no UPDATE or DELETE is granted).
--
-- An image of an envelope shows a name and an address, so the bytes are stored encrypted
-- (AES-256-GCM, the row's id as associated data). Not under a data subject's key: no subject is
-- known for a mailpiece (the addressee is not in the registry, and a subject and key per piece
-- at tens of millions a day would be absurd), so under a purpose key of the keyring
-- ('mailpiece-image/v1', derived from its root secret, which survives master-key rotation). The
-- disposal is the partition drop; a backup keeps its ciphertext until the backup itself expires.
--
-- `digest` is an HMAC-SHA-256 of the image under a purpose key of its own, not a plain hash, so
-- that whoever holds an image cannot learn from the database whether it was captured here. It is
-- the idempotency key: the same image sent twice for a day is stored once. The id is derived from
-- the digest and the day, so a feed that sends an image again is answered with its id without
-- reading the table (a feed may store images, not read them).
--
-- No subject_id: an image is about a piece of mail, not a person in the registry. The tracking
-- code and delivery point are identifiers in the catalog, so reading needs record.read on shared
-- records and every read is audited; writing needs tracking.ingest (feeds, through API tokens).
CREATE TABLE mailpiece_images (
  id            uuid NOT NULL,
  capture_day   date NOT NULL,
  -- The IMb's 20-digit tracking code (barcode ID, service type, Mailer ID, serial number).
  tracking_code text NOT NULL CHECK (tracking_code ~ '^[0-9]{20}$'),
  -- The IMb's routing code as a delivery point: 5, 9 or 11 digits (ZIP, ZIP+4, delivery point).
  zip11         text CHECK (zip11 ~ '^([0-9]{5}|[0-9]{9}|[0-9]{11})$'),
  facility_zip  text NOT NULL CHECK (facility_zip ~ '^[0-9]{5}$'),
  captured_at   timestamptz NOT NULL,
  -- Sniffed from the image's first bytes, never taken from what the sender declared alone.
  media_type    text NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'image/tiff')),
  size_bytes    integer NOT NULL CHECK (size_bytes BETWEEN 1 AND 2097152),
  digest        bytea NOT NULL CHECK (length(digest) = 32),
  image         bytea NOT NULL,
  stored_at     timestamptz NOT NULL,
  CHECK (capture_day = (captured_at AT TIME ZONE 'UTC')::date)
) PARTITION BY RANGE (capture_day);

-- The idempotency key; it holds the partition key because PostgreSQL's unique indexes on
-- partitioned tables must.
CREATE UNIQUE INDEX mailpiece_images_digest ON mailpiece_images (capture_day, digest);
-- A piece's images, in capture order: the lookup the notice names (by IMb).
CREATE INDEX mailpiece_images_tracking_code ON mailpiece_images (tracking_code, captured_at);
-- One image by its id, whatever its day: at most four days' partitions to probe.
CREATE INDEX mailpiece_images_id ON mailpiece_images (id);

ALTER TABLE mailpiece_images ENABLE ROW LEVEL SECURITY;
ALTER TABLE mailpiece_images FORCE ROW LEVEL SECURITY;
-- As on tracking_events: the grants do not vary by row, so each check is an InitPlan run once per statement.
CREATE POLICY read ON mailpiece_images FOR SELECT USING ((SELECT caseline.allowed('record.read', NULL, NULL)));
CREATE POLICY ingest ON mailpiece_images FOR INSERT WITH CHECK ((SELECT caseline.allowed('tracking.ingest', NULL, NULL)));
GRANT SELECT, INSERT ON mailpiece_images TO caseline_app;

-- Day partitions are made by the owner, on request of the application (which may not run DDL):
-- one for a day within the 3 days kept or the day ahead (a capture a little ahead of the
-- server's clock, across midnight), never older. `today` is the application's: its clock is the
-- one retention runs by. The 3 days are the catalog's rule for usps-820/mailpiece-image, held
-- here too so that the database refuses what the rule forbids whatever the application asks.
CREATE FUNCTION caseline.mailpiece_image_partition(day date, today date) RETURNS text
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DECLARE
    name text := format('mailpiece_images_p%s', to_char(day, 'YYYYMMDD'));
  BEGIN
    IF day < today - 3 OR day > today + 1 THEN
      RAISE EXCEPTION 'day % is outside the mailpiece images'' retention window', day USING ERRCODE = '22023';
    END IF;
    IF to_regclass('public.' || name) IS NULL THEN
      -- Two servers may ask at once: the second waits, then finds it made.
      PERFORM pg_advisory_xact_lock(hashtext('caseline.mailpiece_image_partition'));
      IF to_regclass('public.' || name) IS NULL THEN
        EXECUTE format('CREATE TABLE public.%I PARTITION OF public.mailpiece_images FOR VALUES FROM (%L) TO (%L)', name, day, day + 1);
      END IF;
    END IF;
    RETURN name;
  END
$$;
REVOKE ALL ON FUNCTION caseline.mailpiece_image_partition(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.mailpiece_image_partition(date, date) TO caseline_app;

-- The day partitions, oldest first, with the day each holds and the planner's estimate of its
-- rows (-1 until it is first analysed).
CREATE FUNCTION caseline.mailpiece_image_partitions() RETURNS TABLE (name text, day date, estimate bigint)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT c.relname::text, to_date(substring(c.relname from '_p([0-9]{8})$'), 'YYYYMMDD'), c.reltuples::bigint
    FROM pg_inherits i
    JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'public.mailpiece_images'::regclass
    ORDER BY 2
  $$;
REVOKE ALL ON FUNCTION caseline.mailpiece_image_partitions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.mailpiece_image_partitions() TO caseline_app;

-- Disposal of one day: how many images it held and the XOR of their ids (as 32 hex digits, a
-- digest for the certificate that needs no sort), then the partition is dropped. Only the
-- retention sweep (a system principal) may, and only for a day past the 3 days.
CREATE FUNCTION caseline.drop_mailpiece_image_partition(day date, today date, OUT images bigint, OUT ids_xor text)
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  DECLARE
    name text := format('mailpiece_images_p%s', to_char(day, 'YYYYMMDD'));
  BEGIN
    IF caseline.principal_kind() IS DISTINCT FROM 'system' THEN
      RAISE EXCEPTION 'only the retention sweep disposes of mailpiece images' USING ERRCODE = '42501';
    END IF;
    IF day >= today - 3 THEN
      RAISE EXCEPTION 'the mailpiece images of % are within their retention', day USING ERRCODE = '22023';
    END IF;
    IF to_regclass('public.' || name) IS NULL THEN
      images := 0;
      ids_xor := repeat('0', 32);
      RETURN;
    END IF;
    EXECUTE format(
      'SELECT count(*), lpad(to_hex(coalesce(bit_xor(hi), 0)), 16, ''0'') || lpad(to_hex(coalesce(bit_xor(lo), 0)), 16, ''0'')
       FROM (SELECT (''x'' || substr(h, 1, 16))::bit(64)::bigint AS hi, (''x'' || substr(h, 17, 16))::bit(64)::bigint AS lo
             FROM (SELECT replace(id::text, ''-'', '''') AS h FROM public.%I) ids) halves', name) INTO images, ids_xor;
    EXECUTE format('DROP TABLE public.%I', name);
  END
$$;
REVOKE ALL ON FUNCTION caseline.drop_mailpiece_image_partition(date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION caseline.drop_mailpiece_image_partition(date, date) TO caseline_app;
