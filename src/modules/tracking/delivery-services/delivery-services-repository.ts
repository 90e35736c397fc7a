import type { Insertable, Selectable } from 'kysely';
import type { Tables, Tx } from '../../../db/index.ts';

export type DeliveryRequestRow = Selectable<Tables['delivery_requests']>;
export type DeliveryPreferencesRow = Selectable<Tables['delivery_preferences']>;

/** Inserts a request; false when its pickup number is taken already (the caller draws another). */
export async function insertDeliveryRequest(trx: Tx, row: Insertable<Tables['delivery_requests']>): Promise<boolean> {
  const result = await trx
    .insertInto('delivery_requests')
    .values(row)
    .onConflict((oc) => oc.column('pickup_number').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function selectDeliveryRequest(trx: Tx, id: string): Promise<DeliveryRequestRow | undefined> {
  return trx.selectFrom('delivery_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The customer's requests of one kind (or both), newest first (the index delivery_requests_customer). */
export async function selectRequestsOfCustomer(
  trx: Tx,
  customerId: string,
  kind: DeliveryRequestRow['kind'] | null,
  limit: number,
): Promise<DeliveryRequestRow[]> {
  let query = trx.selectFrom('delivery_requests').selectAll().where('customer_id', '=', customerId);
  if (kind !== null) query = query.where('kind', '=', kind);
  return query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
}

/** The customers with a pickup of this confirmation number (row-level security filters what the principal may see). */
export async function selectCustomersByPickupNumber(trx: Tx, pickupNumber: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('delivery_requests')
    .select('customer_id')
    .where('pickup_number', '=', pickupNumber)
    .where('customer_id', 'is not', null)
    .execute();
  return rows.map((r) => r.customer_id!);
}

/** Moves a request still requested to cancelled or completed; false when it was not requested any more. */
export async function updateStatus(
  trx: Tx,
  id: string,
  change: { status: 'cancelled' | 'completed'; status_by: string; status_at: Date },
): Promise<boolean> {
  const result = await trx
    .updateTable('delivery_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function selectPreferences(trx: Tx, customerId: string): Promise<DeliveryPreferencesRow | undefined> {
  return trx.selectFrom('delivery_preferences').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
}

export async function insertPreferences(trx: Tx, row: Insertable<Tables['delivery_preferences']>): Promise<void> {
  await trx.insertInto('delivery_preferences').values(row).execute();
}

export async function updatePreferences(
  trx: Tx,
  id: string,
  change: Pick<
    Insertable<Tables['delivery_preferences']>,
    'when_absent' | 'delivery_days' | 'preferred_contact' | 'drop_ship_codes' | 'instructions_ct' | 'updated_by' | 'updated_at'
  >,
): Promise<void> {
  await trx.updateTable('delivery_preferences').set(change).where('id', '=', id).execute();
}
