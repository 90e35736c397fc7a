import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import { withPrincipal, type Tables, type Tx } from '../../db/index.ts';
import type { AuditContext } from '../audit-context.ts';
import type { AuditAction, AuditDetail, AuditOutcome } from '../audit/index.ts';
import { auditStaffEvent } from '../staff/audit-staff-event.ts';
import { systemPrincipal } from '../principals.ts';
import type { StaffRole } from '../roles.ts';
import { createSession, deleteUserSessions } from '../staff/sessions.ts';
import { stageOf, type IssuedSession } from '../staff/staff-auth.ts';
import { recordSuccessfulLogin } from '../staff/staff-user-repository.ts';
import { toStaffUser } from '../staff/staff-user.ts';
import {
  claimValues,
  displayNameOf,
  hasClaim,
  mapRoles,
  providerPassedMfa,
  usernameBase,
  usernameCandidates,
  type Claims,
} from './oidc-claims.ts';
import { findStaffUserByOidcIdentity, insertOidcStaffUser, knownBusinessAreas, setStaffUserGrants } from './oidc-identity-repository.ts';
import type { OidcSettings } from './oidc-settings.ts';

/** What is asked of the provider: the person's id, name and e-mail (whose local part may become the username). */
export const oidcScope = 'openid profile email';
/** How long a started sign-in may take at the provider before its flow state is refused. */
export const flowLifetimeMs = 10 * 60 * 1000;

/**
 * Why a single sign-on was refused; written to the audit log (login_failed) and the server
 * log, never shown in more detail to the browser than "single sign-on failed".
 */
export type OidcRefusal =
  /** The flow state (cookie) is missing, unreadable or older than 10 minutes. */
  | 'no_flow'
  /** The state the provider sent back is not the one this browser's flow started with. */
  | 'state_mismatch'
  /** The provider answered with an OAuth error (the user cancelled, the client is not allowed, …). */
  | 'provider_error'
  /** The code exchange or the ID token failed a check: PKCE, nonce, issuer, audience, signature, expiry. */
  | 'token_rejected'
  | 'userinfo_failed'
  /** None of the user's groups maps to a staff role. */
  | 'no_role'
  | 'disabled'
  /** Every candidate username was taken (practically unreachable: the last one is random). */
  | 'no_username';

export class SingleSignOnRefused extends Error {
  readonly reason: OidcRefusal;
  constructor(reason: OidcRefusal) {
    super(`single sign-on refused: ${reason}`);
    this.name = 'SingleSignOnRefused';
    this.reason = reason;
  }
}

/** The provider cannot be reached or its discovery document is not usable. */
export class SingleSignOnUnavailable extends Error {
  constructor() {
    super('the OpenID provider is unavailable');
    this.name = 'SingleSignOnUnavailable';
  }
}

export interface StartedSignIn {
  /** The provider's authorization endpoint with this flow's parameters: send the browser there. */
  readonly authorizationUrl: string;
  /** The flow's secrets (state, nonce, PKCE verifier): keep them tamper-proof and private until the callback. */
  readonly flow: string;
  readonly expiresAt: Date;
}

export interface OidcSignInDeps {
  readonly db: Kysely<Tables>;
  readonly clock: () => Date;
  readonly settings: OidcSettings;
}

interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly expiresAt: number;
}

function parseFlow(flow: string | null, now: Date): Flow | null {
  if (!flow) return null;
  try {
    const value = JSON.parse(flow) as Partial<Flow>;
    const ok =
      typeof value.state === 'string' &&
      typeof value.nonce === 'string' &&
      typeof value.verifier === 'string' &&
      typeof value.expiresAt === 'number' &&
      value.expiresAt > now.getTime();
    return ok ? (value as Flow) : null;
  } catch {
    return null;
  }
}

