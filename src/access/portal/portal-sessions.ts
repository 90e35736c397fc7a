import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Tables, Tx } from '../../db/index.ts';
import { newToken, tokenDigest } from '../staff/sessions.ts';

/** A portal session ends after 30 idle minutes or 12 hours; a sign-in waiting for its authenticator code after 10 minutes. */
export const portalIdleMs = 30 * 60 * 1000;
export const portalLifetimeMs = 12 * 60 * 60 * 1000;
const pendingLifetimeMs = 10 * 60 * 1000;
// last_seen_at is written at most this often, so reads do not turn every request into a write.
const touchEveryMs = 30 * 1000;

/** What a request learns from its portal cookie (caseline.portal_session_login, migration 0023). */
export interface PortalLoginRow {
  readonly session_id: string;
  readonly account_id: string;
  readonly subject_id: string;
  readonly account_subject_id: string;
  readonly csrf_token: string;
  readonly mfa_passed: boolean;
  readonly created_at: Date;
  readonly last_seen_at: Date;
  readonly expires_at: Date;
  readonly email_verified_at: Date | null;
  readonly linked_at: Date | null;
  readonly totp_enabled_at: Date | null;
  readonly locked_until: Date | null;
}

export interface IssuedPortalSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
}

export async function createPortalSession(
  trx: Tx,
  account: { readonly id: string; readonly subject_id: string },
  mfaPassed: boolean,
  clientLabel: string,
  now: Date,
): Promise<IssuedPortalSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + (mfaPassed ? portalLifetimeMs : pendingLifetimeMs));
  await trx
    .insertInto('portal_sessions')
    .values({
      id: randomUUID(),
      token_hash: tokenDigest(token),
      account_id: account.id,
      subject_id: account.subject_id,
      csrf_token: csrfToken,
      mfa_passed: mfaPassed,
      client_label: clientLabel,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The session behind a cookie, in one statement outside any transaction. */
export async function findPortalLogin(db: Kysely<Tables>, token: string): Promise<PortalLoginRow | undefined> {
  const result = await sql<PortalLoginRow>`SELECT * FROM caseline.portal_session_login(${tokenDigest(token)})`.execute(db);
  return result.rows[0];
}

/**
 * Whether the session may still be used: unexpired, not idle, and bound to the subject its
 * account now has (an account linked to a customer record since has moved to another subject).
 */
export function isLivePortalSession(row: PortalLoginRow, now: Date): boolean {
  return (
    row.expires_at.getTime() > now.getTime() &&
    row.last_seen_at.getTime() + portalIdleMs > now.getTime() &&
    row.subject_id === row.account_subject_id
  );
}

export function portalTouchDue(row: PortalLoginRow, now: Date): boolean {
  return now.getTime() - row.last_seen_at.getTime() >= touchEveryMs;
}

export async function touchPortalSession(trx: Tx, sessionId: string, now: Date): Promise<void> {
  await trx.updateTable('portal_sessions').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

/** "Chrome on Linux": enough to recognise one's own sessions in a list, not enough to fingerprint. */
export function clientLabelOf(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'A browser';
  const system = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS X/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'an unknown system';
  return `${browser} on ${system}`;
}
