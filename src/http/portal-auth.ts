import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  appendAudit,
  appendAuditUnwaited,
  customerPrincipal,
  foreignSubjects,
  subjectsCarried,
  systemPrincipal,
  type PortalAuth,
  type PortalSessionInfo,
} from '../access/index.ts';
import type { CustomerPrincipal, Database, Tx } from '../db/index.ts';
import { withPrincipal } from '../db/index.ts';
import { auditContext } from './auth.ts';
import { problemTypes, ProblemError } from './problem.ts';

/**
 * Who may call a portal route: 'public' anyone (registration, sign-in); 'account' a signed-in
 * account, linked to its customer record or not (the account's own pages, linking); 'customer'
 * (the default) an account linked to its customer record.
 */
export type PortalRouteAuth = 'public' | 'account' | 'customer';

declare module 'fastify' {
  interface FastifyContextConfig {
    portal?: PortalRouteAuth;
    /** 'none': the route's answers carry no one's records (a sign-in result), so they need not pass the egress guard. */
    egress?: 'none';
  }
  interface FastifyRequest {
    portal: PortalSessionInfo | null;
    portalToken: string | null;
    /** Set by portalUnit once the response body has passed the egress guard. */
    egressChecked: boolean;
  }
}

export const portalCookie = 'caseline_portal';
export const portalCookiePath = '/portal';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function setPortalCookie(reply: FastifyReply, request: FastifyRequest, token: string, expiresAt: Date): void {
  reply.setCookie(portalCookie, token, {
    path: portalCookiePath,
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires: expiresAt,
  });
}

export function clearPortalCookie(reply: FastifyReply, request: FastifyRequest): void {
  reply.clearCookie(portalCookie, { path: portalCookiePath, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}

export function requirePortalSession(request: FastifyRequest): PortalSessionInfo {
  if (!request.portal) throw new ProblemError(401, problemTypes.unauthenticated, 'Sign-in required', 'Sign in to the portal first.');
  return request.portal;
}

/**
 * The portal's credential check, for the routes of the plugin it is installed in: the
 * session comes from the cookie alone; no portal route takes a customer id from the request.
 * Every portal answer is personal, so none may be stored by a shared cache.
 */
export function installPortalAuth(app: FastifyInstance, portalAuth: PortalAuth): void {
  app.decorateRequest('portal', null);
  app.decorateRequest('portalToken', null);
  app.decorateRequest('egressChecked', false);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('vary', 'Cookie');
    // An unknown path is answered as not found, whoever asks.
    if (request.is404) return;
    const level: PortalRouteAuth = request.routeOptions.config.portal ?? 'customer';
    const token = request.cookies[portalCookie];
    if (token) {
      const session = await portalAuth.resolve(token);
      if (session) {
        request.portal = session;
        request.portalToken = token;
        if (unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken)
          throw new ProblemError(
            403,
            problemTypes.csrf,
            'Missing CSRF token',
            'Send the csrfToken from sign-in as the X-CSRF-Token header.',
          );
      }
    }
    if (level === 'public') return;
    const session = requirePortalSession(request);
    if (session.stage !== 'full')
      throw new ProblemError(403, problemTypes.stage, 'Sign-in not finished', 'Enter your authenticator code first.');
    if (level === 'customer' && !session.linked)
      throw new ProblemError(
        403,
        problemTypes.stage,
        'Account not linked',
        'Link your account to your customer record first: prove who you are with a code sent to contact details we hold.',
      );
  });
}

export interface PortalUnitDeps {
  readonly database: Database;
  readonly clock: () => Date;
  /** Raises the alarm when the guard withholds a response; ids only, never personal data. */
  readonly alert: (event: { readonly requestId: string; readonly route: string; readonly foreign: number }) => void;
}

/** The answer when the egress guard withheld a response: nothing of it leaves, not even which records. */
export class ResponseWithheld extends ProblemError {
  constructor() {
    super(500, problemTypes.internal, 'Response withheld', 'The response was withheld by a safety check; the incident was recorded.');
  }
}

const guardJob = systemPrincipal('portal-egress-guard');

/** A portal route's unit of work, run by createPortalUnit: as the session's customer, its answer checked and audited. */
export type PortalUnit = <T extends object | object[]>(
  request: FastifyRequest,
  work: (trx: Tx, principal: CustomerPrincipal) => Promise<T>,
) => Promise<T>;

export function createPortalUnit(deps: PortalUnitDeps): PortalUnit {
  return (request, work) => portalUnit(deps, request, work);
}

/**
 * Runs a portal route's unit of work as the session's customer and checks what it returns
 * before it can leave: every record in the body is marked with the subject it was read for
 * (access/egress.ts), and a body carrying any subject but the session's own is withheld —
 * the transaction rolls back, the event is logged as a security incident in the audit log
 * and an alert is raised. A body that passes is recorded in the audit log (which subjects'
 * data went to which session) in the same transaction, sent with its commit: no extra
 * round trip, and no response leaves without its entry.
 */
export async function portalUnit<T extends object | object[]>(
  deps: PortalUnitDeps,
  request: FastifyRequest,
  work: (trx: Tx, principal: CustomerPrincipal) => Promise<T>,
): Promise<T> {
  const session = requirePortalSession(request);
  const principal = customerPrincipal(session.subjectId);
  const route = `${request.method} ${request.routeOptions.url ?? ''}`;
  const ctx = auditContext(request);
  let foreign: string[] = [];
  try {
    const body = await withPrincipal(deps.database.db, principal, async (trx) => {
      const result = await work(trx, principal);
      const carried = subjectsCarried(result);
      foreign = foreignSubjects(principal, carried);
      if (foreign.length > 0) throw new ResponseWithheld();
      // Sent with the COMMIT, which fails (and the response with it) if the entry did.
      await appendAuditUnwaited(trx, {
        at: deps.clock(),
        actor: principal,
        action: 'portal.response',
        subjects: [...carried],
        ...ctx,
        outcome: 'ok',
        detail: { session: session.sessionId, route, status: 200 },
      });
      return result;
    });
    request.egressChecked = true;
    return body;
  } catch (error) {
    if (!(error instanceof ResponseWithheld)) throw error;
    const leaked = foreign;
    await withPrincipal(deps.database.db, guardJob, (trx) =>
      appendAudit(trx, {
        at: deps.clock(),
        actor: guardJob,
        action: 'portal.egress_blocked',
        subjects: leaked,
        ...ctx,
        outcome: 'denied',
        detail: { session: session.sessionId, route, customer: session.subjectId },
      }),
    );
    deps.alert({ requestId: request.id, route, foreign: leaked.length });
    throw error;
  }
}
