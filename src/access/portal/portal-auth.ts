import { randomUUID } from 'node:crypto';
import type { Database, PortalCodeChannel, PortalCodePurpose, PortalLinkMethod, Principal, Tx } from '../../db/index.ts';
import { withPrincipal } from '../../db/index.ts';
import { SubjectShreddedError, type Vault } from '../../crypto/index.ts';
import type { AuditContext } from '../audit-context.ts';
import { appendAudit, type AuditAction, type AuditOutcome } from '../audit/index.ts';
import { checkPasswordStrength, hashPassword, verifyPassword, WeakPasswordError } from '../passwords.ts';
import { carrying } from '../egress.ts';
import { customerPrincipal, systemPrincipal } from '../principals.ts';
import type { SecretBox } from '../secret-box.ts';
import { newTotpSecret, totpUri, verifyTotp } from '../totp.ts';
import { lockout } from '../staff/staff-auth.ts';
import { tokenDigest } from '../staff/sessions.ts';
import { attemptsPerCode, codeLifetimeMs, newCode, sameDigest } from './portal-codes.ts';
import { InvalidLogon, logonOf } from './portal-logon.ts';
import type { PortalMailer } from './portal-mailer.ts';
import {
  clientLabelOf,
  createPortalSession,
  findPortalLogin,
  isLivePortalSession,
  portalTouchDue,
  touchPortalSession,
  type IssuedPortalSession,
} from './portal-sessions.ts';

/** A field of a portal form that cannot be accepted; the message names the rule, never the value. */
export class InvalidPortalField extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

/** Sign-in refused: the same answer for an unknown address and a wrong password. */
export class PortalSignInFailed extends Error {}
/** A code that is wrong, spent or expired; the same answer for each, so a guesser learns nothing. */
export class PortalCodeRejected extends Error {}
/** The account is linked already, or the customer record has an account of its own. */
export class PortalAlreadyLinked extends Error {}
/** Outbound mail is not set up on this server, so no code can be sent. */
export class PortalMailUnavailable extends Error {}
/** The e-mail could not be handed to the relay; the code stays valid, asking again sends a new one. */
export class PortalMailFailed extends Error {}

/** The mailer, or PortalMailUnavailable: checked before any work whose code could not be sent. */
export function requireMailer(mailer: PortalMailer | null): PortalMailer {
  if (!mailer) throw new PortalMailUnavailable('outbound e-mail is not set up on this server (CASELINE_SMTP_RELAY)');
  return mailer;
}

/** Sends a portal message; the relay's error (which may quote the address) becomes PortalMailFailed. */
export async function sendPortalMail(mailer: PortalMailer | null, to: string, subject: string, text: string): Promise<void> {
  const ready = requireMailer(mailer);
  try {
    await ready.send(to, subject, text);
  } catch {
    throw new PortalMailFailed('the e-mail could not be sent just now');
  }
}

export type PortalStage = 'mfa' | 'full';

/** Who a portal request comes from, as its cookie says. */
export interface PortalSessionInfo {
  readonly sessionId: string;
  readonly accountId: string;
  /** The account's data subject: its own until linked, the customer's after. */
  readonly subjectId: string;
  readonly csrfToken: string;
  readonly stage: PortalStage;
  /** Linked to a customer record (after proof of identity, or as a new customer). */
  readonly linked: boolean;
}

export interface PortalSessionSummary {
  readonly id: string;
  readonly client: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly current: boolean;
}

export interface PortalAuthDeps {
  readonly database: Database;
  readonly vault: Vault;
  readonly secrets: SecretBox;
  /** HMAC of a logon (the normalised e-mail address); see keyedDigest. */
  readonly logonDigest: (logon: string) => Buffer;
  /** HMAC of a one-time code together with the row it belongs to. */
  readonly codeDigest: (code: string) => Buffer;
  /** Null when outbound mail is not configured: registration and resets cannot send their codes. */
  readonly mailer: PortalMailer | null;
  readonly clock: () => Date;
}

