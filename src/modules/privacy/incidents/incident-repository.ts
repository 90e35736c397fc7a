import { sql, type ColumnType, type Generated, type Insertable, type Selectable } from 'kysely';
import type { Tx } from '../../../db/index.ts';
import type { IncidentStatus } from './incident.ts';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Migration 0024_privacy_incidents. */
export interface PrivacyIncidentsTable {
  id: string;
  number: string;
  title: string;
  description: string;
  window_start: Timestamp;
  window_end: Timestamp;
  suspected_routes: string[];
  suspected_release: string | null;
  status: IncidentStatus;
  declared_by: string;
  declared_at: Timestamp;
  discovered_at: Timestamp;
  contained_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  reported_to_cisa_at: Timestamp | null;
  notification_completed_at: Timestamp | null;
  radius_computed_at: Timestamp | null;
  blocked_responses: ColumnType<number, number | undefined, number>;
}

export interface PrivacyIncidentAffectedTable {
  id: string;
  incident_id: string;
  subject_id: string;
  business_area: string | null;
  record_types: string[];
  field_classes: string[];
  routes: string[];
  recipients: string[];
  responses: number;
  first_exposed_at: Timestamp;
  last_exposed_at: Timestamp;
  letter_generated_at: Timestamp | null;
  email_queued_at: Timestamp | null;
  notice_case_id: string | null;
}

