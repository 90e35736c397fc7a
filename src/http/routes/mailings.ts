import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import type { MailingService, NewMailing } from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { mailingJson, MailingSchema, MailingUpdateSchema, NewMailingSchema, performanceJson, PerformanceSchema } from './mailing-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

const purpose = 'business mailings: acceptance, induction and the status of mailers’ mail in the network (820.200)';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Limit = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false });

/**
 * Business mailers' mailings (registered under /api): entered from the postage statement for an
 * organisation customer, their status and problems kept up, and how their pieces are doing.
 */
export const mailingRoutes: FastifyPluginAsync<{ database: Database; mailings: MailingService; clock: () => Date }> = async (
  base,
  { database, mailings, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['mailings'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(trackingProblem);

  app.post(
    '/customers/:id/mailings',
    {
      schema: {
        tags,
        summary: 'Enter a mailing of an organisation customer from its postage statement',
        description:
          'Destination entry (DNDC, DSCF, DDU) makes it a drop ship record, kept 2 years; origin entry a business mailing record, kept 4 years after the relationship ends. Letters and flats give the IMb serial range of their pieces, which the performance reads. The problem notes are encrypted. Invalid fields answer 422 naming each; nothing is written. 409 for a customer who is a person.',
        params: Id,
        body: NewMailingSchema,
        response: { 201: MailingSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      // The schema takes the enumerations as text so that checkMailing refuses a wrong one naming its field.
      const input = request.body as NewMailing;
      const created = await run(request, (trx) =>
        mailings.create(trx, request.principal!, request.params.id, input, auditContext(request), clock()),
      );
      return reply.status(201).send(mailingJson(created));
    },
  );

  app.get(
    '/customers/:id/mailings',
    {
      schema: {
        tags,
        summary: 'The customer’s mailings, latest mailing date first',
        params: Id,
        querystring: Limit,
        response: { 200: Type.Array(MailingSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (
        await run(request, (trx) =>
          mailings.ofCustomer(trx, request.principal!, request.params.id, request.query.limit, auditContext(request), clock()),
        )
      ).map(mailingJson),
  );

  app.get(
    '/mailings/:id',
    {
      schema: { tags, summary: 'One mailing', params: Id, response: { 200: MailingSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      mailingJson(await run(request, (trx) => mailings.get(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  app.patch(
    '/mailings/:id',
    {
      schema: {
        tags,
        summary: 'Move the mailing’s status on, or replace its problem notes',
        description:
          'scheduled → inducted or cancelled; inducted → in_processing or completed; in_processing → completed. Another move answers 409. Audited with the fields changed, never the notes.',
        params: Id,
        body: MailingUpdateSchema,
        response: { 200: MailingSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request) => {
      rejectInvalid(request);
      return mailingJson(
        await run(request, (trx) =>
          mailings.update(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
        ),
      );
    },
  );

  app.get(
    '/mailings/:id/performance',
    {
      schema: {
        tags,
        summary: 'How the mailing’s pieces are doing, from their tracking events',
        description:
          'Reads the scans of pieces with the mailing’s Mailer ID and a serial in its range, from the day before its mailing date to the end of the 30 days mail events are kept: pieces seen, delivered, not yet scanned, the last scan, and pieces by their latest event.',
        params: Id,
        response: { 200: PerformanceSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      performanceJson(
        await run(request, (trx) => mailings.performance(trx, request.principal!, request.params.id, auditContext(request), clock())),
      ),
  );
};