// Registration runs as the sign-in job: there is no customer yet whose principal could.
const signInJob = systemPrincipal('portal-sign-in');

export interface LetterToPrint {
  readonly id: string;
  /** The customer record whose address of record the letter goes to. */
  readonly subjectId: string;
  readonly code: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}
/** Failed proofs of identity before linking is refused for `linkLockMs`. */
const linkAttempts = 5;
const linkLockMs = 24 * 60 * 60 * 1000;
// An unverified registration is kept a week; a verified account lives as its customer record does.
const unverifiedLifetimeMs = 7 * 24 * 60 * 60 * 1000;
const recordType = 'usps-880/customer';
const emailLocation = (accountId: string) => ({ table: 'portal_accounts', column: 'email_ct', rowId: accountId });
const letterLocation = (codeId: string) => ({ table: 'portal_codes', column: 'letter_ct', rowId: codeId });
const totpContext = (accountId: string) => `portal_accounts.totp_secret:${accountId}`;

function checkPassword(password: unknown, logon: string): string {
  if (typeof password !== 'string') throw new InvalidPortalField('password', 'is required');
  try {
    checkPasswordStrength(password, logon.split('@')[0]!);
  } catch (error) {
    if (error instanceof WeakPasswordError) throw new InvalidPortalField('password', error.message);
    throw error;
  }
  return password;
}

function logonField(email: unknown): string {
  if (typeof email !== 'string') throw new InvalidPortalField('email', 'is required');
  try {
    return logonOf(email);
  } catch (error) {
    if (error instanceof InvalidLogon) throw new InvalidPortalField('email', error.message);
    throw error;
  }
}

/**
 * Registration, e-mail verification, sign-in (password, then an authenticator code when the
 * account has one), password reset, sign-out and the account's sessions. No answer tells
 * whether an address has an account: registering a taken address, resetting an unknown one
 * and a wrong password all look alike from outside.
 */
