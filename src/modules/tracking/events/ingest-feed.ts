import { appendAuditWith, authorize, type AuditContext } from '../../../access/index.ts';
import { withBulkSession, withPrincipal, type Database, type Principal } from '../../../db/index.ts';
import { sql } from 'kysely';
import { copyToStage, createStage, insertIntoStage, partitionStatement, stageLine, storeStaged } from './event-store.ts';
import type { FeedRecord } from './read-feed.ts';
import { isEventRejection, toTrackingEvent } from './to-tracking-event.ts';
import { keepDays, trackingClasses, type TrackingClass, type TrackingEvent } from './tracking-event.ts';

/** A record of the feed that was not stored, and why; the line is the feed's, 1-based. */
export interface FeedError {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

export interface FeedSummary {
  /** Records read (blank lines and a CSV header are not records). */
  readonly received: number;
  /** New events stored. */
  readonly stored: number;
  /** Valid events already stored by an earlier load (or twice in this one): kept once. */
  readonly duplicates: number;
  readonly rejected: number;
  /** The first errors, in feed order (at most `maxReportedErrors`). */
  readonly errors: readonly FeedError[];
}

export type InvalidRecords = 'reject' | 'skip';

/** The feed had invalid records and was to be refused whole: nothing of it was stored. */
export class FeedRefused extends Error {
  readonly summary: FeedSummary;
  constructor(summary: FeedSummary) {
    super(`${summary.rejected} of the feed's records are invalid; nothing was stored`);
    this.summary = summary;
  }
}

/** More records than one load takes: nothing of it was stored. */
export class FeedTooLarge extends Error {}

export const maxReportedErrors = 100;
/** One load is one transaction: past this a feed is sent in parts (the file loader splits it itself). */
export const maxEventsPerLoad = 2_000_000;
const batchLines = 1000;
const partEvents = 100_000;
const pgliteBatch = 2000;

export interface IngestOptions {
  readonly invalid: InvalidRecords;
  readonly maxEvents?: number;
}

/**
 * Loads a feed of tracking events in one transaction: each record validated (an article number
 * or IMb with its check digits, a known event and source, a time within its retention), the
 * valid ones staged by COPY and stored once each, the load audited. With `invalid: 'reject'`
 * one invalid record refuses the whole feed and nothing is stored; with 'skip' they are left
 * out and listed. Committed before it answers: a feed that was told how many were stored may
 * forget them.
 */
export async function ingestFeed(
  database: Database,
  principal: Principal,
  records: AsyncIterable<FeedRecord>,
  options: IngestOptions,
  ctx: AuditContext,
  clock: () => Date,
): Promise<FeedSummary> {
  authorize(principal, 'tracking.ingest');
  const maxEvents = options.maxEvents ?? maxEventsPerLoad;
  const now = clock();
  const receivedAt = now.toISOString();
  const today = receivedAt.slice(0, 10);
  const days = new Map<string, readonly [TrackingClass, string]>();
  const errors: FeedError[] = [];
  let received = 0;
  let rejected = 0;
  let valid = 0;

  const refuse = (line: number, field: string, reason: string) => {
    rejected++;
    if (errors.length < maxReportedErrors) errors.push({ line, field, reason });
  };
  async function* events(): AsyncGenerator<TrackingEvent> {
    for await (const record of records) {
      received++;
      if (received > maxEvents)
        throw new FeedTooLarge(`a load takes at most ${maxEvents.toLocaleString('en-US')} records: send the feed in parts`);
      if ('unreadable' in record) {
        refuse(record.line, 'line', record.unreadable);
        continue;
      }
      const event = toTrackingEvent(record.fields, now);
      if (isEventRejection(event)) {
        refuse(record.line, event.field, event.reason);
        continue;
      }
      // Refused whole anyway: stop reading once the report is full.
      if (options.invalid === 'reject' && errors.length >= maxReportedErrors) return;
      valid++;
      days.set(`${event.class}:${event.day}`, [event.class, event.day]);
      yield event;
    }
  }
  const summary = (stored: number): FeedSummary => ({ received, stored, duplicates: valid - stored, rejected, errors });

  // On the server every day a valid event can fall on has its partition before the load starts:
  // making one locks its parent, which the load's INSERTs hold until they commit.
  if (database.kind === 'postgres') await ensureWindow(database, principal, today);
  return withBulkSession(database, principal, async (session) => {
    await createStage(session);
    let stored = 0;
    if (session.canCopy) {
      // A part at a time: while PostgreSQL stores one part, the next is read and checked here.
      let storing: Promise<number> | null = null;
      for await (const lines of parts(events(), receivedAt)) {
        if (storing) stored += await storing;
        await copyToStage(session, lines);
        storing = storeStaged(session);
        // Awaited above or below; until then its failure must not count as unhandled.
        storing.catch(() => undefined);
      }
      if (storing) stored += await storing;
    } else {
      for await (const batch of batches(events(), pgliteBatch)) await insertIntoStage(session, batch, now);
      for (const [trackingClass, day] of days.values()) await session.query(partitionStatement, [trackingClass, day, today]);
      if (valid > 0) stored = await storeStaged(session);
    }
    if (options.invalid === 'reject' && rejected > 0) throw new FeedRefused(summary(0));
    const result = summary(stored);
    await appendAuditWith((text, values) => session.query(text, values), {
      at: now,
      actor: principal,
      action: 'create',
      recordType: days.size > 0 && [...days.values()].every(([c]) => c === 'mail') ? trackingClasses.mail : trackingClasses.package,
      recordId: null,
      subjects: [],
      ...ctx,
      outcome: 'ok',
      detail: { step: 'tracking_feed', received, stored, duplicates: result.duplicates, rejected },
    });
    return result;
  });
}

/** The feed's events as COPY text, in parts of `partEvents`, each part in pieces of `batchLines` lines. */
async function* parts(events: AsyncIterable<TrackingEvent>, receivedAt: string): AsyncGenerator<string[]> {
  let part: string[] = [];
  let chunk = '';
  let count = 0;
  for await (const event of events) {
    chunk += stageLine(event, receivedAt);
    if (++count % batchLines === 0) {
      part.push(chunk);
      chunk = '';
      if (count === partEvents) {
        yield part;
        part = [];
        count = 0;
      }
    }
  }
  if (chunk !== '') part.push(chunk);
  if (part.length > 0) yield part;
}

// The days already made for each UTC day this process has loaded on: one statement a class, once a day.
const windowMade = new Set<string>();

/** Partitions for every day a load may store today: as far back as each class is kept, and tomorrow. */
async function ensureWindow(database: Database, principal: Principal, today: string): Promise<void> {
  if (windowMade.has(today)) return;
  await withPrincipal(database.db, principal, async (trx) => {
    for (const trackingClass of Object.keys(keepDays) as TrackingClass[]) {
      await sql`SELECT caseline.tracking_partition(${trackingClass}, d::date, ${today}::date)
        FROM generate_series((${today}::date - ${keepDays[trackingClass]}::int)::timestamp, (${today}::date + 1)::timestamp, interval '1 day') d`.execute(
        trx,
      );
    }
  });
  windowMade.add(today);
}

async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
