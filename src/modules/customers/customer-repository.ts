import type { Insertable, Selectable } from 'kysely';
import type { ContactHistoryTable, CustomersTable, CustomerValuesTable, Tx } from '../../db/index.ts';
import type { CustomerKind } from './customer-fields.ts';

export type CustomerRow = Selectable<CustomersTable>;
export type ValueRow = Selectable<CustomerValuesTable>;

export async function insertCustomerSubject(
  trx: Tx,
  id: string,
  kind: CustomerKind,
  businessArea: string | null,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('data_subjects')
    .values({ id, kind, business_area: businessArea, record_type: 'usps-880/customer', created_at: now, dispose_after: null })
    .execute();
}

export async function insertCustomer(trx: Tx, row: Insertable<CustomersTable>): Promise<void> {
  await trx.insertInto('customers').values(row).execute();
}

export function selectCustomer(trx: Tx, id: string): Promise<CustomerRow | undefined> {
  return trx.selectFrom('customers').selectAll().where('subject_id', '=', id).executeTakeFirst();
}

/** Customers by id, leaving out those merged into another. */
export function selectCurrentCustomers(trx: Tx, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('customers')
    .selectAll()
    .where('subject_id', 'in', [...ids])
    .where('merged_into', 'is', null)
    .execute();
}

export async function insertValues(trx: Tx, rows: readonly Insertable<CustomerValuesTable>[]): Promise<void> {
  if (rows.length > 0)
    await trx
      .insertInto('customer_values')
      .values([...rows])
      .execute();
}

/** The current values of customers, optionally of some fields only, primary first, then oldest first. */
export function selectCurrentValues(trx: Tx, subjectIds: readonly string[], fields?: readonly string[]): Promise<ValueRow[]> {
  if (subjectIds.length === 0) return Promise.resolve([]);
  let query = trx
    .selectFrom('customer_values')
    .selectAll()
    .where('subject_id', 'in', [...subjectIds])
    .where('removed_at', 'is', null);
  if (fields) query = query.where('field', 'in', [...fields]);
  return query.orderBy('is_primary', 'desc').orderBy('recorded_at').orderBy('id').execute();
}

export function selectValue(trx: Tx, id: string): Promise<ValueRow | undefined> {
  return trx.selectFrom('customer_values').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markValuesRemoved(trx: Tx, ids: readonly string[], by: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .updateTable('customer_values')
    .set({ removed_at: now, removed_by: by, is_primary: false })
    .where('id', 'in', [...ids])
    .execute();
}

export async function clearPrimary(trx: Tx, subjectId: string, field: string): Promise<void> {
  await trx
    .updateTable('customer_values')
    .set({ is_primary: false })
    .where('subject_id', '=', subjectId)
    .where('field', '=', field)
    .where('is_primary', '=', true)
    .execute();
}

export async function touchCustomer(trx: Tx, id: string, now: Date): Promise<void> {
  await trx.updateTable('customers').set({ updated_at: now }).where('subject_id', '=', id).execute();
}

export async function insertHistory(trx: Tx, row: Insertable<ContactHistoryTable>): Promise<void> {
  await trx.insertInto('contact_history').values(row).execute();
}
