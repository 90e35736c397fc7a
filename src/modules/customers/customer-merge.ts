import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { actorOf, authorize, can, type AuditContext } from '../../access/index.ts';
import type { Vault } from '../../crypto/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { customerFields, isCustomerField } from './customer-fields.ts';
import { auditCustomer, decryptValue, recordHistory, valueLocation } from './customer-records.ts';
import { selectCustomer, type CustomerRow } from './customer-repository.ts';
import { CustomerConflict, CustomerNotFound } from './customer-service.ts';

/**
 * Records of other modules that point at a customer (cases, orders, …): a merge moves
 * them to the surviving customer and an unmerge moves exactly those rows back.
 */
export interface LinkedRecords {
  /** Names the rows in the merge's record; unique among movers. */
  readonly name: string;
  /** Moves every row of `fromId` to `toId`; returns the ids of the rows moved. */
  move(trx: Tx, fromId: string, toId: string): Promise<readonly string[]>;
  moveBack(trx: Tx, ids: readonly string[], toId: string): Promise<void>;
}

export interface MergeResult {
  readonly mergeId: string;
  readonly survivorId: string;
  readonly mergedId: string;
  readonly undoUntil: Date;
  /** How many rows of each kind moved to the survivor. */
  readonly moved: Readonly<Record<string, number>>;
}

export interface CustomerMerger {
  /** Makes `mergedId` part of `survivorId`: every value and linked record moves; the merged customer stays, hidden, for 30 days of undo. */
  merge(trx: Tx, principal: Principal, survivorId: string, mergedId: string, ctx: AuditContext, now: Date): Promise<MergeResult>;
  /** Undoes a merge within its window, moving back exactly the rows it moved. */
  unmerge(
    trx: Tx,
    principal: Principal,
    mergeId: string,
    ctx: AuditContext,
    now: Date,
  ): Promise<{ survivorId: string; restoredId: string }>;
  /** The merges a customer survived, newest first. */
  mergesOf(trx: Tx, principal: Principal, id: string): Promise<MergeRecord[]>;
}

export interface MergeRecord {
  readonly mergeId: string;
  readonly mergedId: string;
  /** The merged customer's primary name: read from the values the merge moved (audited with the survivor's read). */
  readonly mergedName: string;
  readonly mergedAt: Date;
  readonly undoUntil: Date;
  readonly unmergedAt: Date | null;
}

export const undoWindowDays = 30;

