import { createHash } from 'node:crypto';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { CaseEventsTable, CasesTable, CaseStatus, Tx } from '../../db/index.ts';
import { rulesAsJson, rulesOf, type RoutingRule } from './routing/index.ts';

export type CaseRow = Selectable<CasesTable>;

/**
 * The next serial for a case number (a sequence, so concurrent intake never waits on a
 * counter row) and, when routing will decide, the routing rules: one round trip for both.
 */
export async function openingReads(trx: Tx, routed: boolean): Promise<{ serial: number; rules: RoutingRule[] }> {
  const rules = routed ? rulesAsJson() : sql<[]>`'[]'::json`;
  const result = await sql<{
    n: string;
    rules: Parameters<typeof rulesOf>[0];
  }>`SELECT nextval('case_number_seq') AS n, ${rules} AS rules`.execute(trx);
  const row = result.rows[0]!;
  return { serial: Number(row.n), rules: rulesOf(row.rules) };
}

export function selectCase(trx: Tx, id: string): Promise<CaseRow | undefined> {
  return trx.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
}

export function selectCaseByNumber(trx: Tx, number: string): Promise<CaseRow | undefined> {
  return trx.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function insertEvent(trx: Tx, row: Insertable<CaseEventsTable>): Promise<void> {
  await trx.insertInto('case_events').values(row).execute();
}

/** What identifies a redelivered e-mail: the SHA-256 of its Message-ID, never the id itself. */
export function messageIdHash(messageId: string): Buffer {
  return createHash('sha256').update(messageId.trim().toLowerCase(), 'utf8').digest();
}

export async function caseOfMessage(trx: Tx, messageId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('case_messages')
    .select('case_id')
    .where('message_id_hash', '=', messageIdHash(messageId))
    .executeTakeFirst();
  return row?.case_id;
}

export interface CaseFilter {
  readonly statuses?: readonly CaseStatus[];
  readonly businessArea?: string | null;
  readonly assignee?: string | null;
  readonly customerIds?: readonly string[];
  readonly limit: number;
}

export function selectCases(trx: Tx, filter: CaseFilter): Promise<CaseRow[]> {
  let query = trx.selectFrom('cases').selectAll();
  if (filter.statuses) query = query.where('status', 'in', [...filter.statuses]);
  if (filter.businessArea !== undefined)
    query =
      filter.businessArea === null ? query.where('business_area', 'is', null) : query.where('business_area', '=', filter.businessArea);
  if (filter.assignee !== undefined)
    query = filter.assignee === null ? query.where('assignee', 'is', null) : query.where('assignee', '=', filter.assignee);
  if (filter.customerIds) {
    if (filter.customerIds.length === 0) return Promise.resolve([]);
    query = query.where('customer_id', 'in', [...filter.customerIds]);
  }
  return query.orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).execute();
}
