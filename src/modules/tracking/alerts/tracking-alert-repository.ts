import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tables, Tx } from '../../../db/index.ts';
import type { TrackingClass } from '../events/tracking-event.ts';

export type SubscriptionRow = Selectable<Tables['tracking_subscriptions']>;

export async function insertSubscription(trx: Tx, row: Insertable<Tables['tracking_subscriptions']>): Promise<void> {
  await trx.insertInto('tracking_subscriptions').values(row).execute();
}

export async function selectSubscription(trx: Tx, id: string): Promise<SubscriptionRow | undefined> {
  return trx.selectFrom('tracking_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The customer's subscriptions, newest first (the index tracking_subscriptions_customer). */
export async function selectSubscriptionsOf(trx: Tx, customerId: string, limit: number): Promise<SubscriptionRow[]> {
  return trx
    .selectFrom('tracking_subscriptions')
    .selectAll()
    .where('customer_id', '=', customerId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Cancels a live subscription; false when it was cancelled already. */
export async function updateCancelled(trx: Tx, id: string, at: Date): Promise<boolean> {
  const result = await trx
    .updateTable('tracking_subscriptions')
    .set({ cancelled_at: at })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The next live subscriptions after `after`, by id (the partial index tracking_subscriptions_active):
 *   SELECT id FROM tracking_subscriptions WHERE cancelled_at IS NULL AND expires_at > $now AND id > $after
 *   ORDER BY id LIMIT $n
 */
export async function selectLiveIds(trx: Tx, now: Date, after: string | null, limit: number): Promise<string[]> {
  let query = trx.selectFrom('tracking_subscriptions').select('id').where('cancelled_at', 'is', null).where('expires_at', '>', now);
  if (after !== null) query = query.where('id', '>', after);
  return (await query.orderBy('id').limit(limit).execute()).map((r) => r.id);
}

/**
 * Claims a live subscription no other dispatcher holds, until `until`; undefined when it is held,
 * cancelled or expired meanwhile:
 *   UPDATE tracking_subscriptions SET claimed_until = $until
 *   WHERE id = $id AND cancelled_at IS NULL AND expires_at > $now AND (claimed_until IS NULL OR claimed_until <= $now)
 *   RETURNING *
 */
export async function claimSubscription(trx: Tx, id: string, now: Date, until: Date): Promise<SubscriptionRow | undefined> {
  return trx
    .updateTable('tracking_subscriptions')
    .set({ claimed_until: until })
    .where('id', '=', id)
    .where('cancelled_at', 'is', null)
    .where('expires_at', '>', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
    .returningAll()
    .executeTakeFirst();
}

/** Lets go of a claim that found nothing new. */
export async function releaseClaim(trx: Tx, id: string): Promise<void> {
  await trx.updateTable('tracking_subscriptions').set({ claimed_until: null }).where('id', '=', id).execute();
}

/**
 * After a send (`alerts` 1), or new events none of which was asked for (0): the cursor becomes
 * the piece's history as read, and the claim is let go.
 */
export async function updateAlerted(
  trx: Tx,
  id: string,
  done: { readonly events: readonly string[]; readonly lastEventAt: Date | null; readonly alerts: number },
): Promise<void> {
  await trx
    .updateTable('tracking_subscriptions')
    .set((eb) => ({
      alerted_events: [...done.events],
      last_event_at: done.lastEventAt,
      alerts_sent: eb('alerts_sent', '+', done.alerts),
      last_error: done.alerts > 0 ? null : eb.ref('last_error'),
      claimed_until: null,
    }))
    .where('id', '=', id)
    .execute();
}

/** After a failed send: the cursor stays where it was, so the next round tries the same events again. */
export async function updateFailed(trx: Tx, id: string, error: string): Promise<void> {
  await trx.updateTable('tracking_subscriptions').set({ last_error: error, claimed_until: null }).where('id', '=', id).execute();
}

export interface HistoryRow {
  readonly event_id: string;
  readonly event: string;
  readonly event_at: Date;
  readonly facility_zip: string | null;
}

/**
 * A piece's events in time order, through the SECURITY DEFINER function of migration 0031,
 * which reads only the days the piece directory names and answers no delivery point and no mailer:
 *   SELECT * FROM caseline.tracking_piece_history($class, $pieces)
 */
export async function selectPieceHistory(trx: Tx, trackingClass: TrackingClass, pieces: readonly string[]): Promise<HistoryRow[]> {
  const { rows } = await sql<HistoryRow>`
    SELECT * FROM caseline.tracking_piece_history(${trackingClass}, ${sql.val([...pieces])}::text[])`.execute(trx);
  return rows.map((r) => ({ ...r, event_at: new Date(r.event_at) }));
}
