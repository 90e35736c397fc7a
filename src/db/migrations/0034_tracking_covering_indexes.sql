-- Lookups answered from the indexes alone (issue 8: p99 < 10 ms at a billion events).
--
-- At a billion events the data is about twelve times this machine's memory, so a lookup pays for
-- each page it reads from disk. With plain indexes an article's history cost the directory's
-- leaf and heap page, then for each day it was seen an index leaf and one heap page per event
-- (the events of a piece are far apart in a day's heap, which is in scan-time order); a Mailer
-- ID's page of 100 events, up to 100 heap pages. The indexes below carry every column a lookup
-- returns, so PostgreSQL answers from their leaves (index-only scans: the day partitions are
-- insert-only, so vacuum marks their pages all-visible and the heap is not visited): one leaf
-- per day for a piece, a few leaves for a mailer's page. The price is disk, not ingestion: the
-- two indexes hold most of each row (bench/results/tracking-*-covering.md has the figures).
--
-- The partition keys (class, event_day) are included because the lookups name them and an
-- index-only scan needs every column its query mentions. On a live system with data, build each
-- day's index with CREATE INDEX CONCURRENTLY and attach it rather than running this as is.
--
-- The delivery-point index stays as it was: a delivery point's day holds about two events, two
-- heap pages, and its covering version measured no better cold (11.6 ms p99 against 7.2).
DROP INDEX tracking_events_piece;
DROP INDEX tracking_events_mailer;
CREATE INDEX tracking_events_piece ON tracking_events (piece, event_at)
  INCLUDE (class, event_day, event, facility_zip, zip11, mailer_id, source);
CREATE INDEX tracking_events_mailer ON tracking_events (mailer_id, event_at)
  INCLUDE (class, event_day, piece, event, facility_zip, zip11, source) WHERE mailer_id IS NOT NULL;

-- The directory's span of days for a piece, from its key's leaf without the row.
ALTER TABLE tracking_pieces DROP CONSTRAINT tracking_pieces_pkey,
  ADD CONSTRAINT tracking_pieces_pkey PRIMARY KEY (piece, class) INCLUDE (first_day, last_day);
