import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Tables, Tx } from '../../../db/index.ts';
import type { LastEventGroup } from './mailing-performance.ts';

export type MailingRow = Selectable<Tables['mailings']>;

export async function insertMailing(trx: Tx, row: Insertable<Tables['mailings']>): Promise<void> {
  await trx.insertInto('mailings').values(row).execute();
}

export async function selectMailing(trx: Tx, id: string): Promise<MailingRow | undefined> {
  return trx.selectFrom('mailings').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether the customer has a mailing with this id of the mailer's (the unique key customer_id, mailing_ref). */
export async function selectMailingRefTaken(trx: Tx, customerId: string, mailingRef: string): Promise<boolean> {
  const row = await trx
    .selectFrom('mailings')
    .select('id')
    .where('customer_id', '=', customerId)
    .where('mailing_ref', '=', mailingRef)
    .executeTakeFirst();
  return row !== undefined;
}

/** The customer's mailings, latest mailing date first (the index mailings_customer). */
export async function selectMailingsOfCustomer(trx: Tx, customerId: string, limit: number): Promise<MailingRow[]> {
  return trx
    .selectFrom('mailings')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('mailing_date', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function updateMailing(
  trx: Tx,
  id: string,
  changes: Pick<Updateable<Tables['mailings']>, 'status' | 'problems_ct' | 'updated_at'>,
): Promise<void> {
  await trx.updateTable('mailings').set(changes).where('id', '=', id).execute();
}

/**
 * The mailing's pieces grouped by their latest event, through the SECURITY DEFINER function of
 * migration 0030 (tracking events are not readable as such by every caller who may read the
 * mailing; the function answers counts only, and only to such a caller):
 *   SELECT * FROM caseline.mailing_performance($mailing, $from, $to)
 */
export async function selectPerformance(trx: Tx, mailingId: string, from: Date, to: Date): Promise<LastEventGroup[]> {
  const { rows } = await sql<{ last_event: string; pieces: number | string; delivered: number | string; last_at: Date | null }>`
    SELECT last_event, pieces, delivered, last_at
    FROM caseline.mailing_performance(${mailingId}::uuid, ${from}::timestamptz, ${to}::timestamptz)`.execute(trx);
  return rows.map((r) => ({
    lastEvent: r.last_event,
    pieces: Number(r.pieces),
    delivered: Number(r.delivered),
    lastAt: r.last_at === null ? null : new Date(r.last_at),
  }));
}
