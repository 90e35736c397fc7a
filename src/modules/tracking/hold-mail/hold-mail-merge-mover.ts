import type { Vault } from '../../../crypto/index.ts';
import type { Tx } from '../../../db/index.ts';
import type { LinkedRecords } from '../../customers/index.ts';

const encryptedColumns = ['name_ct', 'address_ct', 'instructions_ct', 'decision_reason_ct'] as const;
type EncryptedColumn = (typeof encryptedColumns)[number];

/**
 * A customer's holds, for the customer registry's merge: they move to the surviving customer,
 * re-encrypted under its key, and come back on an unmerge. Their identity verifications are
 * moved by changeOfAddressMover, which takes every verification of the customer's (the table
 * serves both services); the address digest is keyed by purpose, not by customer, so it stays.
 */
export function holdMailMover(vault: Vault): LinkedRecords {
  async function moveHolds(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('hold_mail_requests')
      .select(['id', 'subject_id', ...encryptedColumns])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const changes: { subject_id: string; customer_id: string } & Partial<Record<EncryptedColumn, Buffer>> = {
        subject_id: toId,
        customer_id: toId,
      };
      for (const column of encryptedColumns) {
        const value = row[column];
        if (value === null) continue;
        const location = { table: 'hold_mail_requests', column, rowId: row.id };
        changes[column] = await vault.encryptFor(trx, toId, location, await vault.decryptFor(trx, row.subject_id, location, value));
      }
      await trx.updateTable('hold_mail_requests').set(changes).where('id', '=', row.id).execute();
    }
  }

  return {
    name: 'hold_mail_requests',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('hold_mail_requests').select('id').where('customer_id', '=', fromId).execute()).map((r) => r.id);
      await moveHolds(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveHolds(trx, ids, toId),
  };
}
