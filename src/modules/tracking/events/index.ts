export {
  keepDays,
  scanSources,
  trackingClasses,
  trackingEventKinds,
  type ScanSource,
  type TrackingClass,
  type TrackingEvent,
  type TrackingEventKind,
} from './tracking-event.ts';
export { readFeed, maxLineLength, type FeedFormat, type FeedRecord } from './read-feed.ts';
export { toTrackingEvent, isEventRejection, type EventRejection, type RawEvent } from './to-tracking-event.ts';
export {
  FeedRefused,
  FeedTooLarge,
  ingestFeed,
  maxEventsPerLoad,
  maxReportedErrors,
  type FeedError,
  type FeedSummary,
  type IngestOptions,
  type InvalidRecords,
} from './ingest-feed.ts';
export {
  InvalidTrackingQuery,
  lookupTracking,
  pageSize,
  type TrackingAnswer,
  type TrackingEventView,
  type TrackingQuery,
} from './tracking-lookup.ts';
export { dropTrackingDay, trackingDaysDue, type TrackingDay } from './tracking-days.ts';
/** The COPY line of a stored event: for benchmarks that load the same rows without the feed. */
export { stageLine } from './event-store.ts';
