import { randomUUID } from 'node:crypto';
import type { Principal, Tx } from '../../db/index.ts';
import type { AuditContext } from '../audit-context.ts';
import { appendAudit, type AuditDetail } from '../audit/index.ts';
import { auditStaffEvent } from './audit-staff-event.ts';
import { checkPasswordStrength, hashPassword } from '../passwords.ts';
import { authorize } from '../policy.ts';
import type { StaffRole } from '../roles.ts';
import { deleteUserSessions } from './sessions.ts';
import { findStaffUserById, findStaffUserByUsername, listStaffUserRows } from './staff-user-repository.ts';
import { toStaffUser, type StaffUser } from './staff-user.ts';

export class DuplicateUsername extends Error {}
export class UnknownBusinessArea extends Error {
  readonly areas: readonly string[];
  constructor(areas: readonly string[]) {
    super(`unknown business area: ${areas.join(', ')}`);
    this.areas = areas;
  }
}
export class NotFound extends Error {}

export interface NewStaffUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
  /** True for passwords an administrator chose: the user must replace it at first sign-in. */
  readonly mustChangePassword: boolean;
}

export interface StaffUserChange {
  readonly roles?: readonly StaffRole[];
  readonly businessAreas?: readonly string[];
  readonly disabled?: boolean;
  readonly displayName?: string;
}

async function checkAreas(trx: Tx, areas: readonly string[]): Promise<void> {
  if (areas.length === 0) return;
  const known = await trx
    .selectFrom('business_areas')
    .select('id')
    .where('id', 'in', [...areas])
    .execute();
  const missing = areas.filter((a) => !known.some((k) => k.id === a));
  if (missing.length > 0) throw new UnknownBusinessArea(missing);
}

function auditChange(trx: Tx, actor: Principal, ctx: AuditContext, at: Date, userId: string, detail: AuditDetail): Promise<void> {
  return auditStaffEvent(trx, { at, actor, ctx, action: 'permission_change', userId, outcome: 'ok', detail });
}

export async function createStaffUser(trx: Tx, actor: Principal, input: NewStaffUser, ctx: AuditContext, now: Date): Promise<StaffUser> {
  authorize(actor, 'user.manage');
  const username = input.username.trim().toLowerCase();
  checkPasswordStrength(input.password, username);
  await checkAreas(trx, input.businessAreas);
  if (await findStaffUserByUsername(trx, username)) throw new DuplicateUsername(`username ${username} is taken`);
  const id = randomUUID();
  await trx
    .insertInto('staff_users')
    .values({
      id,
      username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      roles: [...input.roles],
      business_areas: [...input.businessAreas],
      must_change_password: input.mustChangePassword,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await auditChange(trx, actor, ctx, now, id, {
    change: 'user_created',
    roles: input.roles.join(','),
    areas: input.businessAreas.join(','),
  });
  return toStaffUser((await findStaffUserById(trx, id))!);
}

export async function listStaffUsers(trx: Tx, actor: Principal): Promise<StaffUser[]> {
  authorize(actor, 'user.manage');
  return (await listStaffUserRows(trx)).map(toStaffUser);
}

export async function updateStaffUser(
  trx: Tx,
  actor: Principal,
  id: string,
  change: StaffUserChange,
  ctx: AuditContext,
  now: Date,
): Promise<StaffUser> {
  authorize(actor, 'user.manage');
  const before = await findStaffUserById(trx, id);
  if (!before) throw new NotFound('no such user');
  if (change.businessAreas) await checkAreas(trx, change.businessAreas);
  await trx
    .updateTable('staff_users')
    .set({
      ...(change.roles ? { roles: [...change.roles] } : {}),
      ...(change.businessAreas ? { business_areas: [...change.businessAreas] } : {}),
      ...(change.displayName ? { display_name: change.displayName } : {}),
      ...(change.disabled === undefined ? {} : { disabled_at: change.disabled ? now : null }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
  // Permissions changed or account disabled: sessions holding the old grants end now.
  if (change.roles || change.businessAreas || change.disabled) await deleteUserSessions(trx, id);
  await auditChange(trx, actor, ctx, now, id, {
    change: 'user_updated',
    ...(change.roles ? { roles: change.roles.join(',') } : {}),
    ...(change.businessAreas ? { areas: change.businessAreas.join(',') } : {}),
    ...(change.disabled === undefined ? {} : { disabled: change.disabled }),
  });
  return toStaffUser((await findStaffUserById(trx, id))!);
}

/** For a lost authenticator: the user enrols again at next sign-in. */
export async function resetStaffMfa(trx: Tx, actor: Principal, id: string, ctx: AuditContext, now: Date): Promise<StaffUser> {
  authorize(actor, 'user.manage');
  const before = await findStaffUserById(trx, id);
  if (!before) throw new NotFound('no such user');
  await trx.updateTable('staff_users').set({ totp_secret: null, totp_enabled_at: null, updated_at: now }).where('id', '=', id).execute();
  await deleteUserSessions(trx, id);
  await auditChange(trx, actor, ctx, now, id, { change: 'mfa_reset' });
  return toStaffUser((await findStaffUserById(trx, id))!);
}

export interface BusinessArea {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export async function listBusinessAreas(trx: Tx): Promise<BusinessArea[]> {
  return trx.selectFrom('business_areas').select(['id', 'name', 'description']).orderBy('id').execute();
}

export async function upsertBusinessArea(
  trx: Tx,
  actor: Principal,
  area: BusinessArea,
  ctx: AuditContext,
  now: Date,
): Promise<BusinessArea> {
  authorize(actor, 'settings.manage');
  await trx
    .insertInto('business_areas')
    .values({ ...area, created_at: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: area.name, description: area.description }))
    .execute();
  await appendAudit(trx, {
    at: now,
    actor,
    action: 'settings_change',
    recordType: 'business_area',
    recordId: area.id,
    subjects: [],
    ...ctx,
    outcome: 'ok',
    detail: {},
  });
  return area;
}
