import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { flowLifetimeMs, SingleSignOnRefused, SingleSignOnUnavailable, type OidcSignIn } from '../../access/index.ts';
import { auditContext, setSessionCookie } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

/** The flow's state, nonce and PKCE verifier between /start and /callback: signed (sealed), 10 minutes, this prefix only. */
export const flowCookie = 'caseline_oidc_flow';
const flowPath = '/api/auth/oidc';
/** Where the browser lands when single sign-on fails; the console says so without details (they are in the audit log). */
export const signInFailedPath = '/sign-in?error=sso';

function flowCookieOptions(request: FastifyRequest) {
  return {
    path: flowPath,
    httpOnly: true,
    // Lax, not Strict: the provider's redirect back is a cross-site navigation and must carry it.
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

function readFlow(request: FastifyRequest): string | null {
  const raw = request.cookies[flowCookie];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid ? unsigned.value : null;
}

/** The query string exactly as the provider sent it (openid-client reads code, state, iss and error from it). */
function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf('?');
  return at < 0 ? '' : request.url.slice(at + 1);
}

function notConfigured(): ProblemError {
  return new ProblemError(
    404,
    problemTypes.notFound,
    'Single sign-on is off',
    'Single sign-on is not configured on this server (CASELINE_OIDC_ISSUER, CASELINE_OIDC_CLIENT_ID).',
  );
}

const Redirect = Type.Null({ description: 'A redirect; the Location header says where.' });

export const oidcRoutes: FastifyPluginAsync<{ oidc: OidcSignIn | null; label: string; signInRateLimit: number }> = async (
  base,
  { oidc, label, signInRateLimit },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const signInLimit = { max: signInRateLimit, timeWindow: '1 minute' };
  const tags = ['sign-in'];

  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: string) => {
    // A reason code only: never a claim, a name or an address.
    request.log.warn({ reason }, 'single sign-on refused');
    return reply.redirect(signInFailedPath, 302);
  };

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Whether single sign-on is offered, and the text of its button',
        response: { 200: Type.Object({ enabled: Type.Boolean(), label: Type.String() }) },
      },
      config: { auth: 'public' },
    },
    async () => ({ enabled: oidc !== null, label: oidc?.label ?? label }),
  );

  app.get(
    '/start',
    {
      schema: {
        tags,
        summary: 'Start single sign-on',
        description:
          'Navigate the browser here (not fetch): redirects to the OpenID provider with an authorization code request (PKCE S256, state, nonce) ' +
          'and keeps the flow in a signed, httpOnly, SameSite=Lax cookie for 10 minutes. When the provider cannot be reached, redirects to /sign-in?error=sso.',
        response: { 302: Redirect, ...problemResponses },
      },
      config: { auth: 'public', rateLimit: signInLimit, purpose: 'staff sign-in' },
    },
    async (request, reply) => {
      if (!oidc) throw notConfigured();
      try {
        const started = await oidc.begin();
        reply.setCookie(flowCookie, started.flow, { ...flowCookieOptions(request), maxAge: flowLifetimeMs / 1000, signed: true });
        return reply.redirect(started.authorizationUrl, 302);
      } catch (error) {
        if (error instanceof SingleSignOnUnavailable) return refuse(request, reply, 'unavailable');
        throw error;
      }
    },
  );

  app.get(
    '/callback',
    {
      schema: {
        tags,
        summary: 'The OpenID provider’s redirect back',
        description:
          'Exchanges the code (checking state, nonce and PKCE), maps the claims to roles, creates the account at the first sign-in, ' +
          'sets the session cookie and redirects to / (the session then has its usual stage: see GET /api/auth/session). ' +
          'Any refusal redirects to /sign-in?error=sso and is audited as login_failed with a reason code.',
        querystring: Type.Object({
          code: Type.Optional(Type.String({ maxLength: 4096 })),
          state: Type.Optional(Type.String({ maxLength: 1024 })),
          iss: Type.Optional(Type.String({ maxLength: 2048 })),
          error: Type.Optional(Type.String({ maxLength: 256 })),
          error_description: Type.Optional(Type.String({ maxLength: 2048 })),
        }),
        response: { 302: Redirect, ...problemResponses },
      },
      config: { auth: 'public', rateLimit: signInLimit, purpose: 'staff sign-in' },
    },
    async (request, reply) => {
      if (!oidc) throw notConfigured();
      const flow = readFlow(request);
      // Single use: whatever happens next, this flow is over.
      reply.clearCookie(flowCookie, flowCookieOptions(request));
      try {
        const session = await oidc.complete({ callbackQuery: rawQuery(request), flow, ctx: auditContext(request) });
        setSessionCookie(reply, request, session.token, session.expiresAt);
        return reply.redirect('/', 302);
      } catch (error) {
        if (error instanceof SingleSignOnRefused) return refuse(request, reply, error.reason);
        if (error instanceof SingleSignOnUnavailable) return refuse(request, reply, 'unavailable');
        throw error;
      }
    },
  );
};
