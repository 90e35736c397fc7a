import type { Vault } from '../../../crypto/index.ts';
import type { Tx } from '../../../db/index.ts';
import type { LinkedRecords } from '../../customers/index.ts';

const encryptedColumns = ['purpose_ct', 'recipient_ct'] as const;

/**
 * A customer's accounting of disclosures, for the customer registry's merge: the entries
 * follow the customer's records to the surviving customer, re-encrypted under its key, and
 * come back on an unmerge. What was disclosed, when and to whom does not change: only whose
 * accounting it is now part of.
 */
export function disclosureMover(vault: Vault): LinkedRecords {
  async function moveDisclosures(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('disclosures')
      .select(['id', 'subject_id', ...encryptedColumns])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const changes: { subject_id: string; purpose_ct?: Buffer; recipient_ct?: Buffer } = { subject_id: toId };
      for (const column of encryptedColumns) {
        const location = { table: 'disclosures', column, rowId: row.id };
        changes[column] = await vault.encryptFor(trx, toId, location, await vault.decryptFor(trx, row.subject_id, location, row[column]));
      }
      await trx.updateTable('disclosures').set(changes).where('id', '=', row.id).execute();
    }
  }

  return {
    name: 'disclosures',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('disclosures').select('id').where('subject_id', '=', fromId).execute()).map((r) => r.id);
      await moveDisclosures(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveDisclosures(trx, ids, toId),
  };
}
