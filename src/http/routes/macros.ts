import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database, type Principal, type Tx } from '../../db/index.ts';
import type { Macros } from '../../modules/macros/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { caseFailure } from './case-schema.ts';
import { macroFailure, MacroBodySchema, macroJson, MacroPreviewSchema, MacroSchema } from './macro-schema.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Macros (reply templates with canned actions): supervisors write them, every agent lists and previews them. */
export const macroRoutes: FastifyPluginAsync<{ database: Database; macros: Macros; clock: () => Date }> = async (
  base,
  { database, macros, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['macros'];
  const purpose = 'customer service: reply templates for answering inquiries';
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: (trx: Tx, principal: Principal) => Promise<T>) => {
    const principal = requirePrincipal(request);
    return withPrincipal(database.db, principal, (trx) => fn(trx, principal))
      .catch(macroFailure)
      .catch(caseFailure);
  };

  app.get(
    '/macros',
    {
      schema: {
        tags,
        summary: 'The macros you may use: those of no business area and of yours (all of them for those who manage macros)',
        response: { 200: Type.Array(MacroSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => (await run(request, (trx, principal) => macros.list(trx, principal))).map(macroJson),
  );

  app.post(
    '/macros',
    {
      schema: {
        tags,
        summary: 'Add a macro (supervisors)',
        description:
          'Unknown placeholders and unbalanced braces are refused with 422, the error naming /body/body and the line, column and offset at fault.',
        body: MacroBodySchema,
        response: { 201: MacroSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          macroJson(
            await run(request, (trx, principal) => macros.save(trx, principal, null, request.body, auditContext(request), clock())),
          ),
        ),
  );

  app.put(
    '/macros/:id',
    {
      schema: {
        tags,
        summary: 'Change a macro (supervisors)',
        params: Id,
        body: MacroBodySchema,
        response: { 200: MacroSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      macroJson(
        await run(request, (trx, principal) =>
          macros.save(trx, principal, request.params.id, request.body, auditContext(request), clock()),
        ),
      ),
  );

  app.delete(
    '/macros/:id',
    {
      schema: { tags, summary: 'Delete a macro (supervisors)', params: Id, response: { 204: Type.Null(), ...problemResponses } },
      config: { purpose },
    },
    async (request, reply) => {
      await run(request, (trx, principal) => macros.remove(trx, principal, request.params.id, auditContext(request), clock()));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/cases/:id/macros/:macroId/preview',
    {
      schema: {
        tags,
        summary: 'A macro filled in for a case: the reply text and the actions it would apply',
        description:
          'Nothing is sent or changed: send the body with POST /api/cases/{id}/replies and apply the actions with the case status route. Audited as a read of the case and its customer.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), macroId: Type.String({ format: 'uuid' }) }),
        response: { 200: MacroPreviewSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const result = await run(request, (trx, principal) =>
        macros.preview(trx, principal, request.params.id, request.params.macroId, auditContext(request), clock()),
      );
      if ('refused' in result) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
      return { body: result.preview.body, actions: { ...result.preview.actions } as never };
    },
  );
};
