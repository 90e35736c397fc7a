import type { Vault } from '../../crypto/index.ts';
import type { Tx } from '../../db/index.ts';
import type { LinkedRecords } from '../customers/index.ts';

/** Every ciphertext column of a case's rows: re-encrypted when the case changes customer. */
const encryptedColumns = [
  { table: 'cases', columns: ['title_ct', 'resolution_ct'], caseColumn: 'id' },
  { table: 'case_messages', columns: ['from_ct', 'to_ct', 'body_ct'], caseColumn: 'case_id' },
  { table: 'case_links', columns: ['number_ct'], caseColumn: 'case_id' },
] as const;

/**
 * A customer's cases, for the customer registry's merge: they move to the surviving
 * customer, re-encrypted under its key, and come back on an unmerge.
 */
export function caseMover(vault: Vault): LinkedRecords {
  async function moveCases(trx: Tx, caseIds: readonly string[], toId: string): Promise<void> {
    if (caseIds.length === 0) return;
    for (const { table, columns, caseColumn } of encryptedColumns) {
      const rows = (await trx
        .selectFrom(table)
        .selectAll()
        .where(caseColumn, 'in', [...caseIds])
        .execute()) as unknown as (Record<string, Buffer | null> & { id: string; subject_id: string })[];
      for (const row of rows) {
        const changes: Record<string, Buffer | string | null> = { subject_id: toId };
        for (const column of columns) {
          const value = row[column];
          if (value === null || value === undefined) continue;
          const clear = await vault.decryptFor(trx, row.subject_id, { table, column, rowId: row.id }, value);
          changes[column] = await vault.encryptFor(trx, toId, { table, column, rowId: row.id }, clear);
        }
        if (table === 'cases') changes.customer_id = toId;
        await trx.updateTable(table).set(changes).where('id', '=', row.id).execute();
      }
    }
    await trx
      .updateTable('case_events')
      .set({ subject_id: toId })
      .where('case_id', 'in', [...caseIds])
      .execute();
    const links = await trx
      .selectFrom('case_links')
      .select('id')
      .where('case_id', 'in', [...caseIds])
      .execute();
    if (links.length > 0)
      await trx
        .updateTable('blind_index')
        .set({ subject_id: toId })
        .where('record_table', '=', 'case_links')
        .where(
          'record_id',
          'in',
          links.map((l) => l.id),
        )
        .execute();
  }

  return {
    name: 'cases',
    async move(trx, fromId, toId) {
      const ids = (await trx.selectFrom('cases').select('id').where('customer_id', '=', fromId).execute()).map((r) => r.id);
      await moveCases(trx, ids, toId);
      return ids;
    },
    moveBack: (trx, ids, toId) => moveCases(trx, ids, toId),
  };
}
