import { systemPrincipal } from '../../access/index.ts';
import { indexTermsVersion, SubjectShreddedError, type IndexKind, type Vault } from '../../crypto/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { customerFields, type CustomerField } from './customer-fields.ts';
import { auditCustomer, decryptValue } from './customer-records.ts';

/**
 * The fields whose index terms of a kind are made from the stored value by the field's own
 * parser (a name is stored as typed), so they can be re-indexed from what is stored.
 */
export const fieldsIndexedAs: Readonly<Partial<Record<IndexKind, readonly CustomerField[]>>> = {
  name: ['customer_name', 'company_name'],
};

export interface IndexRefresh {
  readonly kind: IndexKind;
  readonly from: number;
  readonly to: number;
  readonly values: number;
}

const batchSize = 500;
const ctx = { requestId: null, clientAddr: null, purpose: 'system administration: rebuild the retrieval index after its terms changed' };

/**
 * Re-digests the values of every kind whose terms changed since they were stored, in
 * batches of one transaction each, and then records the kind's new version. Safe to
 * interrupt: a batch commits whole, and a kind whose version is not yet recorded starts
 * over (re-indexing a value twice stores the same digests).
 */
export async function refreshIndexTerms(database: Database, vault: Vault, clock: () => Date): Promise<IndexRefresh[]> {
  const principal = systemPrincipal('index-refresh');
  const recorded = new Map(
    (await database.db.selectFrom('blind_index_terms').select(['kind', 'version']).execute()).map((row) => [row.kind, row.version]),
  );
  const refreshed: IndexRefresh[] = [];
  for (const [kind, version] of Object.entries(indexTermsVersion) as [IndexKind, number][]) {
    const from = recorded.get(kind) ?? 1;
    if (from >= version) continue;
    const fields = fieldsIndexedAs[kind] ?? [];
    let after = '00000000-0000-0000-0000-000000000000';
    let values = 0;
    for (let more = fields.length > 0; more;) {
      const batch = await withPrincipal(database.db, principal, async (trx) => {
        const rows = await trx
          .selectFrom('customer_values')
          .selectAll()
          .where('field', 'in', [...fields])
          .where('removed_at', 'is', null)
          .where('id', '>', after)
          .orderBy('id')
          .limit(batchSize)
          .execute();
        const subjects = new Set<string>();
        await vault.preloadKeys(
          trx,
          rows.map((row) => row.subject_id),
        );
        for (const row of rows) {
          let stored: string;
          try {
            stored = await decryptValue(vault, trx, row);
          } catch (error) {
            // An erased subject's index rows went with its key.
            if (error instanceof SubjectShreddedError) continue;
            throw error;
          }
          const parsed = customerFields[row.field as CustomerField].parse(stored, row.label);
          await vault.unindexRecord(trx, 'customer_values', row.id);
          await vault.indexValues(
            trx,
            parsed.index.map((entry) => ({
              ...entry,
              subjectId: row.subject_id,
              businessArea: row.business_area,
              recordTable: 'customer_values',
              recordId: row.id,
            })),
          );
          subjects.add(row.subject_id);
        }
        if (subjects.size > 0) await auditCustomer(trx, principal, ctx, clock(), 'read', null, [...subjects], { reindex: kind });
        return rows;
      });
      values += batch.length;
      more = batch.length === batchSize;
      if (batch.length > 0) after = batch.at(-1)!.id;
    }
    await database.db
      .insertInto('blind_index_terms')
      .values({ kind, version })
      .onConflict((conflict) => conflict.column('kind').doUpdateSet({ version, updated_at: clock() }))
      .execute();
    refreshed.push({ kind, from, to: version, values });
  }
  return refreshed;
}
