import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  carrying,
  carryOver,
  InvalidPortalField,
  passwordRules,
  PortalCodeRejected,
  PortalMailFailed,
  PortalMailUnavailable,
  PortalSignInFailed,
  portalIdleMs,
  type PortalAuth,
} from '../../access/index.ts';
import { auditContext } from '../auth.ts';
import { clearPortalCookie, requirePortalSession, setPortalCookie, type PortalUnit } from '../portal-auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';

const Email = Type.String({ maxLength: 254, description: 'The e-mail address the account signs in with' });
const Password = Type.String({ maxLength: passwordRules.maxLength * 4, description: `At least ${passwordRules.minLength} characters` });
const SixDigits = Type.String({ maxLength: 12, description: 'The 6-digit code' });
const Stage = Type.Union([Type.Literal('mfa'), Type.Literal('full')], {
  description: 'full: signed in; mfa: enter the authenticator code at POST /portal/api/auth/mfa',
});
const SignedIn = Type.Object({ stage: Stage, csrfToken: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
const Sent = Type.Object({ message: Type.String() });
const SessionView = Type.Object({
  agency: Type.String({ description: 'the agency the portal serves, for its header' }),
  signedIn: Type.Boolean(),
  stage: Type.Optional(Stage),
  linked: Type.Optional(Type.Boolean()),
  csrfToken: Type.Optional(Type.String()),
  idleMinutes: Type.Integer(),
});
const Account = Type.Object({
  email: Type.String(),
  authenticator: Type.Boolean(),
  linked: Type.Boolean(),
  linkMethod: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
const SessionSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  client: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean(),
});
const strict = { additionalProperties: false } as const;
const mailProblems = {
  ...problemResponses,
  503: problemResponses[400],
};

/** The same words whatever happened: whether an address has an account is not the portal's to tell. */
const sentMessage = 'If that address can be used, we have sent a message to it. Check your inbox (and spam folder).';

export function portalFailure(error: unknown): never {
  if (error instanceof InvalidPortalField) throw fieldProblem(`/body/${error.field}`, error.message);
  if (error instanceof PortalSignInFailed) throw new ProblemError(401, problemTypes.unauthenticated, 'Sign-in failed', error.message);
  if (error instanceof PortalCodeRejected)
    throw new ProblemError(401, problemTypes.unauthenticated, 'Code not accepted', error.message, [
      { field: '/body/code', message: error.message },
    ]);
  if (error instanceof PortalMailUnavailable) throw new ProblemError(503, problemTypes.unavailable, 'E-mail not set up', error.message);
  if (error instanceof PortalMailFailed)
    throw new ProblemError(503, problemTypes.unavailable, 'E-mail not sent', `${error.message}; try again in a few minutes`);
  throw error;
}

/**
 * The portal account: registration with e-mail verification, sign-in with an optional
 * authenticator, password reset, sign-out, the account's sessions (sign out everywhere).
 */
export const portalAccountRoutes: FastifyPluginAsync<{
  portalAuth: PortalAuth;
  unit: PortalUnit;
  signInRateLimit: number;
  agency: string;
}> = async (base, { portalAuth, unit, signInRateLimit, agency }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const limited = { max: signInRateLimit, timeWindow: '1 minute' };
  const tags = ['portal'];

  app.post(
    '/auth/register',
    {
      schema: {
        tags,
        summary: 'Create an account; a verification code is e-mailed',
        body: Type.Object({ email: Email, password: Password }, strict),
        response: { 202: Sent, ...mailProblems },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal registration' },
    },
    async (request, reply) => {
      await portalAuth.register(request.body, auditContext(request)).catch(portalFailure);
      return reply.status(202).send({ message: sentMessage });
    },
  );

  app.post(
    '/auth/verify',
    {
      schema: {
        tags,
        summary: 'Prove the address with the e-mailed code; signs in',
        body: Type.Object({ email: Email, code: SixDigits }, strict),
        response: { 200: SignedIn, ...problemResponses },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal registration' },
    },
    async (request, reply) => {
      const issued = await portalAuth.verifyEmail(request.body, auditContext(request), request.headers['user-agent']).catch(portalFailure);
      setPortalCookie(reply, request, issued.token, issued.expiresAt);
      return { stage: 'full' as const, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/resend',
    {
      schema: {
        tags,
        summary: 'Send a new verification code',
        body: Type.Object({ email: Email }, strict),
        response: { 202: Sent, ...mailProblems },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal registration' },
    },
    async (request, reply) => {
      await portalAuth.resendVerification(request.body, auditContext(request)).catch(portalFailure);
      return reply.status(202).send({ message: sentMessage });
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags,
        summary: 'Sign in with e-mail address and password',
        body: Type.Object({ email: Email, password: Password }, strict),
        response: { 200: SignedIn, ...problemResponses },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal sign-in' },
    },
    async (request, reply) => {
      const issued = await portalAuth.signIn(request.body, auditContext(request), request.headers['user-agent']).catch(portalFailure);
      setPortalCookie(reply, request, issued.token, issued.expiresAt);
      return { stage: issued.stage, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/mfa',
    {
      schema: {
        tags,
        summary: 'The authenticator code, after the password',
        body: Type.Object({ code: SixDigits }, strict),
        response: { 200: SignedIn, ...problemResponses },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal sign-in' },
    },
    async (request, reply) => {
      const token = request.portalToken;
      if (!token) throw new ProblemError(401, problemTypes.unauthenticated, 'Sign-in required', 'Sign in with your password first.');
      const issued = await portalAuth.passMfa(token, request.body.code, auditContext(request)).catch(portalFailure);
      setPortalCookie(reply, request, issued.token, issued.expiresAt);
      return { stage: 'full' as const, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() };
    },
  );

  app.post(
    '/auth/reset',
    {
      schema: {
        tags,
        summary: 'E-mail a password reset code',
        body: Type.Object({ email: Email }, strict),
        response: { 202: Sent, ...mailProblems },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal password reset' },
    },
    async (request, reply) => {
      await portalAuth.requestPasswordReset(request.body, auditContext(request)).catch(portalFailure);
      return reply.status(202).send({ message: sentMessage });
    },
  );

  app.post(
    '/auth/reset/complete',
    {
      schema: {
        tags,
        summary: 'Choose a new password with the e-mailed code; every session ends',
        body: Type.Object({ email: Email, code: SixDigits, password: Password }, strict),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { portal: 'public', rateLimit: limited, purpose: 'portal password reset' },
    },
    async (request, reply) => {
      await portalAuth.resetPassword(request.body, auditContext(request)).catch(portalFailure);
      clearPortalCookie(reply, request);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags, summary: 'Sign out', response: { 204: Type.Null(), ...problemResponses } }, config: { portal: 'public' } },
    async (request, reply) => {
      if (request.portalToken) await portalAuth.signOut(request.portalToken, auditContext(request));
      clearPortalCookie(reply, request);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      schema: { tags, summary: 'Whether this browser is signed in, and at which step', response: { 200: SessionView } },
      config: { portal: 'public' },
    },
    async (request) => {
      const idleMinutes = portalIdleMs / 60_000;
      const session = request.portal;
      if (!session) return { agency, signedIn: false, idleMinutes };
      return { agency, signedIn: true, stage: session.stage, linked: session.linked, csrfToken: session.csrfToken, idleMinutes };
    },
  );

  app.get(
    '/account',
    {
      schema: { tags, summary: 'The signed-in account', response: { 200: Account, ...problemResponses } },
      config: { portal: 'account', purpose: 'portal account' },
    },
    async (request) => {
      const session = requirePortalSession(request);
      return unit(request, async (trx) => {
        const account = await portalAuth.account(trx, session);
        return carryOver(account, {
          email: account.email,
          authenticator: account.authenticator,
          linked: account.linked,
          linkMethod: account.linkMethod,
          createdAt: account.createdAt.toISOString(),
        });
      });
    },
  );

  app.get(
    '/account/sessions',
    {
      schema: { tags, summary: "The account's signed-in sessions", response: { 200: Type.Array(SessionSummary), ...problemResponses } },
      config: { portal: 'account', purpose: 'portal account' },
    },
    async (request) => {
      const session = requirePortalSession(request);
      return unit(request, async (trx) =>
        (await portalAuth.sessions(trx, session)).map((s) =>
          carryOver(s, {
            id: s.id,
            client: s.client,
            createdAt: s.createdAt.toISOString(),
            lastSeenAt: s.lastSeenAt.toISOString(),
            current: s.current,
          }),
        ),
      );
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/account/sessions/:id',
    {
      schema: {
        tags,
        summary: 'End one session of the account',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { portal: 'account' },
    },
    async (request, reply) => {
      const ended = await portalAuth.endSessions(requirePortalSession(request), { sessionId: request.params.id }, auditContext(request));
      if (!ended) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'Your account has no such session.');
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/sessions/end-all',
    {
      schema: { tags, summary: 'Sign out everywhere, this browser included', response: { 204: Type.Null(), ...problemResponses } },
      config: { portal: 'account' },
    },
    async (request, reply) => {
      await portalAuth.endSessions(requirePortalSession(request), 'all', auditContext(request));
      clearPortalCookie(reply, request);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/authenticator',
    {
      schema: {
        tags,
        summary: 'Start setting up an authenticator app',
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String() }), ...problemResponses },
      },
      config: { portal: 'account' },
    },
    async (request) => {
      const session = requirePortalSession(request);
      const enrolment = await portalAuth.enrolTotp(session).catch(portalFailure);
      return unit(request, async () => carrying(session.subjectId, enrolment));
    },
  );

  app.post(
    '/account/authenticator/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm the authenticator with its current code',
        body: Type.Object({ code: SixDigits }, strict),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { portal: 'account' },
    },
    async (request, reply) => {
      await portalAuth.confirmTotp(requirePortalSession(request), request.body.code, auditContext(request)).catch(portalFailure);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/account/authenticator/remove',
    {
      schema: {
        tags,
        summary: 'Remove the authenticator (asks for the password)',
        body: Type.Object({ password: Password }, strict),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { portal: 'account' },
    },
    async (request, reply) => {
      await portalAuth.removeTotp(requirePortalSession(request), request.body.password, auditContext(request)).catch(portalFailure);
      return reply.status(204).send(null);
    },
  );
};
