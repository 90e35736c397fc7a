import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiToken, type AuditContext, type SessionInfo, type SessionStage, type StaffAuth } from '../access/index.ts';
import type { Principal, Tables } from '../db/index.ts';
import type { Kysely } from 'kysely';
import { problemTypes, ProblemError } from './problem.ts';

/**
 * Who may call a route: 'public' anyone; 'signing-in' a session in any stage (the
 * sign-in steps themselves); 'staff' (the default) a fully signed-in session or an API token.
 */
export type RouteAuth = 'public' | 'signing-in' | 'staff';

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Recorded in the audit log for every personal-data access the route makes. */
    purpose?: string;
  }
  interface FastifyRequest {
    principal: Principal | null;
    session: SessionInfo | null;
    sessionToken: string | null;
  }
}

export const sessionCookie = 'caseline_session';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new ProblemError(
      401,
      problemTypes.unauthenticated,
      'Sign-in required',
      'Sign in, or send an API token as Authorization: Bearer.',
    );
  return request.principal;
}

export function requireSessionToken(request: FastifyRequest): string {
  if (!request.sessionToken)
    throw new ProblemError(
      401,
      problemTypes.unauthenticated,
      'Sign-in required',
      'This step needs the session cookie from POST /api/auth/login.',
    );
  return request.sessionToken;
}

export function auditContext(request: FastifyRequest, purpose?: string): AuditContext {
  return {
    requestId: request.id,
    clientAddr: request.ip,
    purpose: purpose ?? request.routeOptions.config.purpose ?? `${request.method} ${request.routeOptions.url ?? ''}`,
  };
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(sessionCookie, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}

const stageHint: Record<Exclude<SessionStage, 'full'>, string> = {
  mfa: 'Enter your authenticator code at POST /api/auth/mfa first.',
  password_change: 'Change your one-time password at POST /api/auth/password first.',
  mfa_enrolment: 'Your role reads sensitive fields: enrol an authenticator at POST /api/auth/totp/enrol first.',
};

/** Resolves the caller on every request and enforces the route's `auth` level and CSRF. */
export function installAuth(
  app: FastifyInstance,
  deps: { staffAuth: StaffAuth; db: Kysely<Tables>; statements: Kysely<Tables>; clock: () => Date },
): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    const level: RouteAuth = request.routeOptions.config.auth ?? (request.url.startsWith('/api/') ? 'staff' : 'public');
    // Public routes (the console's files, health checks, sign-in itself) never read the caller:
    // no session or token lookup, no database round trip, for every asset a browser fetches.
    if (level === 'public') return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      const principal = await resolveApiToken(deps.db, authorization.slice(7).trim(), deps.clock(), deps.statements);
      if (!principal)
        throw new ProblemError(401, problemTypes.unauthenticated, 'Invalid token', 'The API token is unknown, expired or revoked.');
      request.principal = principal;
      return;
    }
    const token = request.cookies[sessionCookie];
    if (token) {
      const session = await deps.staffAuth.resolveSession(token);
      if (session) {
        request.session = session;
        request.sessionToken = token;
        if (unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
          throw new ProblemError(
            403,
            problemTypes.csrf,
            'Missing CSRF token',
            'Send the csrfToken from sign-in as the X-CSRF-Token header.',
          );
        }
        if (session.stage === 'full') request.principal = session.principal;
      }
    }
    if (level === 'signing-in') {
      if (!request.session)
        throw new ProblemError(401, problemTypes.unauthenticated, 'Sign-in required', 'Sign in at POST /api/auth/login.');
      return;
    }
    if (request.session && request.session.stage !== 'full') {
      throw new ProblemError(403, problemTypes.stage, 'Sign-in not finished', stageHint[request.session.stage]);
    }
    requirePrincipal(request);
  });
}
