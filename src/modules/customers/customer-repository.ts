import type { Insertable, Selectable } from 'kysely';
import type { CustomersTable, Tx } from '../../db/index.ts';

export type CustomerRow = Selectable<CustomersTable>;

export async function insertCustomerSubject(
  trx: Tx,
  id: string,
  kind: 'person' | 'organisation',
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

export function selectCustomers(trx: Tx, ids: readonly string[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return trx
    .selectFrom('customers')
    .selectAll()
    .where('subject_id', 'in', [...ids])
    .execute();
}