export interface PrivacyIncidentEventsTable {
  id: string;
  seq: Generated<string>;
  incident_id: string;
  kind: string;
  actor: string;
  at: Timestamp;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

/** The module's own tables, added to the database's types for its queries (src/db/tables.ts is the foundation's). */
type IncidentTables = {
  privacy_incidents: PrivacyIncidentsTable;
  privacy_incident_affected: PrivacyIncidentAffectedTable;
  privacy_incident_events: PrivacyIncidentEventsTable;
};

export type IncidentRow = Selectable<PrivacyIncidentsTable> & { affected_count: number };
export type AffectedRow = Selectable<PrivacyIncidentAffectedTable>;
export type EventRow = Selectable<PrivacyIncidentEventsTable>;

const db = (trx: Tx) => trx.$extendTables<IncidentTables>();

export async function nextIncidentSerial(trx: Tx): Promise<number> {
  const result = await sql<{ n: string }>`SELECT nextval('privacy_incident_number_seq')::text AS n`.execute(trx);
  return Number(result.rows[0]!.n);
}

export async function insertIncident(trx: Tx, row: Insertable<PrivacyIncidentsTable>): Promise<void> {
  await db(trx).insertInto('privacy_incidents').values(row).execute();
}

export async function updateIncident(
  trx: Tx,
  id: string,
  changes: Partial<Pick<Insertable<PrivacyIncidentsTable>, keyof PrivacyIncidentsTable>>,
): Promise<void> {
  await db(trx).updateTable('privacy_incidents').set(changes).where('id', '=', id).execute();
}

/**
 * Incidents with the size of their affected list, newest first (or one by id):
 *   SELECT i.*, (SELECT count(*) FROM privacy_incident_affected a WHERE a.incident_id = i.id) AS affected_count
 *   FROM privacy_incidents i [WHERE i.id = $1] ORDER BY declared_at DESC LIMIT $n
 */
function incidentsQuery(trx: Tx) {
  return db(trx)
    .selectFrom('privacy_incidents as i')
    .selectAll('i')
    .select((eb) =>
      eb
        .selectFrom('privacy_incident_affected as a')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('a.incident_id', '=', 'i.id')
        .as('affected_count'),
    );
}

export async function selectIncident(trx: Tx, id: string): Promise<IncidentRow | undefined> {
  const row = await incidentsQuery(trx).where('i.id', '=', id).executeTakeFirst();
  return row && { ...row, affected_count: Number(row.affected_count ?? 0) };
}

export async function selectIncidents(trx: Tx, limit: number): Promise<IncidentRow[]> {
  const rows = await incidentsQuery(trx).orderBy('i.declared_at', 'desc').limit(limit).execute();
  return rows.map((row) => ({ ...row, affected_count: Number(row.affected_count ?? 0) }));
}

export async function selectAffected(trx: Tx, incidentId: string, subjectId?: string): Promise<AffectedRow[]> {
  let query = db(trx).selectFrom('privacy_incident_affected').selectAll().where('incident_id', '=', incidentId);
  if (subjectId !== undefined) query = query.where('subject_id', '=', subjectId);
  return query.orderBy('first_exposed_at').orderBy('subject_id').execute();
}

export async function markAffected(
  trx: Tx,
  incidentId: string,
  subjectId: string,
  changes: Partial<Pick<Insertable<PrivacyIncidentAffectedTable>, 'letter_generated_at' | 'email_queued_at' | 'notice_case_id'>>,
): Promise<void> {
  await db(trx)
    .updateTable('privacy_incident_affected')
    .set(changes)
    .where('incident_id', '=', incidentId)
    .where('subject_id', '=', subjectId)
    .execute();
}

export async function insertIncidentEvent(trx: Tx, row: Insertable<PrivacyIncidentEventsTable>): Promise<void> {
  await db(trx).insertInto('privacy_incident_events').values(row).execute();
}

export async function selectIncidentEvents(trx: Tx, incidentId: string): Promise<EventRow[]> {
  return db(trx).selectFrom('privacy_incident_events').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();
}

/** One person of the blast radius as the audit log shows it. */
export interface ExposureRow {
  readonly subject_id: string;
  readonly business_area: string | null;
  readonly record_types: string[];
  readonly routes: string[];
  readonly recipients: string[];
  readonly responses: number;
  readonly first_exposed_at: Date;
  readonly last_exposed_at: Date;
}

export interface RadiusQuery {
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly suspectedRoutes: readonly string[];
  /** Roles whose need-to-know spans every business area (record.read in other areas): their reads are not exposure. */
  readonly everyAreaRoles: readonly string[];
}

/**
 * Everyone whose data left in the window to someone who should not have had it, grouped by
 * person. One pass over the window through audit_log_at; each row's subjects unnested in place.
 *
 * - A portal response ('portal.response', outcome ok) exposes every subject it carried other
 *   than the session's own (actor_id is the session's customer subject).
 * - A staff response exposes a subject when it came from a suspected route (its detail's
 *   route, or its purpose, which names the route when the route declares no purpose), or when the
 *   subject belongs to a business area the staff member did not have at that moment: their
 *   areas then are those of the latest 'permission_change' entry naming them
 *   (audit_log_staff_areas), none if there is none. Roles whose need-to-know covers every
 *   area (the privacy office) are left out of the area test.
 * - Responses the egress guard stopped ('portal.egress_blocked') carried nothing out.
 *
 * Subjects already erased (no data_subjects row) have nobody left to notify and are left out.
 */
export async function selectExposures(trx: Tx, q: RadiusQuery): Promise<ExposureRow[]> {
  const routes = sql`${[...q.suspectedRoutes]}::text[]`;
  const everyArea = sql`${[...q.everyAreaRoles]}::text[]`;
  const result = await sql<ExposureRow>`
    WITH window_entries AS (
      SELECT a.id, a.at, a.actor_kind, a.actor_id, a.actor_role, a.record_type, a.subjects,
             coalesce(a.detail->>'route', CASE WHEN a.purpose = ANY (${routes}) THEN a.purpose END) AS route,
             a.detail->>'session' AS session
      FROM audit_log a
      WHERE a.at >= ${q.windowStart} AND a.at < ${q.windowEnd}
        AND a.outcome = 'ok' AND cardinality(a.subjects) > 0
        AND ((a.actor_kind = 'customer' AND a.action = 'portal.response') OR a.actor_kind = 'staff')
    ),
    exposures AS (
      SELECT e.at, s.subject, 'portal-session:' || coalesce(e.session, 'unknown') AS recipient, e.record_type, e.route
      FROM window_entries e CROSS JOIN LATERAL unnest(e.subjects) AS s(subject)
      WHERE e.actor_kind = 'customer' AND s.subject::text <> e.actor_id
      UNION ALL
      SELECT e.at, s.subject, 'staff:' || e.actor_id, e.record_type, e.route
      FROM window_entries e
      CROSS JOIN LATERAL unnest(e.subjects) AS s(subject)
      LEFT JOIN data_subjects owner ON owner.id = s.subject
      LEFT JOIN LATERAL (
        SELECT string_to_array(p.detail->>'areas', ',') AS areas
        FROM audit_log p
        WHERE p.action = 'permission_change' AND p.record_type = 'staff_user'
          AND p.record_id = e.actor_id AND p.at <= e.at AND p.detail ? 'areas'
        ORDER BY p.at DESC, p.id DESC
        LIMIT 1
      ) held ON true
      WHERE e.actor_kind = 'staff'
        AND (e.route = ANY (${routes})
             OR (owner.business_area IS NOT NULL
                 AND NOT (string_to_array(e.actor_role, '+') && ${everyArea})
                 AND NOT (owner.business_area = ANY (coalesce(held.areas, '{}'::text[])))))
    )
    SELECT x.subject AS subject_id, d.business_area,
           coalesce(array_agg(DISTINCT x.record_type) FILTER (WHERE x.record_type IS NOT NULL), '{}') AS record_types,
           coalesce(array_agg(DISTINCT x.route) FILTER (WHERE x.route IS NOT NULL), '{}') AS routes,
           array_agg(DISTINCT x.recipient) AS recipients,
           count(*)::int AS responses,
           min(x.at) AS first_exposed_at,
           max(x.at) AS last_exposed_at
    FROM exposures x JOIN data_subjects d ON d.id = x.subject
    GROUP BY x.subject, d.business_area
    ORDER BY min(x.at), x.subject`.execute(trx);
  return result.rows;
}

/** Responses the portal's egress guard stopped in the window. */
export async function countBlocked(trx: Tx, windowStart: Date, windowEnd: Date): Promise<number> {
  const result = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM audit_log
    WHERE at >= ${windowStart} AND at < ${windowEnd} AND action = 'portal.egress_blocked'`.execute(trx);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * Writes the computed list: new people inserted, known ones updated (their notification kept),
 * and people no longer found removed unless they were already notified, who stay on the list.
 */
export async function replaceAffected(
  trx: Tx,
  incidentId: string,
  rows: readonly Omit<Insertable<PrivacyIncidentAffectedTable>, 'letter_generated_at' | 'email_queued_at' | 'notice_case_id'>[],
): Promise<number> {
  for (const row of rows)
    await db(trx)
      .insertInto('privacy_incident_affected')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['incident_id', 'subject_id']).doUpdateSet((eb) => ({
          business_area: eb.ref('excluded.business_area'),
          record_types: eb.ref('excluded.record_types'),
          field_classes: eb.ref('excluded.field_classes'),
          routes: eb.ref('excluded.routes'),
          recipients: eb.ref('excluded.recipients'),
          responses: eb.ref('excluded.responses'),
          first_exposed_at: eb.ref('excluded.first_exposed_at'),
          last_exposed_at: eb.ref('excluded.last_exposed_at'),
        })),
      )
      .execute();
  let stale = db(trx)
    .deleteFrom('privacy_incident_affected')
    .where('incident_id', '=', incidentId)
    .where('letter_generated_at', 'is', null)
    .where('email_queued_at', 'is', null);
  if (rows.length > 0)
    stale = stale.where(
      'subject_id',
      'not in',
      rows.map((r) => r.subject_id),
    );
  const result = await stale.executeTakeFirst();
  return Number(result.numDeletedRows);
}
