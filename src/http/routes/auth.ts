import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  InvalidCode,
  LoginFailed,
  WeakPasswordError,
  WrongStage,
  passwordRules,
  type SessionStage,
  type StaffAuth,
} from '../../access/index.ts';
import { auditContext, clearSessionCookie, requireSessionToken, setSessionCookie } from '../auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';

const Stage = Type.Union([Type.Literal('mfa'), Type.Literal('password_change'), Type.Literal('mfa_enrolment'), Type.Literal('full')], {
  description:
    'full: signed in. Otherwise the next sign-in step: mfa (enter a TOTP code), password_change (replace a one-time password), mfa_enrolment (set up an authenticator).',
});
const SignedIn = Type.Object({ stage: Stage, csrfToken: Type.String(), expiresAt: Type.String({ format: 'date-time' }) });
const StageOnly = Type.Object({ stage: Stage });
const Code = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the authenticator app' }) },
  { additionalProperties: false },
);
const Me = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  businessAreas: Type.Array(Type.String()),
  totpEnabled: Type.Boolean(),
  stage: Stage,
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  idleMinutes: Type.Integer({ description: 'the session ends after this much inactivity; warn the user before' }),
  timeZone: Type.String({
    description: "the agency's IANA time zone (CASELINE_TIME_ZONE): service levels, retention and reports run on it",
  }),
});

function signInFailure(error: unknown): never {
  if (error instanceof LoginFailed) throw new ProblemError(401, problemTypes.unauthenticated, 'Sign-in failed', error.message);
  if (error instanceof InvalidCode)
    throw new ProblemError(401, problemTypes.unauthenticated, 'Invalid code', error.message, [
      { field: '/body/code', message: 'is not the current code' },
    ]);
  if (error instanceof WrongStage) throw new ProblemError(409, problemTypes.stage, 'Not at this sign-in step', error.message);
  throw error;
}

export const authRoutes: FastifyPluginAsync<{
  staffAuth: StaffAuth;
  signInRateLimit: number;
  idleMinutes: number;
  timeZone: string;
}> = async (base, { staffAuth, signInRateLimit, idleMinutes, timeZone }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const signInLimit = { max: signInRateLimit, timeWindow: '1 minute' };
  const tags = ['sign-in'];

  app.post(
    '/login',
    {
      schema: {
        tags,
        summary: 'Sign in with username and password',
        description:
          'Sets the session cookie. Failed attempts count toward a 15-minute lockout after 5; the answer never says which half was wrong.',
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
          { additionalProperties: false },
        ),
        response: { 200: SignedIn, ...problemResponses },
      },
      config: { auth: 'public', rateLimit: signInLimit, purpose: 'staff sign-in' },
    },
    async (request, reply) => {
      const session = await staffAuth.login(request.body.username, request.body.password, auditContext(request)).catch(signInFailure);
      setSessionCookie(reply, request, session.token, session.expiresAt);
      return { stage: session.stage, csrfToken: session.csrfToken, expiresAt: session.expiresAt.toISOString() };
    },
  );

  app.post(
    '/mfa',
    {
      schema: { tags, summary: 'Second factor: the current TOTP code', body: Code, response: { 200: StageOnly, ...problemResponses } },
      config: { auth: 'signing-in', rateLimit: signInLimit, purpose: 'staff sign-in' },
    },
    async (request) => {
      const stage: SessionStage = await staffAuth
        .verifyMfa(requireSessionToken(request), request.body.code, auditContext(request))
        .catch(signInFailure);
      return { stage };
    },
  );

  app.post(
    '/totp/enrol',
    {
      schema: {
        tags,
        summary: 'Start TOTP enrolment',
        description:
          'Returns a new secret and its otpauth:// URI (show it as a QR code); it becomes active once POST /totp/confirm accepts a code.',
        response: { 200: Type.Object({ secret: Type.String(), uri: Type.String() }), ...problemResponses },
      },
      config: { auth: 'signing-in' },
    },
    async (request) => staffAuth.beginTotpEnrolment(requireSessionToken(request)).catch(signInFailure),
  );

  app.post(
    '/totp/confirm',
    {
      schema: { tags, summary: 'Finish TOTP enrolment with a first code', body: Code, response: { 200: StageOnly, ...problemResponses } },
      config: { auth: 'signing-in', rateLimit: signInLimit, purpose: 'staff sign-in' },
    },
    async (request) => ({
      stage: await staffAuth
        .confirmTotpEnrolment(requireSessionToken(request), request.body.code, auditContext(request))
        .catch(signInFailure),
    }),
  );

  app.post(
    '/password',
    {
      schema: {
        tags,
        summary: 'Change password',
        body: Type.Object(
          {
            currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
            newPassword: Type.String({ minLength: 1, maxLength: 256, description: `at least ${passwordRules.minLength} characters` }),
          },
          { additionalProperties: false },
        ),
        response: { 200: StageOnly, ...problemResponses },
      },
      config: { auth: 'signing-in', rateLimit: signInLimit, purpose: 'staff password change' },
    },
    async (request) => {
      try {
        return {
          stage: await staffAuth.changePassword(
            requireSessionToken(request),
            request.body.currentPassword,
            request.body.newPassword,
            auditContext(request),
          ),
        };
      } catch (error) {
        if (error instanceof WeakPasswordError) throw fieldProblem('/body/newPassword', error.message);
        if (error instanceof LoginFailed)
          throw new ProblemError(401, problemTypes.unauthenticated, 'Password not changed', 'The current password is not correct.', [
            { field: '/body/currentPassword', message: 'is not correct' },
          ]);
        return signInFailure(error);
      }
    },
  );

  app.post(
    '/logout',
    {
      schema: { tags, summary: 'Sign out', response: { 204: Type.Null() } },
      config: { auth: 'signing-in' },
    },
    async (request, reply) => {
      await staffAuth.logout(requireSessionToken(request), auditContext(request));
      clearSessionCookie(reply, request);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      schema: { tags, summary: 'The signed-in user and the session’s sign-in stage', response: { 200: Me, ...problemResponses } },
      config: { auth: 'signing-in' },
    },
    async (request) => {
      const session = request.session!;
      return {
        id: session.user.id,
        username: session.user.username,
        displayName: session.user.displayName,
        roles: [...session.user.roles],
        businessAreas: [...session.user.businessAreas],
        totpEnabled: session.user.totpEnabled,
        stage: session.stage,
        csrfToken: session.csrfToken,
        expiresAt: session.expiresAt.toISOString(),
        idleMinutes,
        timeZone,
      };
    },
  );
};
