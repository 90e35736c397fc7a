import type { Vault } from '../../crypto/index.ts';
import type { Tx } from '../../db/index.ts';
import type { LinkedRecords } from '../customers/index.ts';

const encryptedColumns = ['filename_ct', 'key_ct'] as const;

/**
 * A customer's case attachments, for the customer registry's merge: their file keys and names
 * are re-encrypted under the surviving customer's key (the files themselves stay as they are:
 * only the per-file key moves), and come back on an unmerge.
 */
export function attachmentMover(vault: Vault): LinkedRecords {
  async function moveAttachments(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('case_attachments')
      .select(['id', 'subject_id', 'filename_ct', 'key_ct'])
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const changes: { subject_id: string; filename_ct?: Buffer; key_ct?: Buffer } = { subject_id: toId };
      for (const column of encryptedColumns) {
        const location = { table: 'case_attachments', column, rowId: row.id };
        const clear = await vault.decryptFor(trx, row.subject_id, location, row[column]);
        changes[column] = await vault.encryptFor(trx, toId, location, clear);
        clear.fill(0);
      }
      await trx.updateTable('case_attachments').set(changes).where('id', '=', row.id).execute();
    }
  }

  return {
    name: 'case_attachments',
    async move(trx, fromId, toId) {
      // A customer's cases are encrypted under the customer's own key, so their attachments are the subject's.
      const ids = (await trx.selectFrom('case_attachments').select('id').where('subject_id', '=', fromId).execute()).map((r) => r.id);
      await moveAttachments(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveAttachments(trx, ids, toId),
  };
}
