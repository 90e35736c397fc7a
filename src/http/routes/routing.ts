import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { appendAudit, type AuditContext } from '../../access/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../../db/index.ts';
import {
  caseChannels,
  casePriorities,
  detectableLanguages,
  InvalidRoutingRule,
  RoutingRuleNotFound,
  type Routing,
  type RoutingRule,
} from '../../modules/cases/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { BusinessAreaId } from './common-schema.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';

const Channel = Type.Enum([...caseChannels]);
const CustomerType = Type.Enum(['person', 'organisation', 'unknown']);
const Words = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 });

const Conditions = Type.Object(
  {
    channels: Type.Optional(Type.Array(Channel)),
    categories: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 50 })),
    customerTypes: Type.Optional(Type.Array(CustomerType)),
    words: Type.Optional(Words),
    languages: Type.Optional(Type.Array(Type.Enum(detectableLanguages))),
  },
  { additionalProperties: false },
);
const Actions = Type.Object(
  {
    businessArea: Type.Optional(Type.Union([BusinessAreaId, Type.Null()])),
    priority: Type.Optional(Type.Enum([...casePriorities])),
    tags: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), { maxItems: 20 })),
    assignment: Type.Optional(Type.Enum(['manual', 'round_robin', 'least_loaded'])),
  },
  { additionalProperties: false },
);
const RuleBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), enabled: Type.Optional(Type.Boolean()), conditions: Conditions, actions: Actions },
  { additionalProperties: false },
);
const Rule = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  enabled: Type.Boolean(),
  conditions: Conditions,
  actions: Actions,
});

const ruleJson = (rule: RoutingRule) => ({ ...rule, conditions: { ...rule.conditions }, actions: { ...rule.actions } }) as never;

function routingFailure(error: unknown): never {
  if (error instanceof InvalidRoutingRule) throw fieldProblem(`/body/${error.field}`, error.reason);
  if (error instanceof RoutingRuleNotFound) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such routing rule.');
  throw error;
}

async function auditChange(trx: Tx, principal: Principal, ctx: AuditContext, now: Date, detail: Record<string, string>): Promise<void> {
  await appendAudit(trx, {
    at: now,
    actor: principal,
    action: 'settings_change',
    recordType: 'routing_rule',
    subjects: [],
    ...ctx,
    outcome: 'ok',
    detail,
  });
}

export const routingRoutes: FastifyPluginAsync<{ database: Database; routing: Routing; clock: () => Date }> = async (
  base,
  { database, routing, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['routing'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: (trx: Tx, principal: Principal) => Promise<T>) => {
    const principal = requirePrincipal(request);
    return withPrincipal(database.db, principal, (trx) => fn(trx, principal)).catch(routingFailure);
  };
  const purpose = 'routing of cases to business areas';

  app.get(
    '/rules',
    {
      schema: { tags, summary: 'The routing rules, in the order they are tried', response: { 200: Type.Array(Rule), ...problemResponses } },
      config: { purpose },
    },
    async (request) => (await run(request, (trx) => routing.rules(trx))).map(ruleJson),
  );

  app.post(
    '/rules',
    {
      schema: {
        tags,
        summary: 'Add a routing rule (tried after the existing ones)',
        body: RuleBody,
        response: { 201: Rule, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const rule = await run(request, async (trx, principal) => {
        const saved = await routing.save(trx, principal, null, request.body, clock());
        await auditChange(trx, principal, auditContext(request), clock(), { rule_id: saved.id, change: 'created' });
        return saved;
      });
      return reply.status(201).send(ruleJson(rule));
    },
  );

  app.put(
    '/rules/:id',
    {
      schema: {
        tags,
        summary: 'Change a routing rule',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: RuleBody,
        response: { 200: Rule, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      ruleJson(
        await run(request, async (trx, principal) => {
          const saved = await routing.save(trx, principal, request.params.id, request.body, clock());
          await auditChange(trx, principal, auditContext(request), clock(), { rule_id: saved.id, change: 'updated' });
          return saved;
        }),
      ),
  );

  app.delete(
    '/rules/:id',
    {
      schema: {
        tags,
        summary: 'Delete a routing rule',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      await run(request, async (trx, principal) => {
        await routing.remove(trx, principal, request.params.id);
        await auditChange(trx, principal, auditContext(request), clock(), { rule_id: request.params.id, change: 'deleted' });
      });
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/order',
    {
      schema: {
        tags,
        summary: 'Put the rules in a new order (every rule id, each once)',
        body: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' }), { maxItems: 500 }) }, { additionalProperties: false }),
        response: { 200: Type.Array(Rule), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (
        await run(request, async (trx, principal) => {
          const rules = await routing.reorder(trx, principal, request.body.ids, clock());
          await auditChange(trx, principal, auditContext(request), clock(), { change: 'reordered' });
          return rules;
        })
      ).map(ruleJson),
  );

  app.post(
    '/preview',
    {
      schema: {
        tags,
        summary: 'Which rule would fire? Routes a sample inquiry without opening a case',
        body: Type.Object(
          {
            channel: Channel,
            category: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            customerType: CustomerType,
            title: Type.String({ maxLength: 300 }),
            body: Type.String({ maxLength: 20_000 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            rule: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String() }), Type.Null()]),
            actions: Actions,
            language: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request) => {
      const { category, ...rest } = request.body;
      const decision = await run(request, async (trx) => routing.decide(await routing.rules(trx), { ...rest, category: category ?? null }));
      return { rule: decision.rule, actions: { ...decision.actions } as never, language: decision.language };
    },
  );

  app.get(
    '/staff',
    {
      schema: {
        tags,
        summary: 'Who works a business area (for assigning cases): active staff of an area you work in',
        querystring: Type.Object({ area: Type.Optional(BusinessAreaId) }, { additionalProperties: false }),
        response: {
          200: Type.Array(Type.Object({ id: Type.String({ format: 'uuid' }), displayName: Type.String() })),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request) => run(request, (trx) => routing.staffOf(trx, request.query.area ?? null)),
  );
};
