import type { Vault } from '../../../crypto/index.ts';
import type { Tx } from '../../../db/index.ts';
import type { LinkedRecords } from '../../customers/index.ts';

/** The request's ciphertext columns, all under the customer's key (request and decide encrypt them so). */
const encryptedColumns = ['name_ct', 'old_address_ct', 'new_address_ct', 'decision_reason_ct'] as const;

/**
 * A customer's changes of address and the identity verifications behind them, for the
 * customer registry's merge: they move to the surviving customer, the requests re-encrypted
 * under its key, and come back on an unmerge. The verifications hold no ciphertext; the
 * screen's address, device and network digests are keyed by purpose, not by customer, so
 * they stay as they are and the survivor's next request is screened against them.
 */
export function changeOfAddressMover(vault: Vault): LinkedRecords {
  async function moveRequests(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('changes_of_address')
      .select(['id', 'subject_id', ...encryptedColumns])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const changes: { subject_id: string; customer_id: string } & Partial<Record<(typeof encryptedColumns)[number], Buffer>> = {
        subject_id: toId,
        customer_id: toId,
      };
      for (const column of encryptedColumns) {
        const value = row[column];
        if (value === null) continue;
        const location = { table: 'changes_of_address', column, rowId: row.id };
        changes[column] = await vault.encryptFor(trx, toId, location, await vault.decryptFor(trx, row.subject_id, location, value));
      }
      await trx.updateTable('changes_of_address').set(changes).where('id', '=', row.id).execute();
    }
  }

  async function moveVerifications(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('coa_identity_verifications')
      .set({ subject_id: toId, customer_id: toId })
      .where('id', 'in', [...ids])
      .execute();
  }

  return {
    name: 'changes_of_address',
    async move(trx, fromId, toId) {
      const requests = (await trx.selectFrom('changes_of_address').select('id').where('customer_id', '=', fromId).execute()).map(
        (r) => r.id,
      );
      const verifications = (
        await trx.selectFrom('coa_identity_verifications').select('id').where('customer_id', '=', fromId).execute()
      ).map((r) => r.id);
      await moveRequests(trx, requests, toId);
      await moveVerifications(trx, verifications, toId);
      return [...requests, ...verifications];
    },
    // The ids are UUIDs of either table: each table takes back its own, the other's match nothing.
    async moveBack(trx, ids, toId) {
      await moveRequests(trx, ids, toId);
      await moveVerifications(trx, ids, toId);
    },
  };
}
