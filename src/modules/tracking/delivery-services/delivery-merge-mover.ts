import type { Vault } from '../../../crypto/index.ts';
import type { Tx } from '../../../db/index.ts';
import type { LinkedRecords } from '../../customers/index.ts';

/** Re-encrypts a row's ciphertexts under the customer it moves to and gives it to that customer. */
async function moveRows(
  vault: Vault,
  trx: Tx,
  table: 'delivery_requests' | 'delivery_preferences',
  ids: readonly string[],
  toId: string,
): Promise<void> {
  if (ids.length === 0) return;
  const columns = table === 'delivery_requests' ? (['address_ct', 'instructions_ct'] as const) : (['instructions_ct'] as const);
  const rows =
    table === 'delivery_requests'
      ? await trx
          .selectFrom('delivery_requests')
          .select(['id', 'subject_id', 'address_ct', 'instructions_ct'])
          .where('id', 'in', [...ids])
          .execute()
      : await trx
          .selectFrom('delivery_preferences')
          .select(['id', 'subject_id', 'instructions_ct'])
          .where('id', 'in', [...ids])
          .execute();
  for (const row of rows) {
    const changes: Record<string, string | Buffer> = { subject_id: toId, customer_id: toId };
    for (const column of columns) {
      const value = (row as Record<string, Uint8Array | string | null | undefined>)[column];
      if (value === null || value === undefined || typeof value === 'string') continue;
      const at = { table, column, rowId: row.id };
      changes[column] = await vault.encryptFor(trx, toId, at, await vault.decryptFor(trx, row.subject_id, at, value));
    }
    await trx.updateTable(table).set(changes).where('id', '=', row.id).execute();
  }
}

/**
 * A customer's redeliveries and pickups, for the customer registry's merge: they move to the
 * surviving customer, re-encrypted under its key, and come back on an unmerge.
 */
export function deliveryRequestMover(vault: Vault): LinkedRecords {
  return {
    name: 'delivery_requests',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('delivery_requests').select('id').where('customer_id', '=', fromId).execute()).map((r) => r.id);
      await moveRows(vault, trx, 'delivery_requests', ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveRows(vault, trx, 'delivery_requests', ids, toId),
  };
}

/**
 * The merged customer's delivery preferences, when the survivor has none: a customer has one
 * set, and the survivor's own choices stand over the merged record's. Preferences left behind
 * stay with the merged customer, and so are there again on an unmerge.
 */
export function deliveryPreferencesMover(vault: Vault): LinkedRecords {
  return {
    name: 'delivery_preferences',
    async move(trx, fromId, toId) {
      const survivor = await trx.selectFrom('delivery_preferences').select('id').where('customer_id', '=', toId).executeTakeFirst();
      if (survivor) return [];
      const ids = (await trx.selectFrom('delivery_preferences').select('id').where('customer_id', '=', fromId).execute()).map((r) => r.id);
      await moveRows(vault, trx, 'delivery_preferences', ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveRows(vault, trx, 'delivery_preferences', ids, toId),
  };
}