function sameText(a: string | null, b: string): boolean {
  if (a === null) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** OAuth error codes are a small fixed vocabulary; anything else from the query is recorded as 'other'. */
function errorCode(value: string): string {
  return /^[a-z_]{1,40}$/.test(value) ? value : 'other';
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

interface Grants {
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
}

class Refusal extends Error {
  readonly reason: OidcRefusal;
  readonly detail: AuditDetail;
  constructor(reason: OidcRefusal, detail: AuditDetail = {}) {
    super(reason);
    this.reason = reason;
    this.detail = detail;
  }
}

/**
 * Single sign-on by OpenID Connect: the authorization code flow with PKCE (S256), state
 * and nonce, through openid-client. The provider is the source of truth for an SSO
 * account: it is found by (issuer, subject), created at the first sign-in, and its roles
 * (and business areas, when an area claim is configured) are set from the claims at every
 * sign-in. The session it gets is an ordinary staff session with the ordinary stages.
 */
export function createOidcSignIn(deps: OidcSignInDeps) {
  const { settings } = deps;
  const loginPrincipal = systemPrincipal('login');
  let discovered: Promise<client.Configuration> | null = null;

  /** Discovery once, cached; a failure is not cached, so the next sign-in tries again. */
  function configuration(): Promise<client.Configuration> {
    discovered ??= (async () => {
      const issuer = new URL(settings.issuer);
      const auth = settings.clientSecret === null ? client.None() : client.ClientSecretBasic(settings.clientSecret);
      // Plain http is accepted by config only for a provider on this machine (loopback).
      const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
      return client.discovery(issuer, settings.clientId, undefined, auth, { execute, timeout: 10 });
    })().catch(() => {
      discovered = null;
      throw new SingleSignOnUnavailable();
    });
    return discovered;
  }

  function audit(
    trx: Tx,
    ctx: AuditContext,
    action: AuditAction,
    userId: string | null,
    outcome: AuditOutcome,
    detail: AuditDetail,
  ): Promise<void> {
    return auditStaffEvent(trx, { at: deps.clock(), actor: loginPrincipal, ctx, action, userId, outcome, detail });
  }

  async function begin(): Promise<StartedSignIn> {
    const config = await configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      response_type: 'code',
      redirect_uri: settings.redirectUri,
      scope: oidcScope,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const expiresAt = new Date(deps.clock().getTime() + flowLifetimeMs);
    return { authorizationUrl: url.href, flow: JSON.stringify({ state, nonce, verifier, expiresAt: expiresAt.getTime() }), expiresAt };
  }

  /** The claims the account is built from: the ID token's, completed from userinfo when it lacks what is needed. */
  async function claimsOf(config: client.Configuration, accessToken: string, idToken: Claims & { sub: string }): Promise<Claims> {
    const lacking =
      !hasClaim(idToken, settings.roleClaim) ||
      (settings.areaClaim !== null && !hasClaim(idToken, settings.areaClaim)) ||
      !['preferred_username', 'email', 'name'].some((name) => hasClaim(idToken, name));
    if (!lacking || !config.serverMetadata().userinfo_endpoint) return idToken;
    try {
      const userinfo = await client.fetchUserInfo(config, accessToken, idToken.sub);
      // The ID token wins where both speak: it is signed and describes this very authentication.
      return { ...userinfo, ...idToken };
    } catch {
      throw new Refusal('userinfo_failed');
    }
  }

  async function exchange(callbackQuery: string, flowText: string | null, now: Date) {
    const flow = parseFlow(flowText, now);
    if (!flow) throw new Refusal('no_flow');
    const params = new URLSearchParams(callbackQuery);
    const error = params.get('error');
    if (error !== null) throw new Refusal('provider_error', { provider_error: errorCode(error) });
    if (!sameText(params.get('state'), flow.state)) throw new Refusal('state_mismatch');
    const config = await configuration();
    const currentUrl = new URL(settings.redirectUri);
    currentUrl.search = params.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, currentUrl, {
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        pkceCodeVerifier: flow.verifier,
        idTokenExpected: true,
      });
    } catch {
      throw new Refusal('token_rejected');
    }
    const idToken = tokens.claims();
    if (!idToken) throw new Refusal('token_rejected');
    return { idToken, claims: await claimsOf(config, tokens.access_token, idToken) };
  }

  async function provision(trx: Tx, issuer: string, subject: string, claims: Claims, grants: Grants, now: Date) {
    const base = usernameBase(claims);
    for (const username of usernameCandidates(base, () => randomBytes(3).toString('hex'))) {
      const id = randomUUID();
      const displayName = displayNameOf(claims, username);
      if (await insertOidcStaffUser(trx, { id, username, displayName, issuer, subject, ...grants, now })) {
        return { id, created: true };
      }
      // A concurrent first sign-in of the same person may have won: theirs is the account.
      const raced = await findStaffUserByOidcIdentity(trx, issuer, subject);
      if (raced) return { id: raced.id, created: false };
    }
    throw new Refusal('no_username');
  }

  /** Finds or creates the account, brings its grants in line with the claims, and opens a session — one transaction. */
  async function signIn(idToken: Claims & { iss: string; sub: string }, claims: Claims, ctx: AuditContext, now: Date) {
    const roles = mapRoles(claimValues(claims, settings.roleClaim), settings.roleMap);
    const mfaPassed = providerPassedMfa(idToken);
    return withPrincipal(deps.db, loginPrincipal, async (trx): Promise<IssuedSession | Refusal> => {
      const existing = await findStaffUserByOidcIdentity(trx, idToken.iss, idToken.sub);
      const businessAreas =
        settings.areaClaim === null
          ? (existing?.business_areas ?? [])
          : await knownBusinessAreas(trx, claimValues(claims, settings.areaClaim));
      const grants: Grants = { roles, businessAreas };
      if (existing?.disabled_at != null) {
        await audit(trx, ctx, 'login_failed', existing.id, 'denied', { method: 'oidc', reason: 'disabled' });
        return new Refusal('disabled');
      }
      let userId: string;
      if (!existing) {
        if (roles.length === 0) {
          await audit(trx, ctx, 'login_failed', null, 'denied', { method: 'oidc', reason: 'no_role' });
          return new Refusal('no_role');
        }
        const made = await provision(trx, idToken.iss, idToken.sub, claims, grants, now);
        userId = made.id;
        if (made.created) {
          await audit(trx, ctx, 'permission_change', userId, 'ok', {
            change: 'user_created',
            method: 'oidc',
            roles: roles.join(','),
            areas: businessAreas.join(','),
          });
        }
      } else {
        userId = existing.id;
        if (!sameSet(existing.roles, roles) || !sameSet(existing.business_areas, businessAreas)) {
          // The provider changed the person's groups: sessions holding the old grants end, as when an administrator changes them.
          await setStaffUserGrants(trx, userId, grants, now);
          await deleteUserSessions(trx, userId);
          await audit(trx, ctx, 'permission_change', userId, 'ok', {
            change: 'user_updated',
            method: 'oidc',
            roles: roles.join(','),
            areas: businessAreas.join(','),
          });
        }
        if (roles.length === 0) {
          await audit(trx, ctx, 'login_failed', userId, 'denied', { method: 'oidc', reason: 'no_role' });
          return new Refusal('no_role');
        }
      }
      const row = await findStaffUserByOidcIdentity(trx, idToken.iss, idToken.sub);
      const user = toStaffUser(row!);
      await recordSuccessfulLogin(trx, user.id);
      const stage = stageOf(user, { mfa_passed: mfaPassed });
      const session = await createSession(trx, user.id, mfaPassed, stage === 'full', now);
      await audit(trx, ctx, 'login', user.id, 'ok', { method: 'oidc', stage, provider_mfa: mfaPassed });
      return { ...session, stage };
    });
  }

  /**
   * The provider's redirect back: checks the flow state, exchanges the code (PKCE, nonce,
   * ID token checks by openid-client), maps the claims and signs the user in. Every refusal
   * is audited as login_failed with its reason and thrown as SingleSignOnRefused.
   */
  async function complete(input: { callbackQuery: string; flow: string | null; ctx: AuditContext }): Promise<IssuedSession> {
    const now = deps.clock();
    try {
      const { idToken, claims } = await exchange(input.callbackQuery, input.flow, now);
      const result = await signIn(idToken, claims, input.ctx, now);
      // Refused inside the transaction: already audited there, together with any change of grants.
      if (result instanceof Refusal) throw new SingleSignOnRefused(result.reason);
      return result;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      await withPrincipal(deps.db, loginPrincipal, (trx) =>
        audit(trx, input.ctx, 'login_failed', null, 'denied', { method: 'oidc', reason: error.reason, ...error.detail }),
      );
      throw new SingleSignOnRefused(error.reason);
    }
  }

  return { label: settings.label, begin, complete };
}

export type OidcSignIn = ReturnType<typeof createOidcSignIn>;
