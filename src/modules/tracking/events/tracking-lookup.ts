import { appendAudit, authorize, type AuditContext } from '../../../access/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import { parseArticleNumber } from '../article-numbers/index.ts';
import { decodeImb, ImbError, validateImbInput } from '../imb/index.ts';
import { trackingClasses, trackingEventKinds, type ScanSource, type TrackingClass, type TrackingEventKind } from './tracking-event.ts';

/** The four ways the notice lets a piece be found (820.200 retrieval: IMb and 11-digit ZIP; article numbers; mailers' mailings). */
export type TrackingQuery =
  | { readonly by: 'article'; readonly number: string }
  | { readonly by: 'imb'; readonly code: string }
  | { readonly by: 'zip11'; readonly zip11: string; readonly day: string }
  | { readonly by: 'mailer'; readonly mailerId: string; readonly day: string };

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
  /** More events matched than a page holds (zip and mailer lookups): narrow the query. */
  readonly truncated: boolean;
}

/** A delivery point's or a mailer's day can hold many thousands of scans: one page of them. */
export const pageSize = 500;
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
    if (parsed.kind === 'ambiguous') return { class: 'package', pieces: parsed.readings.map((r) => r.packageNumber) };
    return { class: 'package', pieces: [parsed.kind === 'impb' ? parsed.packageNumber : parsed.normalised] };
  }
  const code = query.code.replace(/[\s-]/g, '');
  try {
    if (/^[FADT]{65}$/i.test(code)) return { class: 'mail', pieces: [decodeImb(code.toUpperCase()).tracking] };
    validateImbInput(code.slice(0, 20), code.slice(20));
    return { class: 'mail', pieces: [code.slice(0, 20)] };
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
      if (span.first === null || span.last === null) return answer(trx, principal, query, [], false, ctx, now);
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
  const rows = await select.orderBy('event_at').limit(limit).execute();
  const truncated = rows.length > pageSize && query.by !== 'article' && query.by !== 'imb';
  const events = (truncated ? rows.slice(0, pageSize) : rows).map((r) => ({
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
  return answer(trx, principal, query, events, truncated, ctx, now);
}

async function answer(
  trx: Tx,
  principal: Principal,
  query: TrackingQuery,
  events: TrackingEventView[],
  truncated: boolean,
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
  return { events, truncated };
}
