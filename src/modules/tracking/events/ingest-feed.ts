import { appendAuditWith, authorize, type AuditContext } from '../../../access/index.ts';
import { withBulkSession, withPrincipal, type Database, type Principal } from '../../../db/index.ts';
import { sql } from 'kysely';
import { copyToStage, createStage, insertIntoStage, partitionStatement, stageLine, storeStaged } from './event-store.ts';
import type { FeedRecord } from './read-feed.ts';
import { isEventRejection, toTrackingEvent } from './to-tracking-event.ts';
import { trackingClasses, type TrackingClass, type TrackingEvent } from './tracking-event.ts';

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

  return withBulkSession(database, principal, async (session) => {
    await createStage(session);
    if (session.canCopy) {
      await copyToStage(session, linesOf(events(), receivedAt));
    } else {
      for await (const batch of batches(events(), pgliteBatch)) await insertIntoStage(session, batch, now);
    }
    if (options.invalid === 'reject' && rejected > 0) throw new FeedRefused(summary(0));
    if (session.canCopy) {
      // In a transaction of their own: making a partition locks its parent, which this load's INSERT below will hold.
      await withPrincipal(database.db, principal, async (trx) => {
        for (const [trackingClass, day] of days.values())
          await sql`SELECT caseline.tracking_partition(${trackingClass}, ${day}::date, ${today}::date)`.execute(trx);
      });
    } else {
      for (const [trackingClass, day] of days.values()) await session.query(partitionStatement, [trackingClass, day, today]);
    }
    const stored = valid === 0 ? 0 : await storeStaged(session);
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

async function* linesOf(events: AsyncIterable<TrackingEvent>, receivedAt: string): AsyncGenerator<string> {
  let chunk = '';
  let count = 0;
  for await (const event of events) {
    chunk += stageLine(event, receivedAt);
    if (++count === batchLines) {
      yield chunk;
      chunk = '';
      count = 0;
    }
  }
  if (chunk !== '') yield chunk;
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
