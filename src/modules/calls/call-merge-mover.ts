import type { Vault } from '../../crypto/index.ts';
import type { Tx } from '../../db/index.ts';
import type { LinkedRecords } from '../customers/index.ts';

const encryptedColumns = ['number_ct', 'notes_ct'] as const;

/**
 * A customer's calls, for the customer registry's merge: they move to the surviving
 * customer, re-encrypted under its key, and come back on an unmerge. A customer's calls
 * are always under the customer's own key (logCall encrypts them so), so the key changes
 * with the customer.
 */
export function callMover(vault: Vault): LinkedRecords {
  async function moveCalls(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('calls')
      .select(['id', 'subject_id', ...encryptedColumns])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const changes: { subject_id: string; customer_id: string; number_ct?: Buffer; notes_ct?: Buffer } = {
        subject_id: toId,
        customer_id: toId,
      };
      for (const column of encryptedColumns) {
        const value = row[column];
        if (value === null) continue;
        const location = { table: 'calls', column, rowId: row.id };
        changes[column] = await vault.encryptFor(trx, toId, location, await vault.decryptFor(trx, row.subject_id, location, value));
      }
      await trx.updateTable('calls').set(changes).where('id', '=', row.id).execute();
    }
  }

  return {
    name: 'calls',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('calls').select('id').where('customer_id', '=', fromId).execute()).map((r) => r.id);
      await moveCalls(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveCalls(trx, ids, toId),
  };
}
