import type { Vault } from '../../crypto/index.ts';
import type { Tx } from '../../db/index.ts';
import type { LinkedRecords } from '../customers/index.ts';

/**
 * A customer's survey invitations and answers, for the customer registry's merge: they
 * move to the surviving customer with the cases they rate, the comment re-encrypted under
 * its key, and come back on an unmerge. Ids of both tables are uuids, so one list holds them.
 */
export function surveyMover(vault: Vault): LinkedRecords {
  async function moveRows(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    await trx
      .updateTable('survey_invitations')
      .set({ subject_id: toId })
      .where('id', 'in', [...ids])
      .execute();
    const responses = await trx
      .selectFrom('survey_responses')
      .select(['id', 'subject_id', 'comment_ct'])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of responses) {
      const where = { table: 'survey_responses', column: 'comment_ct', rowId: row.id };
      const comment =
        row.comment_ct === null
          ? null
          : await vault.encryptFor(trx, toId, where, await vault.decryptFor(trx, row.subject_id, where, row.comment_ct));
      await trx.updateTable('survey_responses').set({ subject_id: toId, comment_ct: comment }).where('id', '=', row.id).execute();
    }
  }

  return {
    name: 'surveys',
    async move(trx, fromId, toId) {
      const invitations = await trx.selectFrom('survey_invitations').select('id').where('subject_id', '=', fromId).execute();
      const responses = await trx.selectFrom('survey_responses').select('id').where('subject_id', '=', fromId).execute();
      const ids = [...invitations, ...responses].map((r) => r.id);
      await moveRows(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveRows(trx, ids, toId),
  };
}
