import { sql } from 'kysely';
import type { CaseChannel, Tx } from '../../db/index.ts';
import { openStatuses } from '../cases/index.ts';

// Every query runs as the reader (withPrincipal): row-level security keeps the cases of
// other areas out of the counts. Only codes, areas and timestamps are selected.

export interface VolumeCount {
  readonly day: string;
  readonly channel: CaseChannel;
  readonly area: string | null;
  readonly count: number;
}

/**
 * SELECT to_char(created_at AT TIME ZONE $zone, 'YYYY-MM-DD') AS day, channel, business_area, count(*)
 * FROM cases WHERE created_at >= $start AND created_at < $end GROUP BY 1, 2, 3
 */
export async function countOpenedCases(trx: Tx, start: Date, end: Date, timeZone: string): Promise<VolumeCount[]> {
  const rows = await trx
    .selectFrom('cases')
    .select([
      sql<string>`to_char(created_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`.as('day'),
      'channel',
      'business_area',
      sql<string>`count(*)`.as('count'),
    ])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .groupBy([sql`1`, 'channel', 'business_area'])
    .execute();
  return rows.map((r) => ({ day: r.day, channel: r.channel, area: r.business_area, count: Number(r.count) }));
}

export interface CaseTimes {
  readonly channel: CaseChannel;
  readonly createdAt: Date;
  readonly firstResponseAt: Date | null;
  /** Null unless the case is resolved or closed now: a reopened case's old resolution does not count. */
  readonly resolvedAt: Date | null;
}

/**
 * SELECT channel, created_at, first_response_at,
 *   CASE WHEN status IN ('resolved', 'closed') THEN resolved_at END AS resolved_at
 * FROM cases WHERE created_at >= $start AND created_at < $end
 *   AND (first_response_at IS NOT NULL OR (status IN ('resolved', 'closed') AND resolved_at IS NOT NULL))
 */
export async function selectCaseTimes(trx: Tx, start: Date, end: Date): Promise<CaseTimes[]> {
  const rows = await trx
    .selectFrom('cases')
    .select([
      'channel',
      'created_at',
      'first_response_at',
      sql<Date | null>`CASE WHEN status IN ('resolved', 'closed') THEN resolved_at END`.as('resolved_at'),
    ])
    .where('created_at', '>=', start)
    .where('created_at', '<', end)
    .where((eb) =>
      eb.or([
        eb('first_response_at', 'is not', null),
        eb.and([eb('status', 'in', ['resolved', 'closed']), eb('resolved_at', 'is not', null)]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    createdAt: new Date(r.created_at),
    firstResponseAt: r.first_response_at === null ? null : new Date(r.first_response_at),
    resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at),
  }));
}

export interface BacklogCount {
  readonly area: string | null;
  /** Open cases in each age class, youngest first. */
  readonly buckets: number[];
  readonly oldest: Date;
}

/**
 * Open cases by area and age class; `since` holds the instants where the classes after
 * the first begin (an older case was opened at or before them), newest first:
 * SELECT business_area, count(*) FILTER (WHERE created_at > $since[0]), …,
 *   count(*) FILTER (WHERE created_at <= $since[last]), min(created_at)
 * FROM cases WHERE status IN (open statuses) GROUP BY business_area
 */
export async function countBacklog(trx: Tx, since: readonly Date[]): Promise<BacklogCount[]> {
  const classes = [
    ...since.map((bound, i) => (i === 0 ? sql`created_at > ${bound}` : sql`created_at <= ${since[i - 1]!} AND created_at > ${bound}`)),
    sql`created_at <= ${since.at(-1)!}`,
  ].map((condition, i) => sql<string>`count(*) FILTER (WHERE ${condition})`.as(`class_${i}`));
  const rows = await trx
    .selectFrom('cases')
    .select(['business_area', sql<Date>`min(created_at)`.as('oldest')])
    .select(classes)
    .where('status', 'in', [...openStatuses])
    .groupBy('business_area')
    .execute();
  return rows.map((r) => {
    const counts = r as unknown as Record<string, string>;
    return { area: r.business_area, buckets: classes.map((_, i) => Number(counts[`class_${i}`])), oldest: new Date(r.oldest) };
  });
}

export interface AlertCount {
  readonly target: 'first_response' | 'resolution';
  readonly state: 'warning' | 'breached';
  readonly count: number;
}

/** SELECT target, state, count(*) FROM case_sla_alerts WHERE at >= $start AND at < $end GROUP BY target, state */
export async function countSlaAlerts(trx: Tx, start: Date, end: Date): Promise<AlertCount[]> {
  const rows = await trx
    .selectFrom('case_sla_alerts')
    .select(['target', 'state', sql<string>`count(*)`.as('count')])
    .where('at', '>=', start)
    .where('at', '<', end)
    .groupBy(['target', 'state'])
    .execute();
  return rows.map((r) => ({ target: r.target, state: r.state, count: Number(r.count) }));
}

/** SELECT id, name FROM business_areas WHERE id IN ($ids) */
export async function businessAreaNames(trx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('business_areas')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
