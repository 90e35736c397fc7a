import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tables, Tx } from '../../db/index.ts';
import type { ReportDimension } from './survey.ts';

type SurveyInvitationsTable = Tables['survey_invitations'];
type SurveyResponsesTable = Tables['survey_responses'];

export type InvitationRow = Selectable<SurveyInvitationsTable>;
export type ResponseRow = Selectable<SurveyResponsesTable>;

export async function insertInvitation(trx: Tx, row: Insertable<SurveyInvitationsTable>): Promise<void> {
  await trx.insertInto('survey_invitations').values(row).execute();
}

/** UPDATE survey_invitations SET voided_at = $now WHERE case_id = $case AND used_at IS NULL AND voided_at IS NULL */
export async function voidLiveInvitations(trx: Tx, caseId: string, now: Date): Promise<string[]> {
  const rows = await trx
    .updateTable('survey_invitations')
    .set({ voided_at: now })
    .where('case_id', '=', caseId)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

export function selectLiveInvitation(trx: Tx, caseId: string): Promise<InvitationRow | undefined> {
  return trx
    .selectFrom('survey_invitations')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('used_at', 'is', null)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
}

/** The invitation, locked FOR UPDATE when answering so that two submissions of one link are served one after the other. */
export function selectInvitation(trx: Tx, id: string, lock = false): Promise<InvitationRow | undefined> {
  const query = trx.selectFrom('survey_invitations').selectAll().where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function markInvitationUsed(trx: Tx, id: string, now: Date): Promise<void> {
  await trx.updateTable('survey_invitations').set({ used_at: now }).where('id', '=', id).execute();
}

export async function insertResponse(trx: Tx, row: Insertable<SurveyResponsesTable>): Promise<void> {
  await trx.insertInto('survey_responses').values(row).execute();
}

export function selectResponsesOfCase(trx: Tx, caseId: string): Promise<ResponseRow[]> {
  return trx.selectFrom('survey_responses').selectAll().where('case_id', '=', caseId).orderBy('answered_at').orderBy('id').execute();
}

const groupColumn = { agent: 'agent_id', area: 'business_area', channel: 'channel' } as const;

export interface InvitationCount {
  readonly key: string | null;
  readonly invitations: number;
  readonly answered: number;
}

/**
 * SELECT <key>, count(*), count(used_at) FROM survey_invitations
 * WHERE created_at >= $from AND created_at < $to AND (voided_at IS NULL OR used_at IS NOT NULL)
 * GROUP BY <key>
 * Row-level security leaves the reader's areas (and the shared queue) only.
 */
export async function countInvitations(trx: Tx, by: ReportDimension, from: Date, to: Date): Promise<InvitationCount[]> {
  const key = groupColumn[by];
  const rows = await trx
    .selectFrom('survey_invitations')
    .select([
      sql<string | null>`${sql.ref(key)}::text`.as('key'),
      sql<string>`count(*)`.as('invitations'),
      sql<string>`count(used_at)`.as('answered'),
    ])
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .where((eb) => eb.or([eb('voided_at', 'is', null), eb('used_at', 'is not', null)]))
    .groupBy(key)
    .execute();
  return rows.map((r) => ({ key: r.key, invitations: Number(r.invitations), answered: Number(r.answered) }));
}

export interface RatingCount {
  readonly key: string | null;
  readonly rating: number;
  readonly count: number;
}

/** SELECT <key>, rating, count(*) FROM survey_responses WHERE answered_at >= $from AND answered_at < $to GROUP BY <key>, rating */
export async function countRatings(trx: Tx, by: ReportDimension, from: Date, to: Date): Promise<RatingCount[]> {
  const key = groupColumn[by];
  const rows = await trx
    .selectFrom('survey_responses')
    .select([sql<string | null>`${sql.ref(key)}::text`.as('key'), 'rating', sql<string>`count(*)`.as('count')])
    .where('answered_at', '>=', from)
    .where('answered_at', '<', to)
    .groupBy([key, 'rating'])
    .execute();
  return rows.map((r) => ({ key: r.key, rating: Number(r.rating), count: Number(r.count) }));
}

/** Display names of staff, through the one function that may read them for a report (migration 0014). */
export async function staffDisplayNames(trx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await sql<{ id: string; display_name: string }>`
    SELECT id, display_name FROM caseline.staff_display_names(${sql.val([...ids])}::uuid[])`.execute(trx);
  return new Map(result.rows.map((r) => [r.id, r.display_name]));
}
