import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tables, Tx } from '../../../db/index.ts';

export type RequestRow = Selectable<Tables['privacy_requests']>;

/** The next request number's serial: SELECT nextval('privacy_request_number_seq'). */
export async function nextRequestSerial(trx: Tx): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT nextval('privacy_request_number_seq') AS n`.execute(trx);
  return Number(rows[0]!.n);
}

export async function insertRequest(trx: Tx, row: Insertable<Tables['privacy_requests']>): Promise<void> {
  await trx.insertInto('privacy_requests').values(row).execute();
}

export async function selectRequest(trx: Tx, id: string): Promise<RequestRow | undefined> {
  return trx.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Requests by status, or (no status) the open ones, by due date: the clocks and the overdue list. */
export async function selectRequests(trx: Tx, filter: { status?: string; openOnly: boolean }, limit: number): Promise<RequestRow[]> {
  let query = trx.selectFrom('privacy_requests').selectAll();
  if (filter.status) query = query.where('status', '=', filter.status as RequestRow['status']);
  if (filter.openOnly) query = query.where('decided_at', 'is', null).where('status', 'in', ['received', 'in_review']);
  return query.orderBy('decide_due').orderBy('number').limit(limit).execute();
}

export async function updateRequest(trx: Tx, id: string, changes: Partial<Insertable<Tables['privacy_requests']>>): Promise<void> {
  await trx.updateTable('privacy_requests').set(changes).where('id', '=', id).execute();
}

export async function insertEvent(
  trx: Tx,
  row: { id: string; request: RequestRow; kind: string; actor: string; at: Date; detail: Record<string, unknown> },
): Promise<void> {
  await trx
    .insertInto('privacy_request_events')
    .values({
      id: row.id,
      request_id: row.request.id,
      subject_id: row.request.subject_id,
      business_area: row.request.business_area,
      kind: row.kind,
      actor: row.actor,
      at: row.at,
      detail: JSON.stringify(row.detail),
    })
    .execute();
}

export async function selectEvents(trx: Tx, requestId: string) {
  return trx.selectFrom('privacy_request_events').selectAll().where('request_id', '=', requestId).orderBy('seq').execute();
}

/** The customer's data subject and area; merged customers are not customers to file against. */
export async function selectCustomerScope(
  trx: Tx,
  customerId: string,
): Promise<{ subject_id: string; business_area: string | null; merged_into: string | null } | undefined> {
  return trx
    .selectFrom('customers')
    .select(['subject_id', 'business_area', 'merged_into'])
    .where('subject_id', '=', customerId)
    .executeTakeFirst();
}

/** A current (not superseded) customer value, to check an amendment's target: SELECT … FROM customer_values WHERE id = $1. */
export async function selectCustomerValue(
  trx: Tx,
  valueId: string,
): Promise<
  { id: string; subject_id: string; field: string; is_primary: boolean; label: string | null; removed_at: Date | null } | undefined
> {
  return trx
    .selectFrom('customer_values')
    .select(['id', 'subject_id', 'field', 'is_primary', 'label', 'removed_at'])
    .where('id', '=', valueId)
    .executeTakeFirst();
}

/** SELECT EXISTS (SELECT 1 FROM statements_of_disagreement WHERE record_table = $1 AND record_id = $2). RLS applies. */
export async function statementExists(trx: Tx, recordTable: string, recordId: string): Promise<boolean> {
  const row = await trx
    .selectFrom('statements_of_disagreement')
    .select('id')
    .where('record_table', '=', recordTable)
    .where('record_id', '=', recordId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