export function createPortalAuth(deps: PortalAuthDeps) {
  const { database, vault, secrets, clock } = deps;
  const asJob = <T>(fn: (trx: Tx) => Promise<T>) => withPrincipal(database.db, signInJob, fn);

  const audit = (
    trx: Tx,
    at: Date,
    ctx: AuditContext,
    action: AuditAction,
    account: { id: string; subject_id: string } | null,
    outcome: AuditOutcome,
    step: string,
    actor: Principal = signInJob,
  ) =>
    appendAudit(trx, {
      at,
      actor,
      action,
      recordType,
      recordId: account?.id ?? null,
      subjects: account ? [account.subject_id] : [],
      ...ctx,
      outcome,
      detail: { step },
    });

  const accountByLogon = (trx: Tx, logon: string) =>
    trx.selectFrom('portal_accounts').selectAll().where('logon_digest', '=', deps.logonDigest(logon)).executeTakeFirst();

  const mailer = () => requireMailer(deps.mailer);
  const send = (to: string, subject: string, text: string) => sendPortalMail(deps.mailer, to, subject, text);

  /**
   * A fresh code for the account, replacing its unused ones for the same purpose. A link code
   * names the customer record it proves (`link`), and lives as long as its channel needs.
   */
  const issueCode = async (
    trx: Tx,
    account: { id: string; subject_id: string },
    purpose: PortalCodePurpose,
    now: Date,
    link: { readonly subject: string; readonly channel: PortalCodeChannel } | null = null,
  ): Promise<string> => {
    const code = newCode();
    const id = randomUUID();
    await trx
      .deleteFrom('portal_codes')
      .where('account_id', '=', account.id)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
    await trx
      .insertInto('portal_codes')
      .values({
        id,
        account_id: account.id,
        subject_id: account.subject_id,
        purpose,
        channel: link?.channel ?? 'email',
        link_subject: link?.subject ?? null,
        code_hash: deps.codeDigest(`${id}:${code}`),
        // The print room needs the code itself until the letter is printed.
        letter_ct: link?.channel === 'letter' ? await vault.encryptFor(trx, link.subject, letterLocation(id), code) : null,
        created_at: now,
        expires_at: new Date(
          now.getTime() + (link ? codeLifetimeMs[`link_${link.channel}`] : codeLifetimeMs[purpose as Exclude<PortalCodePurpose, 'link'>]),
        ),
      })
      .execute();
    return code;
  };

  /** Spends a code if it is right and answers its row; counts a wrong one. Null for every failure alike. */
  const redeemCode = async (trx: Tx, accountId: string, purpose: PortalCodePurpose, code: unknown, now: Date) => {
    const rows = await trx
      .selectFrom('portal_codes')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .forUpdate()
      .execute();
    const live = rows.find((row) => row.expires_at.getTime() > now.getTime() && row.attempts < attemptsPerCode);
    if (!live) return null;
    if (typeof code === 'string' && /^\d{6}$/.test(code) && sameDigest(deps.codeDigest(`${live.id}:${code}`), live.code_hash)) {
      await trx.updateTable('portal_codes').set({ used_at: now }).where('id', '=', live.id).execute();
      return live;
    }
    await trx
      .updateTable('portal_codes')
      .set({ attempts: live.attempts + 1 })
      .where('id', '=', live.id)
      .execute();
    return null;
  };

  const emailOf = async (trx: Tx, account: { id: string; subject_id: string; email_ct: Buffer }) =>
    (await vault.decryptFor(trx, account.subject_id, emailLocation(account.id), account.email_ct)).toString('utf8');

  return {
    /**
     * Creates an unverified account and e-mails its verification code; for an address that
     * already has an account, e-mails that person a note instead. Either way the caller
     * learns only that a message was sent.
     */
    async register(input: { email: unknown; password: unknown }, ctx: AuditContext): Promise<void> {
      const logon = logonField(input.email);
      const password = checkPassword(input.password, logon);
      mailer();
      const passwordHash = await hashPassword(password);
      const now = clock();
      const outcome = await asJob(async (trx) => {
        const existing = await accountByLogon(trx, logon);
        if (existing) {
          await audit(trx, now, ctx, 'create', existing, 'denied', 'register_taken');
          return { kind: 'taken' as const };
        }
        const id = randomUUID();
        const subjectId = randomUUID();
        await trx
          .insertInto('data_subjects')
          .values({ id: subjectId, kind: 'person', business_area: null, record_type: recordType, created_at: now, dispose_after: null })
          .execute();
        await vault.createSubjectKey(trx, subjectId, null);
        await trx
          .insertInto('portal_accounts')
          .values({
            id,
            subject_id: subjectId,
            business_area: null,
            logon_digest: deps.logonDigest(logon),
            email_ct: await vault.encryptFor(trx, subjectId, emailLocation(id), logon),
            password_hash: passwordHash,
            totp_secret: null,
            totp_enabled_at: null,
            email_verified_at: null,
            linked_at: null,
            link_method: null,
            locked_until: null,
            link_locked_until: null,
            created_at: now,
            updated_at: now,
            dispose_after: new Date(now.getTime() + unverifiedLifetimeMs),
          })
          .execute();
        const account = { id, subject_id: subjectId };
        const code = await issueCode(trx, account, 'verify_email', now);
        await audit(trx, now, ctx, 'create', account, 'ok', 'register');
        return { kind: 'new' as const, code };
      });
      if (outcome.kind === 'new') {
        await send(
          logon,
          'Your verification code',
          `Your code to finish creating your account is ${outcome.code}.\n\nIt works for 24 hours. If you did not ask for an account, ignore this message: nothing is kept unless the code is used.`,
        );
      } else {
        await send(
          logon,
          'Someone tried to create an account with your address',
          'Someone tried to create a new account with this e-mail address, which already has one. If it was you, sign in, or reset your password if you have forgotten it. If it was not you, you need do nothing.',
        );
      }
    },

    /** Proves the address with the e-mailed code and signs the person in. */
    async verifyEmail(input: { email: unknown; code: unknown }, ctx: AuditContext, userAgent?: string): Promise<IssuedPortalSession> {
      const logon = logonField(input.email);
      const now = clock();
      const issued = await asJob(async (trx) => {
        const account = await accountByLogon(trx, logon);
        if (!account || account.email_verified_at !== null) return null;
        if (!(await redeemCode(trx, account.id, 'verify_email', input.code, now))) {
          await audit(trx, now, ctx, 'update', account, 'denied', 'verify_email');
          return null;
        }
        await trx
          .updateTable('portal_accounts')
          .set({ email_verified_at: now, updated_at: now, dispose_after: null })
          .where('id', '=', account.id)
          .execute();
        await audit(trx, now, ctx, 'update', account, 'ok', 'verify_email');
        return createPortalSession(trx, account, true, clientLabelOf(userAgent), now);
      });
      if (!issued) throw new PortalCodeRejected('the code is wrong or has expired');
      return issued;
    },

    /** Sends a new verification code to an unverified account's address; silent otherwise. */
    async resendVerification(input: { email: unknown }, ctx: AuditContext): Promise<void> {
      const logon = logonField(input.email);
      mailer();
      const now = clock();
      const code = await asJob(async (trx) => {
        const account = await accountByLogon(trx, logon);
        if (!account || account.email_verified_at !== null) return null;
        await audit(trx, now, ctx, 'update', account, 'ok', 'resend_verification');
        return issueCode(trx, account, 'verify_email', now);
      });
      if (code)
        await send(logon, 'Your verification code', `Your code to finish creating your account is ${code}.\n\nIt works for 24 hours.`);
    },

    /**
     * Checks the password (locking the account for a while after repeated failures) and
     * starts a session: a full one, or one waiting for the authenticator code.
     */
    async signIn(
      input: { email: unknown; password: unknown },
      ctx: AuditContext,
      userAgent?: string,
    ): Promise<IssuedPortalSession & { stage: PortalStage }> {
      const logon = logonField(input.email);
      const password = typeof input.password === 'string' ? input.password : '';
      const now = clock();
      const account = await asJob((trx) => accountByLogon(trx, logon));
      const locked = account?.locked_until !== null && account?.locked_until !== undefined && account.locked_until > now;
      const passwordOk = (await verifyPassword(account && !locked ? account.password_hash : null, password)) && !!account;
      const outcome = await asJob(async (trx) => {
        if (!account) return null;
        if (!passwordOk || locked || account.email_verified_at === null) {
          const failures = passwordOk ? account.failed_logins : account.failed_logins + 1;
          await trx
            .updateTable('portal_accounts')
            .set({
              failed_logins: failures >= lockout.attempts ? 0 : failures,
              locked_until: failures >= lockout.attempts ? new Date(now.getTime() + lockout.minutes * 60_000) : account.locked_until,
              updated_at: now,
            })
            .where('id', '=', account.id)
            .execute();
          await audit(trx, now, ctx, 'login_failed', account, 'denied', locked ? 'locked' : passwordOk ? 'unverified' : 'password');
          return null;
        }
        await trx.updateTable('portal_accounts').set({ failed_logins: 0, updated_at: now }).where('id', '=', account.id).execute();
        const mfa = account.totp_enabled_at !== null;
        await audit(trx, now, ctx, 'login', account, 'ok', mfa ? 'password' : 'signed_in');
        const session = await createPortalSession(trx, account, !mfa, clientLabelOf(userAgent), now);
        return { ...session, stage: (mfa ? 'mfa' : 'full') as PortalStage };
      });
      if (!outcome) throw new PortalSignInFailed('the e-mail address or password is not right, or the account is not verified yet');
      return outcome;
    },

    /** The authenticator code of a session that passed its password. */
    async passMfa(token: string, code: unknown, ctx: AuditContext): Promise<IssuedPortalSession> {
      const now = clock();
      const login = await findPortalLogin(database.db, token);
      if (!login || login.mfa_passed || !isLivePortalSession(login, now)) throw new PortalCodeRejected('sign in again');
      const principal = customerPrincipal(login.subject_id);
      const passed = await withPrincipal(database.db, principal, async (trx) => {
        const account = await trx.selectFrom('portal_accounts').selectAll().where('id', '=', login.account_id).executeTakeFirstOrThrow();
        const secret = account.totp_secret ? secrets.open(account.totp_secret, totpContext(account.id)) : null;
        const ok = secret !== null && typeof code === 'string' && verifyTotp(secret, code, now);
        await audit(trx, now, ctx, ok ? 'mfa' : 'mfa_failed', account, ok ? 'ok' : 'denied', 'authenticator', principal);
        if (!ok) return null;
        // A new token once the second factor is passed: the half-signed-in one is not promoted.
        await trx.deleteFrom('portal_sessions').where('id', '=', login.session_id).execute();
        return createPortalSession(trx, account, true, '', now);
      });
      if (!passed) throw new PortalCodeRejected('the authenticator code is not right');
      return passed;
    },

    /** E-mails a reset code when the address has a verified account; says nothing either way. */
    async requestPasswordReset(input: { email: unknown }, ctx: AuditContext): Promise<void> {
      const logon = logonField(input.email);
      mailer();
      const now = clock();
      const code = await asJob(async (trx) => {
        const account = await accountByLogon(trx, logon);
        if (!account || account.email_verified_at === null) return null;
        await audit(trx, now, ctx, 'password_change', account, 'ok', 'reset_requested');
        return issueCode(trx, account, 'reset_password', now);
      });
      if (code)
        await send(
          logon,
          'Your password reset code',
          `Your code to choose a new password is ${code}.\n\nIt works for 30 minutes. If you did not ask to reset your password, ignore this message; your password stays as it is.`,
        );
    },

    /** Sets the new password with the e-mailed code; every session of the account ends. */
    async resetPassword(input: { email: unknown; code: unknown; password: unknown }, ctx: AuditContext): Promise<void> {
      const logon = logonField(input.email);
      const password = checkPassword(input.password, logon);
      const passwordHash = await hashPassword(password);
      const now = clock();
      const done = await asJob(async (trx) => {
        const account = await accountByLogon(trx, logon);
        if (!account || !(await redeemCode(trx, account.id, 'reset_password', input.code, now))) return false;
        await trx
          .updateTable('portal_accounts')
          .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null, updated_at: now })
          .where('id', '=', account.id)
          .execute();
        await trx.deleteFrom('portal_sessions').where('account_id', '=', account.id).execute();
        await audit(trx, now, ctx, 'password_change', account, 'ok', 'reset');
        return true;
      });
      if (!done) throw new PortalCodeRejected('the code is wrong or has expired');
    },

    /** The session behind a cookie, or null when there is none or it has ended. */
    async resolve(token: string): Promise<PortalSessionInfo | null> {
      const now = clock();
      const login = await findPortalLogin(database.db, token);
      if (!login || !isLivePortalSession(login, now)) return null;
      if (portalTouchDue(login, now))
        await withPrincipal(database.db, customerPrincipal(login.subject_id), (trx) => touchPortalSession(trx, login.session_id, now));
      return {
        sessionId: login.session_id,
        accountId: login.account_id,
        subjectId: login.subject_id,
        csrfToken: login.csrf_token,
        stage: login.mfa_passed ? 'full' : 'mfa',
        linked: login.linked_at !== null,
      };
    },

    async signOut(token: string, ctx: AuditContext): Promise<void> {
      const now = clock();
      const login = await findPortalLogin(database.db, token);
      if (!login) return;
      const principal = customerPrincipal(login.subject_id);
      await withPrincipal(database.db, principal, async (trx) => {
        await trx.deleteFrom('portal_sessions').where('token_hash', '=', tokenDigest(token)).execute();
        await audit(trx, now, ctx, 'logout', { id: login.account_id, subject_id: login.subject_id }, 'ok', 'sign_out', principal);
      });
    },

    /** The account's live sessions, this one marked; in the caller's unit of work as the account's customer. */
    async sessions(trx: Tx, info: PortalSessionInfo): Promise<PortalSessionSummary[]> {
      const rows = await trx
        .selectFrom('portal_sessions')
        .select(['id', 'subject_id', 'client_label', 'created_at', 'last_seen_at'])
        .where('account_id', '=', info.accountId)
        .where('expires_at', '>', clock())
        .orderBy('last_seen_at', 'desc')
        .execute();
      return rows.map((row) =>
        carrying(row.subject_id, {
          id: row.id,
          client: row.client_label,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          current: row.id === info.sessionId,
        }),
      );
    },

    /** Ends one of the account's sessions (false when it has none by that id), or all of them ('sign out everywhere'). */
    async endSessions(info: PortalSessionInfo, which: { readonly sessionId: string } | 'all', ctx: AuditContext): Promise<boolean> {
      const now = clock();
      const principal = customerPrincipal(info.subjectId);
      return withPrincipal(database.db, principal, async (trx) => {
        let query = trx.deleteFrom('portal_sessions').where('account_id', '=', info.accountId);
        if (which !== 'all') query = query.where('id', '=', which.sessionId);
        const ended = Number((await query.executeTakeFirst()).numDeletedRows);
        if (ended > 0)
          await audit(
            trx,
            now,
            ctx,
            'logout',
            { id: info.accountId, subject_id: info.subjectId },
            'ok',
            which === 'all' ? 'everywhere' : 'one_session',
            principal,
          );
        return ended > 0;
      });
    },

    /** Starts authenticator enrolment: a new secret, shown once as an otpauth:// URI; active after confirmTotp. */
    async enrolTotp(info: PortalSessionInfo): Promise<{ secret: string; uri: string }> {
      const now = clock();
      return withPrincipal(database.db, customerPrincipal(info.subjectId), async (trx) => {
        const account = await trx.selectFrom('portal_accounts').selectAll().where('id', '=', info.accountId).executeTakeFirstOrThrow();
        if (account.totp_enabled_at !== null) throw new InvalidPortalField('code', 'an authenticator is already set up; remove it first');
        const secret = newTotpSecret();
        await trx
          .updateTable('portal_accounts')
          .set({ totp_secret: secrets.seal(secret, totpContext(account.id)), updated_at: now })
          .where('id', '=', account.id)
          .execute();
        return { secret, uri: totpUri(secret, await emailOf(trx, account)) };
      });
    },

    async confirmTotp(info: PortalSessionInfo, code: unknown, ctx: AuditContext): Promise<void> {
      const now = clock();
      const principal = customerPrincipal(info.subjectId);
      await withPrincipal(database.db, principal, async (trx) => {
        const account = await trx.selectFrom('portal_accounts').selectAll().where('id', '=', info.accountId).executeTakeFirstOrThrow();
        const secret =
          account.totp_secret && account.totp_enabled_at === null ? secrets.open(account.totp_secret, totpContext(account.id)) : null;
        if (secret === null) throw new InvalidPortalField('code', 'start setting up an authenticator first');
        if (typeof code !== 'string' || !verifyTotp(secret, code, now))
          throw new InvalidPortalField('code', 'is not the code your authenticator shows now');
        await trx.updateTable('portal_accounts').set({ totp_enabled_at: now, updated_at: now }).where('id', '=', account.id).execute();
        await audit(trx, now, ctx, 'permission_change', account, 'ok', 'authenticator_added', principal);
      });
    },

    /** Removes the authenticator; asks for the password, so a session left open cannot. */
    async removeTotp(info: PortalSessionInfo, password: unknown, ctx: AuditContext): Promise<void> {
      const now = clock();
      const principal = customerPrincipal(info.subjectId);
      const account = await withPrincipal(database.db, principal, (trx) =>
        trx.selectFrom('portal_accounts').selectAll().where('id', '=', info.accountId).executeTakeFirstOrThrow(),
      );
      if (typeof password !== 'string' || !(await verifyPassword(account.password_hash, password)))
        throw new InvalidPortalField('password', 'is not your current password');
      await withPrincipal(database.db, principal, async (trx) => {
        await trx
          .updateTable('portal_accounts')
          .set({ totp_secret: null, totp_enabled_at: null, updated_at: now })
          .where('id', '=', account.id)
          .execute();
        await audit(trx, now, ctx, 'permission_change', account, 'ok', 'authenticator_removed', principal);
      });
    },

    /**
     * Binds the account to the customer record `customerSubjectId` once the person has proved
     * it is theirs (the caller checked the proof): the account moves to the customer's subject
     * (its address re-encrypted under the customer's key), its registration subject is erased
     * with its key, and every session of the account ends, since each was bound to the old
     * subject. The browser that linked gets a new session, bound to the customer.
     */
    async linkAccount(
      info: PortalSessionInfo,
      customerSubjectId: string,
      method: PortalLinkMethod,
      ctx: AuditContext,
      userAgent?: string,
    ): Promise<IssuedPortalSession> {
      const now = clock();
      return asJob(async (trx) => {
        const account = await trx
          .selectFrom('portal_accounts')
          .selectAll()
          .where('id', '=', info.accountId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (account.linked_at !== null || account.subject_id !== info.subjectId)
          throw new PortalAlreadyLinked('this account is already linked');
        const taken = await trx.selectFrom('portal_accounts').select('id').where('subject_id', '=', customerSubjectId).executeTakeFirst();
        if (taken) throw new PortalAlreadyLinked('that customer record already has a portal account');
        const email = await emailOf(trx, account);
        await trx
          .updateTable('portal_accounts')
          .set({
            subject_id: customerSubjectId,
            email_ct: await vault.encryptFor(trx, customerSubjectId, emailLocation(account.id), email),
            linked_at: now,
            link_method: method,
            link_failures: 0,
            link_locked_until: null,
            updated_at: now,
            dispose_after: null,
          })
          .where('id', '=', account.id)
          .execute();
        await trx.deleteFrom('portal_sessions').where('account_id', '=', account.id).execute();
        await trx.deleteFrom('portal_codes').where('account_id', '=', account.id).execute();
        // Nothing else was ever stored under the registration subject: erasing it destroys its key.
        await trx.deleteFrom('data_subjects').where('id', '=', account.subject_id).execute();
        await appendAudit(trx, {
          at: now,
          actor: signInJob,
          action: 'update',
          recordType,
          recordId: account.id,
          subjects: [customerSubjectId, account.subject_id],
          ...ctx,
          outcome: 'ok',
          detail: { step: 'linked', method },
        });
        return createPortalSession(trx, { id: account.id, subject_id: customerSubjectId }, true, clientLabelOf(userAgent), now);
      });
    },

    /**
     * Counts a failed proof of identity; after `linkAttempts` the account may not try again
     * for a day. Returns whether it may still try.
     */
    async linkFailed(info: PortalSessionInfo, ctx: AuditContext, method: PortalLinkMethod): Promise<boolean> {
      const now = clock();
      return asJob(async (trx) => {
        const account = await trx
          .selectFrom('portal_accounts')
          .selectAll()
          .where('id', '=', info.accountId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const failures = account.link_failures + 1;
        const locked = failures >= linkAttempts;
        await trx
          .updateTable('portal_accounts')
          .set({
            link_failures: locked ? 0 : failures,
            link_locked_until: locked ? new Date(now.getTime() + linkLockMs) : account.link_locked_until,
            updated_at: now,
          })
          .where('id', '=', account.id)
          .execute();
        await audit(trx, now, ctx, 'update', account, 'denied', `link_${method}`);
        return !locked;
      });
    },

    /** Whether the account may try to prove its identity now (not locked after too many failures). */
    async mayTryLink(info: PortalSessionInfo): Promise<boolean> {
      const now = clock();
      const account = await asJob((trx) =>
        trx
          .selectFrom('portal_accounts')
          .select(['link_locked_until', 'linked_at'])
          .where('id', '=', info.accountId)
          .executeTakeFirstOrThrow(),
      );
      return account.linked_at === null && (account.link_locked_until === null || account.link_locked_until <= now);
    },

    /** A link code for the customer record `linkSubject`, to be sent by the caller to contact details on that record. */
    async issueLinkCode(info: PortalSessionInfo, linkSubject: string, channel: PortalCodeChannel): Promise<string> {
      const now = clock();
      return asJob((trx) =>
        issueCode(trx, { id: info.accountId, subject_id: info.subjectId }, 'link', now, { subject: linkSubject, channel }),
      );
    },

    /** The customer record a link code proves, and how it was sent, if the code is right; counts a wrong one. */
    async redeemLinkCode(info: PortalSessionInfo, code: unknown): Promise<{ subjectId: string; channel: PortalCodeChannel } | null> {
      const now = clock();
      const spent = await asJob((trx) => redeemCode(trx, info.accountId, 'link', code, now));
      return spent ? { subjectId: spent.link_subject!, channel: spent.channel } : null;
    },

    /**
     * The print room's queue: link letters not yet printed, oldest first, with their codes. A
     * code whose record's key is gone (the customer was disposed of) has nowhere to go: dropped.
     */
    async lettersToPrint(trx: Tx, limit: number): Promise<LetterToPrint[]> {
      const now = clock();
      const rows = await trx
        .selectFrom('portal_codes')
        .select(['id', 'link_subject', 'letter_ct', 'created_at', 'expires_at'])
        .where('letter_ct', 'is not', null)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .orderBy('created_at')
        .limit(limit)
        .execute();
      const letters: LetterToPrint[] = [];
      for (const row of rows) {
        try {
          const code = await vault.decryptFor(trx, row.link_subject!, letterLocation(row.id), row.letter_ct!);
          letters.push({
            id: row.id,
            subjectId: row.link_subject!,
            code: code.toString('utf8'),
            createdAt: row.created_at,
            expiresAt: row.expires_at,
          });
        } catch (error) {
          if (!(error instanceof SubjectShreddedError)) throw error;
          await trx.deleteFrom('portal_codes').where('id', '=', row.id).execute();
        }
      }
      return letters;
    },

    /** The print room confirms letters printed: their codes are wiped, only the digests stay. Answers how many were still waiting. */
    async lettersPrinted(trx: Tx, ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const done = await trx
        .updateTable('portal_codes')
        .set({ letter_ct: null, printed_at: clock() })
        .where('id', 'in', ids)
        .where('letter_ct', 'is not', null)
        .executeTakeFirst();
      return Number(done.numUpdatedRows);
    },

    /** The account's own page: its address and settings; in the caller's unit of work as the account's customer. */
    async account(trx: Tx, info: PortalSessionInfo) {
      const account = await trx.selectFrom('portal_accounts').selectAll().where('id', '=', info.accountId).executeTakeFirstOrThrow();
      return carrying(account.subject_id, {
        email: await emailOf(trx, account),
        subjectId: account.subject_id,
        authenticator: account.totp_enabled_at !== null,
        linked: account.linked_at !== null,
        linkMethod: account.link_method,
        createdAt: account.created_at,
      });
    },
  };
}

export type PortalAuth = ReturnType<typeof createPortalAuth>;
