import type { Tx } from '../../db/index.ts';
import type { StaffRole } from '../roles.ts';
import type { StaffUserRow } from '../staff/staff-user-repository.ts';

/** `SELECT * FROM staff_users WHERE oidc_issuer = $1 AND oidc_subject = $2` (unique: staff_users_oidc_identity). */
export function findStaffUserByOidcIdentity(trx: Tx, issuer: string, subject: string): Promise<StaffUserRow | undefined> {
  return trx.selectFrom('staff_users').selectAll().where('oidc_issuer', '=', issuer).where('oidc_subject', '=', subject).executeTakeFirst();
}

export interface NewOidcStaffUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly issuer: string;
  readonly subject: string;
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
  readonly now: Date;
}

/**
 * `INSERT … ON CONFLICT DO NOTHING RETURNING id`: false when the username is taken or a
 * concurrent first sign-in of the same identity won the race (the caller looks again).
 * DO NOTHING rather than an error, because an error would abort the whole transaction.
 * No password_hash: the account signs in only through its provider.
 */
export async function insertOidcStaffUser(trx: Tx, user: NewOidcStaffUser): Promise<boolean> {
  const inserted = await trx
    .insertInto('staff_users')
    .values({
      id: user.id,
      username: user.username,
      display_name: user.displayName,
      password_hash: null,
      roles: [...user.roles],
      business_areas: [...user.businessAreas],
      oidc_issuer: user.issuer,
      oidc_subject: user.subject,
      created_at: user.now,
      updated_at: user.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function setStaffUserGrants(
  trx: Tx,
  id: string,
  grants: { roles: readonly StaffRole[]; businessAreas: readonly string[] },
  now: Date,
): Promise<void> {
  await trx
    .updateTable('staff_users')
    .set({ roles: [...grants.roles], business_areas: [...grants.businessAreas], updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** The ids among `areas` that are business areas Caseline knows. */
export async function knownBusinessAreas(trx: Tx, areas: readonly string[]): Promise<string[]> {
  if (areas.length === 0) return [];
  const rows = await trx
    .selectFrom('business_areas')
    .select('id')
    .where('id', 'in', [...areas])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
