import { keepDays, trackingEventKinds, type TrackingEventKind } from '../events/index.ts';
import type { MailingPerformance } from './mailing.ts';

const dayMs = 86_400_000;

/** One group of the database's answer: the pieces whose latest event is `lastEvent`. */
export interface LastEventGroup {
  readonly lastEvent: string;
  readonly pieces: number;
  readonly delivered: number;
  readonly lastAt: Date | null;
}

/**
 * Which scans belong to a mailing's performance: from the day before its mailing date (a piece
 * may be accepted the evening before, and the date is the agency's, not UTC) to the end of the
 * mail events' retention after it, and never past `now`. Events older than that are disposed of,
 * so the span also bounds how many day partitions a performance reads.
 */
export function performanceWindow(mailingDate: string, now: Date): { from: Date; to: Date; eventsKeptUntil: Date } {
  const start = Date.parse(`${mailingDate}T00:00:00Z`);
  const from = new Date(start - dayMs);
  const end = start + (keepDays.mail + 2) * dayMs;
  return { from, to: new Date(Math.max(from.getTime(), Math.min(end, now.getTime()))), eventsKeptUntil: new Date(end) };
}

/** The performance of a mailing from the counts by latest event. Pure. */
export function summarisePerformance(
  mailingId: string,
  tracked: boolean,
  pieceCount: number,
  groups: readonly LastEventGroup[],
  window: { from: Date; to: Date; eventsKeptUntil: Date },
): MailingPerformance {
  const piecesSeen = groups.reduce((n, g) => n + g.pieces, 0);
  const lastAt = groups.reduce<Date | null>((at, g) => (g.lastAt !== null && (at === null || g.lastAt > at) ? g.lastAt : at), null);
  return {
    mailingId,
    tracked,
    pieceCount,
    piecesSeen,
    delivered: groups.reduce((n, g) => n + g.delivered, 0),
    notScanned: Math.max(0, pieceCount - piecesSeen),
    lastEventAt: lastAt,
    byLastEvent: [...groups]
      .sort((a, b) => b.pieces - a.pieces || a.lastEvent.localeCompare(b.lastEvent))
      .map((g) => ({
        event: g.lastEvent,
        description: trackingEventKinds[g.lastEvent as TrackingEventKind] ?? g.lastEvent,
        pieces: g.pieces,
      })),
    window: { from: window.from, to: window.to },
    eventsKeptUntil: window.eventsKeptUntil,
  };
}
