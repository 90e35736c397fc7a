import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import type { CallService } from '../../modules/calls/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';
import { CallSchema, callFailure, callJson, NewCallSchema, rejectInvalid } from './call-schema.ts';

const purpose = 'customer service: record a call with a customer (880.000)';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Limit = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }) }, { additionalProperties: false });

/** Phone calls: POST /calls, GET /calls/{id}, GET /customers/{id}/calls, GET /cases/{id}/calls (registered under /api). */
export const callRoutes: FastifyPluginAsync<{ database: Database; calls: CallService; clock: () => Date }> = async (
  base,
  { database, calls, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['calls'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(callFailure);

  app.post(
    '/calls',
    {
      schema: {
        tags,
        summary: 'Log a call (from the screen-pop or the customer’s page), optionally opening or continuing a case',
        description:
          'The number is validated and stored as E.164, encrypted with the notes. With openCase the call opens a phone case (record type usps-880/call-center-contact) whose first message is the notes; with caseId an inbound call adds the notes as the customer’s message (a resolved case reopens, a closed one gets a follow-up case) and an outbound call adds them as an agent’s note. The call enters the customer’s contact history and is kept 1 year. Invalid fields answer 422 naming each one; nothing is written.',
        body: NewCallSchema,
        response: { 201: CallSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const { startedAt, ...body } = request.body;
      const input = { ...body, number: body.number ?? null, ...(startedAt ? { startedAt: new Date(startedAt) } : {}) };
      const call = await run(request, (trx) => calls.logCall(trx, request.principal!, input, auditContext(request), clock()));
      return reply.status(201).send(callJson(call));
    },
  );

  app.get(
    '/calls/:id',
    {
      schema: { tags, summary: 'One call', params: Id, response: { 200: CallSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      callJson(await run(request, (trx) => calls.get(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  app.get(
    '/customers/:id/calls',
    {
      schema: {
        tags,
        summary: 'The customer’s calls, newest first',
        params: Id,
        querystring: Limit,
        response: { 200: Type.Array(CallSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (
        await run(request, (trx) =>
          calls.callsOfCustomer(trx, request.principal!, request.params.id, request.query.limit, auditContext(request), clock()),
        )
      ).map(callJson),
  );

  app.get(
    '/cases/:id/calls',
    {
      schema: {
        tags,
        summary: 'The calls logged on a case, newest first',
        params: Id,
        querystring: Limit,
        response: { 200: Type.Array(CallSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (
        await run(request, (trx) =>
          calls.callsOfCase(trx, request.principal!, request.params.id, request.query.limit, auditContext(request), clock()),
        )
      ).map(callJson),
  );
};
