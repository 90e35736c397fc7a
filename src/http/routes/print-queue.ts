import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { maxBatch, type LinkLetters } from '../../modules/portal/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { sendPdf } from '../pdf-reply.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

const purpose = "customer registry: verify a customer's identity by a letter to the address of record (880.000)";
const Ids = Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: maxBatch, uniqueItems: true });
const QueuedLetter = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.Literal('portal_link_code', { description: 'a code to connect an online account, mailed to the address of record' }),
  createdAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

/**
 * The print room: letters waiting to be printed and mailed (codes that link an online account
 * to a customer record, sent to the address on file). Listing shows no personal data; the batch
 * PDF is audited page by page as a print of the customer's name and address; confirming a batch
 * printed wipes its codes.
 */
export const printQueueRoutes: FastifyPluginAsync<{ letters: LinkLetters; clock: () => Date }> = async (base, { letters, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['letters'];

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: `Letters waiting to be printed, oldest first (at most ${maxBatch})`,
        response: { 200: Type.Array(QueuedLetter), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (await letters.queue(requirePrincipal(request))).map((l) => ({
        id: l.id,
        kind: l.kind,
        createdAt: l.createdAt.toISOString(),
        expiresAt: l.expiresAt.toISOString(),
      })),
  );

  app.post(
    '/batch',
    {
      schema: {
        tags,
        summary: 'The waiting letters as one PDF to print, a page each (those named, or the oldest batch)',
        description:
          'Nothing leaves the queue until the batch is confirmed printed. A letter whose customer no longer has a mailing address is left out and named in the `X-Letters-Skipped` header; 404 when none of the letters is waiting.',
        body: Type.Object({ ids: Type.Optional(Ids) }, { additionalProperties: false }),
        produces: ['application/pdf'],
        response: { 200: Type.String({ contentMediaType: 'application/pdf' }), ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const batch = await letters.batch(requirePrincipal(request), request.body.ids ?? null, auditContext(request), clock());
      if (!batch.pdf)
        throw new ProblemError(404, problemTypes.notFound, 'Nothing to print', 'None of these letters is waiting to be printed.');
      reply.header('x-letters-printed', batch.printed.join(',')).header('x-letters-skipped', batch.skipped.join(','));
      return sendPdf(reply, batch.pdf, 'letters.pdf');
    },
  );

  app.post(
    '/printed',
    {
      schema: {
        tags,
        summary: 'Confirm letters printed: they leave the queue and their codes are wiped',
        body: Type.Object({ ids: Ids }, { additionalProperties: false }),
        response: {
          200: Type.Object({ printed: Type.Integer({ description: 'how many of them were still waiting' }) }),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request) => ({
      printed: await letters.confirmPrinted(requirePrincipal(request), request.body.ids, auditContext(request), clock()),
    }),
  );
};
