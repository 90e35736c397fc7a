import type { Insertable, Selectable } from 'kysely';
import type { Tables, Tx } from '../../db/index.ts';

export type CallRow = Selectable<Tables['calls']>;
export type CallListRow = CallRow & { case_number: string | null };

export async function insertCall(trx: Tx, row: Insertable<Tables['calls']>): Promise<void> {
  await trx.insertInto('calls').values(row).execute();
}

/**
 * A customer's or a case's calls, newest first, with the number of the case each is on:
 *   SELECT calls.*, cases.number AS case_number FROM calls LEFT JOIN cases ON cases.id = calls.case_id
 *   WHERE calls.customer_id = $1 ORDER BY started_at DESC, created_at DESC LIMIT $2
 * Row-level security filters both tables: a case the caller may not see leaves its number NULL.
 */
export async function selectCalls(
  trx: Tx,
  filter: { readonly customerId: string } | { readonly caseId: string },
  limit: number,
): Promise<CallListRow[]> {
  let query = trx
    .selectFrom('calls')
    .leftJoin('cases', 'cases.id', 'calls.case_id')
    .selectAll('calls')
    .select('cases.number as case_number');
  query =
    'customerId' in filter ? query.where('calls.customer_id', '=', filter.customerId) : query.where('calls.case_id', '=', filter.caseId);
  return query.orderBy('calls.started_at', 'desc').orderBy('calls.created_at', 'desc').limit(limit).execute();
}

/**
 * The case's data subject and area, to encrypt the call under the case's key. Reads the
 * cases table by id only (the cases module owns it; CaseService's summaries do not carry
 * the subject, which is an encryption detail).
 */
export async function selectCaseScope(
  trx: Tx,
  caseId: string,
): Promise<{ subject_id: string; customer_id: string | null; business_area: string | null; number: string } | undefined> {
  return trx
    .selectFrom('cases')
    .select(['subject_id', 'customer_id', 'business_area', 'number'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}

/** The customer's data subject and area; merged customers are not customers to log against. */
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
