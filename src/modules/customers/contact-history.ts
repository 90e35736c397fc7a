import type { ContactHistoryTable, PendingInsert, Tx } from '../../db/index.ts';
import type { CustomerRow } from './customer-repository.ts';
import { historyRow, recordHistory } from './customer-records.ts';

export interface ContactEntry {
  readonly customerId: string;
  readonly at: Date;
  /** What happened, as a code: case_opened, case_resolved, order_placed, … */
  readonly kind: string;
  readonly channel: ContactHistoryTable['channel'];
  /** Field names, numbers and codes only: the timeline never repeats what a record says. */
  readonly summary: string;
  readonly sourceTable: string;
  readonly sourceId: string;
  readonly actor: string;
}

/**
 * Adds an entry of another module (a case, an order, a tracking request) to the customer's
 * contact history, in the caller's transaction. The entry takes the customer's business area.
 */
export async function recordContact(trx: Tx, entry: ContactEntry): Promise<void> {
  const customer = await trx
    .selectFrom('customers')
    .select(['subject_id', 'business_area'])
    .where('subject_id', '=', entry.customerId)
    .executeTakeFirst();
  if (!customer) throw new Error('contact history for a customer that does not exist');
  await recordHistory(trx, customer, entry, entry.actor, entry.at);
}

/**
 * recordContact for a caller that has just read the customer (it opened a case for them):
 * the entry's INSERT, not sent yet, to go with the caller's other rows (insertTogether).
 */
export function contactInsert(trx: Tx, customer: Pick<CustomerRow, 'subject_id' | 'business_area'>, entry: ContactEntry): PendingInsert {
  return trx.insertInto('contact_history').values(historyRow(customer, entry, entry.actor, entry.at));
}