/** Rows of the registry's own tables that point at a customer by one column. */
function columnMover(name: string, table: 'contact_history' | 'customer_contacts' | 'customer_merges', column: string): LinkedRecords {
  return {
    name,
    async move(trx, fromId, toId) {
      const result = await sql<{ id: string }>`
        UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${toId} WHERE ${sql.ref(column)} = ${fromId} RETURNING id`.execute(trx);
      return result.rows.map((row) => row.id);
    },
    async moveBack(trx, ids, toId) {
      if (ids.length > 0)
        await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = ${toId} WHERE id = ANY(${[...ids]}::uuid[])`.execute(trx);
    },
  };
}

const registryMovers: readonly LinkedRecords[] = [
  columnMover('contact_history', 'contact_history', 'subject_id'),
  columnMover('contacts_as_organisation', 'customer_contacts', 'organisation_id'),
  columnMover('contacts_as_person', 'customer_contacts', 'subject_id'),
  // Merges this customer survived: undoing one later takes its rows from the new survivor.
  columnMover('merges_survived', 'customer_merges', 'subject_id'),
];

export function createCustomerMerger(vault: Vault, linked: readonly LinkedRecords[] = []): CustomerMerger {
  const movers = [...registryMovers, ...linked];

  /** Re-encrypts value rows under `toId`'s key and gives them, and their blind-index rows, to `toId`. */
  async function moveValues(trx: Tx, ids: readonly string[], toId: string): Promise<void> {
    if (ids.length === 0) return;
    const rows = await trx
      .selectFrom('customer_values')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
    for (const row of rows) {
      const clear = await decryptValue(vault, trx, row);
      const value_ct = await vault.encryptFor(trx, toId, valueLocation(row.id), clear);
      await trx.updateTable('customer_values').set({ subject_id: toId, value_ct }).where('id', '=', row.id).execute();
    }
    await trx
      .updateTable('blind_index')
      .set({ subject_id: toId })
      .where('record_table', '=', 'customer_values')
      .where('record_id', 'in', [...ids])
      .execute();
  }

  /** The primary name among a merge's moved values, wherever they are now. */
  async function mergedName(trx: Tx, valueIds: readonly string[]): Promise<string> {
    if (valueIds.length === 0) return '';
    const names = await trx
      .selectFrom('customer_values')
      .selectAll()
      .where('id', 'in', [...valueIds])
      .where('field', 'in', ['customer_name', 'company_name'])
      .orderBy('recorded_at')
      .execute();
    const name = names.find((n) => n.is_primary) ?? names[0];
    return name ? decryptValue(vault, trx, name) : '';
  }

  async function current(trx: Tx, principal: Principal, id: string, field: string): Promise<CustomerRow> {
    const row = await selectCustomer(trx, id);
    if (!row || row.merged_into !== null || !can(principal, 'record.read', { subjectId: id, businessArea: row.business_area }))
      throw new CustomerNotFound(`${field}: no such customer`);
    authorize(principal, 'record.update', { subjectId: id, businessArea: row.business_area });
    return row;
  }

  return {
    async merge(trx, principal, survivorId, mergedId, ctx, now) {
      if (survivorId === mergedId) throw new CustomerConflict('mergedId', 'a customer cannot be merged into itself');
      const survivor = await current(trx, principal, survivorId, 'survivorId');
      const merged = await current(trx, principal, mergedId, 'mergedId');
      if (survivor.kind !== merged.kind) throw new CustomerConflict('mergedId', 'a person and an organisation cannot be merged');
      if (survivor.business_area !== merged.business_area)
        throw new CustomerConflict('mergedId', 'customers of different business areas cannot be merged');

      const survivorValues = await trx
        .selectFrom('customer_values')
        .selectAll()
        .where('subject_id', '=', survivorId)
        .where('removed_at', 'is', null)
        .execute();
      const survivorFields = new Set(survivorValues.map((v) => v.field));
      const survivorClear = new Set(
        await Promise.all(survivorValues.map(async (v) => `${v.field}\u0000${await decryptValue(vault, trx, v)}`)),
      );
      const survivorPrimaries = new Set(survivorValues.filter((v) => v.is_primary).map((v) => v.field));
      const values = await trx.selectFrom('customer_values').selectAll().where('subject_id', '=', mergedId).execute();
      const isSingle = (field: string) => isCustomerField(field) && 'single' in customerFields[field];
      // The survivor's own value wins: the merged one stays in history (and comes back on unmerge).
      // So is a value the survivor already holds (the same phone twice would list it twice).
      const live = values.filter((v) => v.removed_at === null);
      const clear = await Promise.all(live.map(async (v) => `${v.field}\u0000${await decryptValue(vault, trx, v)}`));
      const superseded = live
        .filter((v, i) => (isSingle(v.field) && survivorFields.has(v.field)) || survivorClear.has(clear[i]!))
        .map((v) => v.id);
      const demoted = values
        .filter((v) => v.is_primary && v.removed_at === null && survivorPrimaries.has(v.field) && !superseded.includes(v.id))
        .map((v) => v.id);

      const mergeId = randomUUID();
      const actor = actorOf(principal);
      await moveValues(
        trx,
        values.map((v) => v.id),
        survivorId,
      );
      if (superseded.length > 0)
        await trx
          .updateTable('customer_values')
          .set({ removed_at: now, removed_by: `merge:${mergeId}`, is_primary: false })
          .where('id', 'in', superseded)
          .execute();
      if (demoted.length > 0) await trx.updateTable('customer_values').set({ is_primary: false }).where('id', 'in', demoted).execute();
      const primaries = values.filter((v) => v.is_primary && superseded.includes(v.id)).map((v) => v.id);

      const moved: Record<string, string[]> = {
        customer_values: values.map((v) => v.id),
        superseded,
        demoted: [...demoted, ...primaries],
      };
      for (const mover of movers) moved[mover.name] = [...(await mover.move(trx, mergedId, survivorId))];
      await trx.updateTable('customers').set({ merged_into: survivorId, merged_at: now }).where('subject_id', '=', mergedId).execute();
      const undoUntil = new Date(now.getTime() + undoWindowDays * 86_400_000);
      await trx
        .insertInto('customer_merges')
        .values({
          id: mergeId,
          subject_id: survivorId,
          merged_id: mergedId,
          business_area: survivor.business_area,
          moved: JSON.stringify(moved),
          merged_by: actor,
          merged_at: now,
          undo_until: undoUntil,
          unmerged_by: null,
          unmerged_at: null,
        })
        .execute();
      await recordHistory(
        trx,
        survivor,
        {
          kind: 'merged',
          summary: 'A duplicate customer record was merged into this one',
          sourceTable: 'customer_merges',
          sourceId: mergeId,
        },
        actor,
        now,
      );
      const counts = Object.fromEntries(Object.entries(moved).map(([name, ids]) => [name, ids.length]));
      await auditCustomer(trx, principal, ctx, now, 'merge', survivorId, [survivorId, mergedId], { merge_id: mergeId, ...counts });
      return { mergeId, survivorId, mergedId, undoUntil, moved: counts };
    },

    async mergesOf(trx, principal, id) {
      const row = await selectCustomer(trx, id);
      if (!row || !can(principal, 'record.read', { subjectId: id, businessArea: row.business_area }))
        throw new CustomerNotFound('no such customer');
      const merges = await trx
        .selectFrom('customer_merges')
        .selectAll()
        .where('subject_id', '=', id)
        .orderBy('merged_at', 'desc')
        .execute();
      return Promise.all(
        merges.map(async (m) => ({
          mergeId: m.id,
          mergedId: m.merged_id,
          mergedName: await mergedName(trx, m.moved.customer_values ?? []),
          mergedAt: m.merged_at,
          undoUntil: m.undo_until,
          unmergedAt: m.unmerged_at,
        })),
      );
    },

    async unmerge(trx, principal, mergeId, ctx, now) {
      const merge = await trx.selectFrom('customer_merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
      if (!merge) throw new CustomerNotFound('no such merge');
      if (merge.unmerged_at !== null) throw new CustomerConflict('mergeId', 'this merge has already been undone');
      if (now > merge.undo_until) throw new CustomerConflict('mergeId', `a merge can be undone for ${undoWindowDays} days only`);
      // The merge's rows are wherever its survivor now is (it may have been merged in turn).
      const survivor = await selectCustomer(trx, merge.subject_id);
      const restored = await selectCustomer(trx, merge.merged_id);
      if (!survivor || !restored) throw new CustomerNotFound('no such merge');
      for (const row of [survivor, restored]) {
        if (!can(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area }))
          throw new CustomerNotFound('no such merge');
        authorize(principal, 'record.update', { subjectId: row.subject_id, businessArea: row.business_area });
      }
      const moved = merge.moved;
      for (const mover of [...movers].reverse()) await mover.moveBack(trx, moved[mover.name] ?? [], restored.subject_id);
      await moveValues(trx, moved.customer_values ?? [], restored.subject_id);
      const superseded = moved.superseded ?? [];
      if (superseded.length > 0)
        await trx.updateTable('customer_values').set({ removed_at: null, removed_by: null }).where('id', 'in', superseded).execute();
      const demoted = moved.demoted ?? [];
      if (demoted.length > 0) await trx.updateTable('customer_values').set({ is_primary: true }).where('id', 'in', demoted).execute();
      await trx
        .updateTable('customers')
        .set({ merged_into: null, merged_at: null })
        .where('subject_id', '=', restored.subject_id)
        .execute();
      const actor = actorOf(principal);
      await trx.updateTable('customer_merges').set({ unmerged_at: now, unmerged_by: actor }).where('id', '=', mergeId).execute();
      for (const row of [survivor, restored])
        await recordHistory(
          trx,
          row,
          { kind: 'unmerged', summary: 'A merge of two customer records was undone', sourceTable: 'customer_merges', sourceId: mergeId },
          actor,
          now,
        );
      await auditCustomer(trx, principal, ctx, now, 'unmerge', survivor.subject_id, [survivor.subject_id, restored.subject_id], {
        merge_id: mergeId,
      });
      return { survivorId: survivor.subject_id, restoredId: restored.subject_id };
    },
  };
}
