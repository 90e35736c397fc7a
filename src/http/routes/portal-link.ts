import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdentityNotProven, LinkingLocked, TextUnavailable, type PortalLinking } from '../../modules/portal/index.ts';
import { PortalAlreadyLinked, type IssuedPortalSession } from '../../access/index.ts';
import { auditContext } from '../auth.ts';
import { requirePortalSession, setPortalCookie } from '../portal-auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { portalFailure } from './portal-account.ts';

const SignedIn = Type.Object({
  stage: Type.Literal('full'),
  linked: Type.Literal(true),
  csrfToken: Type.String(),
  expiresAt: Type.String(),
});
const strict = { additionalProperties: false } as const;
const Surname = Type.String({ maxLength: 100, description: 'Your family name as on your record' });
const Zip = Type.String({ maxLength: 10, description: 'The ZIP Code of your mailing address' });

function linkFailure(error: unknown): never {
  if (error instanceof IdentityNotProven) throw new ProblemError(403, problemTypes.forbidden, 'Identity not confirmed', error.message);
  if (error instanceof LinkingLocked) throw new ProblemError(429, problemTypes.rateLimited, 'Too many attempts', error.message);
  if (error instanceof PortalAlreadyLinked) throw new ProblemError(409, problemTypes.conflict, 'Already linked', error.message);
  if (error instanceof TextUnavailable) throw new ProblemError(503, problemTypes.unavailable, 'Text message not sent', error.message);
  portalFailure(error);
}

/**
 * Linking the signed-in account to its customer record, after proof of identity. The proof
 * is recorded with the account (link_method) and in the audit log; the browser gets a new
 * session bound to the customer, every other session of the account ends.
 */
export const portalLinkRoutes: FastifyPluginAsync<{ linking: PortalLinking; signInRateLimit: number }> = async (
  base,
  { linking, signInRateLimit },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const config = {
    portal: 'account',
    egress: 'none',
    rateLimit: { max: signInRateLimit, timeWindow: '1 minute' },
    purpose: 'portal identity verification',
  } as const;
  const signedIn = (
    request: Parameters<typeof auditContext>[0],
    reply: Parameters<typeof setPortalCookie>[0],
    issued: IssuedPortalSession,
  ) => {
    setPortalCookie(reply, request, issued.token, issued.expiresAt);
    return { stage: 'full' as const, linked: true as const, csrfToken: issued.csrfToken, expiresAt: issued.expiresAt.toISOString() };
  };

  app.post(
    '/link/knowledge',
    {
      schema: {
        tags,
        summary: 'Link by identifiers on file: surname, ZIP Code and the last four digits of your SSN',
        body: Type.Object({ surname: Surname, zip: Zip, ssnLast4: Type.String({ maxLength: 4 }) }, strict),
        response: { 200: SignedIn, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const issued = await linking
        .byKnowledge(requirePortalSession(request), request.body, auditContext(request), request.headers['user-agent'])
        .catch(linkFailure);
      return signedIn(request, reply, issued);
    },
  );

  app.post(
    '/link/email',
    {
      schema: {
        tags,
        summary: 'Send a code to the e-mail address on your record (found by surname and ZIP Code)',
        body: Type.Object({ surname: Surname, zip: Zip }, strict),
        response: { 202: Type.Object({ sentTo: Type.String({ description: 'the address, masked' }) }), ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const sent = await linking.sendEmailCode(requirePortalSession(request), request.body, auditContext(request)).catch(linkFailure);
      return reply.status(202).send(sent);
    },
  );

  app.post(
    '/link/phone',
    {
      schema: {
        tags,
        summary: 'Text a code to the mobile phone on your record (found by surname and ZIP Code)',
        body: Type.Object({ surname: Surname, zip: Zip }, strict),
        response: { 202: Type.Object({ sentTo: Type.String({ description: 'the number, masked' }) }), ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const sent = await linking.sendPhoneCode(requirePortalSession(request), request.body, auditContext(request)).catch(linkFailure);
      return reply.status(202).send(sent);
    },
  );

  app.post(
    '/link/letter',
    {
      schema: {
        tags,
        summary: 'Mail a code to the address on your record (found by surname and ZIP Code)',
        description: 'The letter is printed and mailed within a few business days; its code works for 30 days.',
        body: Type.Object({ surname: Surname, zip: Zip }, strict),
        response: {
          202: Type.Object({ expiresAt: Type.String({ format: 'date-time', description: 'the last moment the code works' }) }),
          ...problemResponses,
        },
      },
      config,
    },
    async (request, reply) => {
      const queued = await linking.sendLetterCode(requirePortalSession(request), request.body, auditContext(request)).catch(linkFailure);
      return reply.status(202).send({ expiresAt: queued.expiresAt.toISOString() });
    },
  );

  app.post(
    '/link/confirm',
    {
      schema: {
        tags,
        summary: 'Link with the code we sent',
        body: Type.Object({ code: Type.String({ maxLength: 12 }) }, strict),
        response: { 200: SignedIn, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const issued = await linking
        .confirmCode(requirePortalSession(request), request.body.code, auditContext(request), request.headers['user-agent'])
        .catch(linkFailure);
      return signedIn(request, reply, issued);
    },
  );

  app.post(
    '/link/new',
    {
      schema: {
        tags,
        summary: 'We hold no record of you: start one with your name and this account’s address',
        body: Type.Object({ name: Type.String({ maxLength: 200 }) }, strict),
        response: { 200: SignedIn, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const issued = await linking
        .asNewCustomer(requirePortalSession(request), request.body, auditContext(request), request.headers['user-agent'])
        .catch(linkFailure);
      return signedIn(request, reply, issued);
    },
  );
};
