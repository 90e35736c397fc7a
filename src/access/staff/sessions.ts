import { createHash, randomBytes } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { StaffSessionsTable, Tables, Tx } from '../../db/index.ts';
import type { StaffLoginRow } from './staff-user-repository.ts';

export type SessionRow = Selectable<StaffSessionsTable>;

/** Lifetimes: a full session ends after idle minutes (config) or 12 hours; a half-finished login after 10 minutes. */
export const absoluteLifetimeMs = 12 * 60 * 60 * 1000;
export const pendingLifetimeMs = 10 * 60 * 1000;
// last_seen_at is written at most this often, so reads do not turn every request into a write.
const touchEveryMs = 30 * 1000;

export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(trx: Tx, userId: string, mfaPassed: boolean, complete: boolean, now: Date) {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + (complete ? absoluteLifetimeMs : pendingLifetimeMs));
  await trx
    .insertInto('staff_sessions')
    .values({
      token_hash: tokenDigest(token),
      user_id: userId,
      csrf_token: csrfToken,
      mfa_passed: mfaPassed,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export function findSession(trx: Tx, token: string): Promise<SessionRow | undefined> {
  return trx.selectFrom('staff_sessions').selectAll().where('token_hash', '=', tokenDigest(token)).executeTakeFirst();
}

/** The session behind a cookie and its account, in one statement outside any transaction (0018_credential_lookup). */
export async function findSessionWithUser(
  db: Kysely<Tables>,
  token: string,
): Promise<{ session: SessionRow; user: StaffLoginRow } | undefined> {
  const result = await sql<StaffLoginRow & SessionColumns>`SELECT * FROM caseline.staff_session_login(${tokenDigest(token)})`.execute(db);
  const row = result.rows[0];
  if (!row) return undefined;
  const {
    session_token_hash,
    session_user_id,
    session_csrf_token,
    session_mfa_passed,
    session_created_at,
    session_last_seen_at,
    session_expires_at,
    ...user
  } = row;
  return {
    session: {
      token_hash: session_token_hash,
      user_id: session_user_id,
      csrf_token: session_csrf_token,
      mfa_passed: session_mfa_passed,
      created_at: session_created_at,
      last_seen_at: session_last_seen_at,
      expires_at: session_expires_at,
    },
    user,
  };
}

type SessionColumns = { readonly [K in keyof SessionRow as `session_${K}`]: SessionRow[K] };

export function isLive(session: SessionRow, idleMs: number, now: Date): boolean {
  return session.expires_at.getTime() > now.getTime() && session.last_seen_at.getTime() + idleMs > now.getTime();
}

/** Whether a request should record that the session is still in use (at most every 30 s, not every request). */
export function touchDue(session: SessionRow, now: Date): boolean {
  return now.getTime() - session.last_seen_at.getTime() >= touchEveryMs;
}

export async function touchSession(trx: Tx, session: SessionRow, now: Date): Promise<void> {
  await trx.updateTable('staff_sessions').set({ last_seen_at: now }).where('token_hash', '=', session.token_hash).execute();
}

export async function completeMfa(trx: Tx, session: SessionRow, now: Date): Promise<void> {
  await trx
    .updateTable('staff_sessions')
    .set({ mfa_passed: true, last_seen_at: now, expires_at: new Date(now.getTime() + absoluteLifetimeMs) })
    .where('token_hash', '=', session.token_hash)
    .execute();
}

/** A sign-in finished by another step (a password change): the full lifetime starts now. */
export async function completeSignIn(trx: Tx, token: string, now: Date): Promise<void> {
  await trx
    .updateTable('staff_sessions')
    .set({ last_seen_at: now, expires_at: new Date(now.getTime() + absoluteLifetimeMs) })
    .where('token_hash', '=', tokenDigest(token))
    .execute();
}

export async function deleteSession(trx: Tx, token: string): Promise<void> {
  await trx.deleteFrom('staff_sessions').where('token_hash', '=', tokenDigest(token)).execute();
}

export async function deleteUserSessions(trx: Tx, userId: string): Promise<void> {
  await trx.deleteFrom('staff_sessions').where('user_id', '=', userId).execute();
}

/** After a password change: every other session of the user ends, the one that changed it stays. */
export async function deleteOtherSessions(trx: Tx, userId: string, keepToken: string): Promise<void> {
  await trx.deleteFrom('staff_sessions').where('user_id', '=', userId).where('token_hash', '!=', tokenDigest(keepToken)).execute();
}
