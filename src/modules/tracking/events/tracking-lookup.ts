import { appendAudit, authorize, type AuditContext } from '../../../access/index.ts';
import { sql } from 'kysely';
import type { Principal, Tx } from '../../../db/index.ts';
import { parseArticleNumber } from '../article-numbers/index.ts';
import { ImbError } from '../imb/index.ts';
import { readImb, storedPiece } from './read-piece.ts';
import { trackingClasses, trackingEventKinds, type ScanSource, type TrackingClass, type TrackingEventKind } from './tracking-event.ts';

/** The four ways the notice lets a piece be found (820.200 retrieval: IMb and 11-digit ZIP; article numbers; mailers' mailings). */
export type TrackingQuery =
  | { readonly by: 'article'; readonly number: string }
  | { readonly by: 'imb'; readonly code: string }
  | { readonly by: 'zip11'; readonly zip11: string; readonly day: string; readonly after?: string }
  | { readonly by: 'mailer'; readonly mailerId: string; readonly day: string; readonly after?: string };

/** A query that cannot find anything as asked; `field` names the part at fault. */
export class InvalidTrackingQuery extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

export interface TrackingEventView {
  readonly class: TrackingClass;
  readonly piece: string;
  readonly event: TrackingEventKind;
  readonly description: string;
  readonly at: Date;
  readonly facilityZip: string | null;
  readonly zip11: string | null;
  readonly mailerId: number | null;
  readonly source: ScanSource;
}

export interface TrackingAnswer {
  readonly events: readonly TrackingEventView[];
  /** A delivery point's or a mailer's day had more: ask again with this as `after` for the next page. */
  readonly next: string | null;
}

/**
 * A delivery point's or a mailer's day can hold many thousands of scans: a page at a time, small
 * enough that a page read from disk stays within the lookup's 10 ms.
 */
export const pageSize = 100;

/** Where a page ends: the scan time, piece and event of its last event (the order pages are read in). */
interface Cursor {
  readonly at: string;
  readonly piece: string;
  readonly event: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.piece, cursor.event])).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [at, piece, event] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && !Number.isNaN(Date.parse(at)) && typeof piece === 'string' && typeof event === 'string')
      return { at, piece, event };
  } catch {
    // Not one of ours: answered below.
  }
  throw new InvalidTrackingQuery('after', 'is not a page cursor this lookup gave');
}
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string): string {
  if (!isoDay.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
    throw new InvalidTrackingQuery('day', 'must be a date, YYYY-MM-DD');
  return value;
}

/** The stored pieces a query names, and the class they are stored in. */
function piecesOf(query: TrackingQuery & { by: 'article' | 'imb' }): { class: TrackingClass; pieces: string[] } {
  if (query.by === 'article') {
    const parsed = parseArticleNumber(query.number);
    if (parsed.kind === 'invalid') throw new InvalidTrackingQuery('number', parsed.reason);
    // A number that reads two ways is looked up both ways: whichever was scanned is the one.
    if (parsed.kind === 'ambiguous') return { class: 'package', pieces: parsed.readings.map(storedPiece) };
    return { class: 'package', pieces: [storedPiece(parsed)] };
  }
  try {
    return { class: 'mail', pieces: [readImb(query.code).tracking] };
  } catch (error) {
    if (error instanceof ImbError) throw new InvalidTrackingQuery('code', error.message);
    throw error;
  }
}

/**
 * Finds tracking events as staff with record.read on shared records may (row-level security
 * says the same). Each lookup is audited, without the number looked up: the audit log says
 * who looked and how, the events' retention keeps the rest from outliving them.
 */
export async function lookupTracking(
  trx: Tx,
  principal: Principal,
  query: TrackingQuery,
  ctx: AuditContext,
  now: Date,
): Promise<TrackingAnswer> {
  authorize(principal, 'record.read', { subjectId: null, businessArea: null });
  let select = trx
    .selectFrom('tracking_events')
    .select(['class', 'piece', 'event', 'event_at', 'facility_zip', 'zip11', 'mailer_id', 'source']);
  let limit = pageSize + 1;
  const paged = query.by === 'zip11' || query.by === 'mailer';
  switch (query.by) {
    case 'article':
    case 'imb': {
      const { class: trackingClass, pieces } = piecesOf(query);
      const span = await trx
        .selectFrom('tracking_pieces')
        .select((eb) => [eb.fn.min('first_day').as('first'), eb.fn.max('last_day').as('last')])
        .where('class', '=', trackingClass)
        .where('piece', 'in', pieces)
        .executeTakeFirstOrThrow();
      if (span.first === null || span.last === null) return answer(trx, principal, query, [], null, ctx, now);
      // Only the days the directory says hold the piece: their partitions, no other.
      select = select
        .where('class', '=', trackingClass)
        .where('piece', 'in', pieces)
        .where('event_day', '>=', span.first)
        .where('event_day', '<=', span.last);
      // One piece's history is short; all of it.
      limit = 10_000;
      break;
    }
    case 'zip11': {
      const zip = query.zip11.replace('-', '');
      if (!/^\d{11}$/.test(zip)) throw new InvalidTrackingQuery('zip11', 'must be the 11 digits of ZIP+4 and delivery point');
      select = select.where('zip11', '=', zip).where('event_day', '=', day(query.day));
      break;
    }
    case 'mailer': {
      if (!/^(\d{6}|9\d{8})$/.test(query.mailerId))
        throw new InvalidTrackingQuery('mailerId', 'must be a 6-digit Mailer ID or a 9-digit one starting with 9');
      select = select.where('mailer_id', '=', Number(query.mailerId)).where('event_day', '=', day(query.day));
      break;
    }
  }
  if (paged && query.after !== undefined) {
    const after = decodeCursor(query.after);
    select = select.where(sql<boolean>`(event_at, piece, event) > (${new Date(after.at)}, ${after.piece}, ${after.event})`);
  }
  const rows = await select.orderBy('event_at').orderBy('piece').orderBy('event').limit(limit).execute();
  const more = paged && rows.length > pageSize;
  const events = (more ? rows.slice(0, pageSize) : rows).map((r) => ({
    class: r.class,
    piece: r.piece,
    event: r.event as TrackingEventKind,
    description: trackingEventKinds[r.event as TrackingEventKind] ?? r.event,
    at: r.event_at,
    facilityZip: r.facility_zip,
    zip11: r.zip11,
    mailerId: r.mailer_id,
    source: r.source as ScanSource,
  }));
  const last = events.at(-1);
  const next = more && last ? encodeCursor({ at: last.at.toISOString(), piece: last.piece, event: last.event }) : null;
  return answer(trx, principal, query, events, next, ctx, now);
}

async function answer(
  trx: Tx,
  principal: Principal,
  query: TrackingQuery,
  events: TrackingEventView[],
  next: string | null,
  ctx: AuditContext,
  now: Date,
): Promise<TrackingAnswer> {
  await appendAudit(trx, {
    at: now,
    actor: principal,
    action: 'read',
    recordType:
      query.by === 'imb' || (events.length > 0 && events.every((e) => e.class === 'mail')) ? trackingClasses.mail : trackingClasses.package,
    recordId: null,
    subjects: [],
    ...ctx,
    outcome: 'ok',
    detail: { step: 'tracking_lookup', by: query.by, events: events.length },
  });
  return { events, next };
}
