import type { Vault } from '../../../crypto/index.ts';
import type { Tx } from '../../../db/index.ts';
import type { LinkedRecords } from '../../customers/index.ts';

const encryptedColumns = ['address_ct', 'carrier_ct'] as const;

/**
 * A customer's tracking alerts, for the customer registry's merge: they move to the surviving
 * customer, re-encrypted under its key (subscribe encrypts under the customer's own), and come
 * back on an unmerge.
 */
export function trackingAlertMover(vault: Vault): LinkedRecords {
  async function moveAlerts(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('tracking_subscriptions')
      .select(['id', 'subject_id', ...encryptedColumns])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const changes: { subject_id: string; customer_id: string; address_ct?: Buffer; carrier_ct?: Buffer } = {
        subject_id: toId,
        customer_id: toId,
      };
      for (const column of encryptedColumns) {
        const value = row[column];
        if (value === null) continue;
        const location = { table: 'tracking_subscriptions', column, rowId: row.id };
        changes[column] = await vault.encryptFor(trx, toId, location, await vault.decryptFor(trx, row.subject_id, location, value));
      }
      await trx.updateTable('tracking_subscriptions').set(changes).where('id', '=', row.id).execute();
    }
  }

  return {
    name: 'tracking_alerts',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('tracking_subscriptions').select('id').where('customer_id', '=', fromId).execute()).map(
        (r) => r.id,
      );
      await moveAlerts(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveAlerts(trx, ids, toId),
  };
}
