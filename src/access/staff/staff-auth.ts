import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { withPrincipal, type Principal, type StaffPrincipal, type Tables, type Tx } from '../../db/index.ts';
import type { AuditContext } from '../audit-context.ts';
import type { AuditAction, AuditDetail, AuditOutcome } from '../audit/index.ts';
import { auditStaffEvent } from './audit-staff-event.ts';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../passwords.ts';
import { requiresMfa, staffPrincipal, systemPrincipal } from '../principals.ts';
import type { SecretBox } from '../secret-box.ts';
import { newTotpSecret, totpUri, verifyTotp } from '../totp.ts';
import {
  completeMfa,
  completeSignIn,
  createSession,
  deleteOtherSessions,
  deleteSession,
  findSession,
  findSessionWithUser,
  touchDue,
  isLive,
  touchSession,
  type SessionRow,
} from './sessions.ts';
import {
  countStaffUsers,
  findStaffUserById,
  findStaffUserByUsername,
  recordFailedLogin,
  recordSuccessfulLogin,
} from './staff-user-repository.ts';
import { toStaffUser, type StaffUser } from './staff-user.ts';

/** What a session may do: only 'full' reaches data; the others reach only the step they name. */
export type SessionStage = 'mfa' | 'password_change' | 'mfa_enrolment' | 'full';

export interface SessionInfo {
  readonly user: StaffUser;
  readonly principal: StaffPrincipal;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export interface IssuedSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly stage: SessionStage;
}

/** One message for every failed login: never which half was wrong, nor whether the account exists. */
export class LoginFailed extends Error {
  constructor() {
    super('The username or password is incorrect, or the account cannot sign in right now.');
    this.name = 'LoginFailed';
  }
}

export class InvalidCode extends Error {
  constructor() {
    super('The code is not valid. Enter the current 6-digit code from your authenticator app.');
    this.name = 'InvalidCode';
  }
}

export class WrongStage extends Error {}

export interface StaffAuthDeps {
  readonly db: Kysely<Tables>;
  /** Where the one login statement of every request goes: Database.statements, shared by concurrent requests; db when absent. */
  readonly statements?: Kysely<Tables>;
  readonly secrets: SecretBox;
  readonly clock: () => Date;
  readonly idleMinutes: number;
}

export const lockout = { attempts: 5, minutes: 15 } as const;

/** The next sign-in step for a user and session; single sign-on (access/oidc) issues its sessions by the same rule. */
export function stageOf(user: StaffUser, session: Pick<SessionRow, 'mfa_passed'>): SessionStage {
  if (user.totpEnabled && !session.mfa_passed) return 'mfa';
  if (user.mustChangePassword) return 'password_change';
  // A session whose second factor was proven elsewhere (the OpenID provider's, see
  // access/oidc) needs no authenticator here; a password session proves it only with TOTP.
  if (!user.totpEnabled && requiresMfa(user.roles) && !session.mfa_passed) return 'mfa_enrolment';
  return 'full';
}

function principalOf(user: StaffUser, mfaPassed: boolean): StaffPrincipal {
  return staffPrincipal({ id: user.id, roles: user.roles, areas: user.businessAreas, mfaPassed });
}

const totpContext = (userId: string) => `staff_users.totp_secret:${userId}`;

