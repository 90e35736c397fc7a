import type { Vault } from '../../../crypto/index.ts';
import type { Tx } from '../../../db/index.ts';
import type { LinkedRecords } from '../../customers/index.ts';

/**
 * A customer's mailings, for the customer registry's merge: they move to the surviving
 * customer, their problem notes re-encrypted under its key, and come back on an unmerge.
 * The mailer's own mailing ids may clash between the two customers: the merge then fails on
 * the unique key and nothing moves, rather than two mailings sharing one id.
 */
export function mailingMover(vault: Vault): LinkedRecords {
  async function moveMailings(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('mailings')
      .select(['id', 'subject_id', 'problems_ct'])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const location = { table: 'mailings', column: 'problems_ct', rowId: row.id };
      const problems =
        row.problems_ct === null
          ? null
          : await vault.encryptFor(trx, toId, location, await vault.decryptFor(trx, row.subject_id, location, row.problems_ct));
      await trx
        .updateTable('mailings')
        .set({ subject_id: toId, customer_id: toId, problems_ct: problems })
        .where('id', '=', row.id)
        .execute();
    }
  }

  return {
    name: 'mailings',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('mailings').select('id').where('customer_id', '=', fromId).execute()).map((r) => r.id);
      await moveMailings(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveMailings(trx, ids, toId),
  };
}
