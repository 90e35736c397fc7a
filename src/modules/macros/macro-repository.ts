import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tables, Tx } from '../../db/index.ts';

type MacrosTable = Tables['macros'];

export type MacroRow = Selectable<MacrosTable>;

export function selectMacros(trx: Tx): Promise<MacroRow[]> {
  return trx
    .selectFrom('macros')
    .selectAll()
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
}

export function selectMacro(trx: Tx, id: string): Promise<MacroRow | undefined> {
  return trx.selectFrom('macros').selectAll().where('id', '=', id).executeTakeFirst();
}

/** SELECT id FROM macros WHERE lower(name) = lower($1): what the unique index macros_name compares. */
export async function macroNamed(trx: Tx, name: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('macros')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

export async function insertMacro(trx: Tx, row: Insertable<MacrosTable>): Promise<void> {
  await trx.insertInto('macros').values(row).execute();
}

export async function updateMacro(
  trx: Tx,
  id: string,
  changes: Pick<Insertable<MacrosTable>, 'name' | 'body' | 'business_area' | 'actions' | 'updated_by' | 'updated_at'>,
): Promise<boolean> {
  const result = await trx.updateTable('macros').set(changes).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteMacro(trx: Tx, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('macros').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The display name of the staff member acting (row-level security shows each their own row). */
export async function staffName(trx: Tx, id: string): Promise<string | null> {
  const row = await trx.selectFrom('staff_users').select('display_name').where('id', '=', id).executeTakeFirst();
  return row?.display_name ?? null;
}
