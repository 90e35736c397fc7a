import type { Selectable } from 'kysely';
import type { StaffUsersTable, Tx } from '../../db/index.ts';

export type StaffUserRow = Selectable<StaffUsersTable>;

/** What a credential check reads of an account (0018_credential_lookup): never the password hash or the TOTP seed. */
export type StaffLoginRow = Pick<
  StaffUserRow,
  | 'id'
  | 'username'
  | 'display_name'
  | 'roles'
  | 'business_areas'
  | 'totp_enabled_at'
  | 'must_change_password'
  | 'locked_until'
  | 'disabled_at'
  | 'created_at'
  | 'oidc_subject'
>;

export function findStaffUserById(trx: Tx, id: string): Promise<StaffUserRow | undefined> {
  return trx.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findStaffUserByUsername(trx: Tx, username: string): Promise<StaffUserRow | undefined> {
  return trx.selectFrom('staff_users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function listStaffUserRows(trx: Tx): Promise<StaffUserRow[]> {
  return trx.selectFrom('staff_users').selectAll().orderBy('username').execute();
}

export async function countStaffUsers(trx: Tx): Promise<number> {
  const row = await trx
    .selectFrom('staff_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** `UPDATE … SET failed_logins = failed_logins + 1 … RETURNING failed_logins`: atomic under concurrent attempts. */
export async function recordFailedLogin(trx: Tx, id: string, lockAfter: number, lockUntil: Date): Promise<void> {
  const row = await trx
    .updateTable('staff_users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', id)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  if (row.failed_logins >= lockAfter) {
    await trx.updateTable('staff_users').set({ locked_until: lockUntil, failed_logins: 0 }).where('id', '=', id).execute();
  }
}

export async function recordSuccessfulLogin(trx: Tx, id: string): Promise<void> {
  await trx.updateTable('staff_users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute();
}
