import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database, type Tx } from '../../db/index.ts';
import type { LetterRefusal, LetterService } from '../../modules/letters/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { sendPdf } from '../pdf-reply.ts';
import { caseFailure } from './case-schema.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';

const purpose = 'customer service: send a reply to an inquiry by mail or fax (880.000)';
const Params = Type.Object({ id: Type.String({ format: 'uuid' }), messageId: Type.String({ format: 'uuid' }) });
const Pdf = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });

function refusal(result: LetterRefusal): never {
  if (result.refused === 'not_found')
    throw new ProblemError(
      404,
      problemTypes.notFound,
      'Not found',
      result.what === 'case' ? 'No such case, or not one you may see.' : 'The case has no such message.',
    );
  throw fieldProblem(`/params/${result.field}`, result.reason);
}

export interface LetterRouteOptions {
  readonly database: Database;
  readonly letters: LetterService;
  readonly clock: () => Date;
  /** The survey link a letter invites its reader to, if any (the surveys module provides it). */
  readonly surveyUrl?: (trx: Tx, caseId: string) => Promise<string | null>;
}

/** Reply letters and faxes of a case's outbound messages, as PDF documents to print or send. */
export const letterRoutes: FastifyPluginAsync<LetterRouteOptions> = async (base, { database, letters, clock, surveyUrl }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];

  app.get(
    '/:id/messages/:messageId/letter.pdf',
    {
      schema: {
        tags,
        summary: 'An outbound message as a reply letter (PDF) for a #10 window envelope',
        description:
          "Addressed to the primary mailing address of the case's customer (USPS Publication 28 address block), with the agency's letterhead, the date, the case number as reference and the message. 422 when the case has no customer with a mailing address or the message is not outbound. Audited as a print of the customer's name and address.",
        params: Params,
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { id, messageId } = request.params;
      const result = await withPrincipal(database.db, principal, async (trx) => {
        const url = surveyUrl ? await surveyUrl(trx, id) : null;
        return letters.letter(trx, principal, id, messageId, url ? { surveyUrl: url } : {}, auditContext(request), clock());
      }).catch(caseFailure);
      if (!('document' in result)) refusal(result);
      return sendPdf(reply, result.document, 'letter.pdf');
    },
  );

  app.get(
    '/:id/messages/:messageId/fax.pdf',
    {
      schema: {
        tags,
        summary: 'An outbound message as a fax (PDF): a cover sheet, then the message',
        description:
          "To the primary fax number of the case's customer. The cover sheet names the recipient and the agency and gives the date, the number of pages and the case number. 422 when the customer has no fax number or the message is not outbound. Audited as a print of the customer's name and fax number; the X-Fax-Pages header gives the page count.",
        params: Params,
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const { id, messageId } = request.params;
      const result = await withPrincipal(database.db, principal, (trx) =>
        letters.fax(trx, principal, id, messageId, auditContext(request), clock()),
      ).catch(caseFailure);
      if (!('document' in result)) refusal(result);
      return sendPdf(reply.header('x-fax-pages', String(result.document.pages)), result.document.pdf, 'fax.pdf');
    },
  );
};