export function createStaffAuth(deps: StaffAuthDeps) {
  const loginPrincipal = systemPrincipal('login');
  const idleMs = deps.idleMinutes * 60 * 1000;

  function audit(
    trx: Tx,
    actor: Principal,
    ctx: AuditContext,
    action: AuditAction,
    userId: string | null,
    outcome: AuditOutcome,
    detail: AuditDetail = {},
  ): Promise<void> {
    return auditStaffEvent(trx, { at: deps.clock(), actor, ctx, action, userId, outcome, detail });
  }

  async function login(username: string, password: string, ctx: AuditContext): Promise<IssuedSession> {
    const now = deps.clock();
    const result = await withPrincipal(deps.db, loginPrincipal, async (trx) => {
      const row = await findStaffUserByUsername(trx, username.trim().toLowerCase());
      const passwordOk = await verifyPassword(row?.password_hash ?? null, password);
      if (!row) {
        await audit(trx, loginPrincipal, ctx, 'login_failed', null, 'denied', { reason: 'unknown_user' });
        return null;
      }
      const user = toStaffUser(row);
      const locked = user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime();
      // A single sign-on account has no password: refused like any failure, but never counted
      // toward the lockout (guessing at it must not lock its owner out of anything).
      const reason = user.disabled
        ? 'disabled'
        : row.password_hash === null
          ? 'no_password'
          : locked
            ? 'locked'
            : passwordOk
              ? null
              : 'bad_password';
      if (reason !== null) {
        if (reason === 'bad_password') {
          await recordFailedLogin(trx, user.id, lockout.attempts, new Date(now.getTime() + lockout.minutes * 60_000));
        }
        await audit(trx, loginPrincipal, ctx, 'login_failed', user.id, 'denied', { reason });
        return null;
      }
      await recordSuccessfulLogin(trx, user.id);
      const stage = stageOf(user, { mfa_passed: false });
      const session = await createSession(trx, user.id, false, stage === 'full', now);
      await audit(trx, loginPrincipal, ctx, 'login', user.id, 'ok', { stage });
      return { ...session, stage };
    });
    if (!result) throw new LoginFailed();
    return result;
  }

  /** The session behind a cookie or null when it is unknown, expired or idle too long. */
  async function resolveSession(token: string): Promise<SessionInfo | null> {
    const now = deps.clock();
    const found = await findSessionWithUser(deps.statements ?? deps.db, token);
    if (!found || !isLive(found.session, idleMs, now)) return null;
    const { session, user: row } = found;
    if (row.disabled_at !== null) return null;
    if (touchDue(session, now)) await withPrincipal(deps.db, loginPrincipal, (trx) => touchSession(trx, session, now));
    const user = toStaffUser(row);
    return {
      user,
      principal: principalOf(user, session.mfa_passed),
      stage: stageOf(user, session),
      csrfToken: session.csrf_token,
      expiresAt: new Date(Math.min(session.expires_at.getTime(), Math.max(session.last_seen_at.getTime(), now.getTime()) + idleMs)),
    };
  }

  async function requireStage(token: string, stages: readonly SessionStage[]): Promise<SessionInfo> {
    const info = await resolveSession(token);
    if (!info) throw new LoginFailed();
    if (!stages.includes(info.stage)) throw new WrongStage(`this step is not open in stage ${info.stage}`);
    return info;
  }

  async function verifyMfa(token: string, code: string, ctx: AuditContext): Promise<SessionStage> {
    const info = await requireStage(token, ['mfa']);
    const now = deps.clock();
    return withPrincipal(deps.db, info.principal, async (trx) => {
      const row = await findStaffUserById(trx, info.user.id);
      const secret = row?.totp_secret ? deps.secrets.open(row.totp_secret, totpContext(info.user.id)) : null;
      if (!secret || !verifyTotp(secret, code, now)) {
        await audit(trx, info.principal, ctx, 'mfa_failed', info.user.id, 'denied');
        return null;
      }
      const session = await findSession(trx, token);
      await completeMfa(trx, session!, now);
      await audit(trx, info.principal, ctx, 'mfa', info.user.id, 'ok');
      return stageOf(info.user, { mfa_passed: true });
    }).then((stage) => {
      if (stage === null) throw new InvalidCode();
      return stage;
    });
  }

  /** Starts (or restarts) enrolment: a fresh secret, not yet active until a code confirms it. */
  async function beginTotpEnrolment(token: string): Promise<{ secret: string; uri: string }> {
    const info = await requireStage(token, ['mfa_enrolment', 'full']);
    if (info.user.totpEnabled) throw new WrongStage('TOTP is already enabled; an administrator can reset it');
    const secret = newTotpSecret();
    await withPrincipal(deps.db, info.principal, (trx) =>
      trx
        .updateTable('staff_users')
        .set({ totp_secret: deps.secrets.seal(secret, totpContext(info.user.id)), updated_at: deps.clock() })
        .where('id', '=', info.user.id)
        .execute(),
    );
    return { secret, uri: totpUri(secret, info.user.username) };
  }

  async function confirmTotpEnrolment(token: string, code: string, ctx: AuditContext): Promise<SessionStage> {
    const info = await requireStage(token, ['mfa_enrolment', 'full']);
    const now = deps.clock();
    const stage = await withPrincipal(deps.db, info.principal, async (trx) => {
      const row = await findStaffUserById(trx, info.user.id);
      const secret =
        row?.totp_secret && row.totp_enabled_at === null ? deps.secrets.open(row.totp_secret, totpContext(info.user.id)) : null;
      if (!secret || !verifyTotp(secret, code, now)) return null;
      await trx.updateTable('staff_users').set({ totp_enabled_at: now, updated_at: now }).where('id', '=', info.user.id).execute();
      const session = await findSession(trx, token);
      await completeMfa(trx, session!, now);
      await audit(trx, info.principal, ctx, 'permission_change', info.user.id, 'ok', { change: 'totp_enabled' });
      return stageOf({ ...info.user, totpEnabled: true }, { mfa_passed: true });
    });
    if (stage === null) throw new InvalidCode();
    return stage;
  }

  async function changePassword(token: string, current: string, next: string, ctx: AuditContext): Promise<SessionStage> {
    const info = await requireStage(token, ['password_change', 'mfa_enrolment', 'full']);
    if (info.user.singleSignOn) throw new WrongStage('this account signs in with single sign-on and has no password here');
    checkPasswordStrength(next, info.user.username);
    const nextHash = await hashPassword(next);
    const ok = await withPrincipal(deps.db, info.principal, async (trx) => {
      const row = await findStaffUserById(trx, info.user.id);
      if (!row || !(await verifyPassword(row.password_hash, current))) {
        await audit(trx, info.principal, ctx, 'password_change', info.user.id, 'denied');
        return false;
      }
      await trx
        .updateTable('staff_users')
        .set({ password_hash: nextHash, must_change_password: false, updated_at: deps.clock() })
        .where('id', '=', info.user.id)
        .execute();
      await deleteOtherSessions(trx, info.user.id, token);
      const session = await findSession(trx, token);
      if (session && stageOf({ ...info.user, mustChangePassword: false }, session) === 'full')
        await completeSignIn(trx, token, deps.clock());
      await audit(trx, info.principal, ctx, 'password_change', info.user.id, 'ok');
      return true;
    });
    if (!ok) throw new LoginFailed();
    return (await requireStage(token, ['password_change', 'mfa_enrolment', 'full'])).stage;
  }

  async function logout(token: string, ctx: AuditContext): Promise<void> {
    const info = await resolveSession(token);
    if (!info) return;
    await withPrincipal(deps.db, info.principal, async (trx) => {
      await deleteSession(trx, token);
      await audit(trx, info.principal, ctx, 'logout', info.user.id, 'ok');
    });
  }

  /**
   * First start: with no staff account at all, creates `admin` with a one-time password
   * that must be changed at first sign-in. Returns the password to print once, or null.
   */
  async function bootstrapAdministrator(): Promise<{ username: string; password: string } | null> {
    const password = randomBytes(15).toString('base64url');
    const passwordHash = await hashPassword(password);
    const bootstrap = systemPrincipal('bootstrap');
    return withPrincipal(deps.db, bootstrap, async (trx) => {
      if ((await countStaffUsers(trx)) > 0) return null;
      const id = randomUUID();
      await trx
        .insertInto('staff_users')
        .values({
          id,
          username: 'admin',
          display_name: 'Administrator',
          password_hash: passwordHash,
          roles: ['administrator'],
          business_areas: [],
          must_change_password: true,
        })
        .execute();
      await auditStaffEvent(trx, {
        at: deps.clock(),
        actor: bootstrap,
        ctx: { purpose: 'bootstrap administrator on first start', requestId: null, clientAddr: null },
        action: 'permission_change',
        userId: id,
        outcome: 'ok',
        detail: { change: 'user_created', roles: 'administrator' },
      });
      return { username: 'admin', password };
    });
  }

  return { login, resolveSession, verifyMfa, beginTotpEnrolment, confirmTotpEnrolment, changePassword, logout, bootstrapAdministrator };
}

export type StaffAuth = ReturnType<typeof createStaffAuth>;
