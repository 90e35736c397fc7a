import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import { isCaseNumber, openStatuses, type CaseService, type CaseStatus } from '../../modules/cases/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import {
  CaseDetailSchema,
  caseDetailJson,
  caseFailure,
  CaseMessageSchema,
  caseMessageJson,
  CaseSummarySchema,
  caseSummaryJson,
  ChannelSchema,
  PrioritySchema,
  RecordTypeSchema,
  ResolutionCodeSchema,
  SenderSchema,
  StatusSchema,
} from './case-schema.ts';
import { BusinessAreaId } from './common-schema.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

const purpose = 'customer service: work an inquiry to resolution (880.000)';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Tag = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });

export const caseRoutes: FastifyPluginAsync<{ database: Database; cases: CaseService; clock: () => Date }> = async (
  base,
  { database, cases, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(caseFailure);
  // Opening a case is the contact center's busiest write: concurrent ones share a transaction (db/group-commit.ts).
  const runShared = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    database.groupCommit(requirePrincipal(request), fn).catch(caseFailure);

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Open a case (a call, a letter, a walk-in, a fax or a web inquiry entered by an agent)',
        description:
          'The case gets a number (C-YYYY-NNNNNN) and the retention of its record type. Name the customer (customerId) or, for someone not yet in the registry, the sender; the inquiry text becomes the first inbound message. Audited; the customer’s contact history gains an entry.',
        body: Type.Object(
          {
            customerId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
            sender: Type.Optional(Type.Union([SenderSchema, Type.Null()])),
            channel: ChannelSchema,
            recordType: RecordTypeSchema,
            businessArea: Type.Optional(Type.Union([BusinessAreaId, Type.Null()])),
            category: Type.Optional(Type.Union([Type.String({ maxLength: 60 }), Type.Null()])),
            priority: Type.Optional(PrioritySchema),
            title: Type.String({ minLength: 1, maxLength: 300 }),
            body: Type.String({ minLength: 1, maxLength: 100_000 }),
            tags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseSummarySchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const opened = await runShared(request, (trx) => cases.open(trx, request.principal!, request.body, auditContext(request), clock()));
      return reply.status(201).send(caseSummaryJson(opened.case));
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Cases: a queue, my cases, a customer’s cases',
        description:
          'status (comma-separated; "open" means every status still being worked), assignee ("me", "none" or a staff id), businessArea ("none" for the shared queue), customerId. Newest first.',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.String({ pattern: '^[a-z_]+(,[a-z_]+)*$' })),
            assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('none'), Type.String({ format: 'uuid' })])),
            businessArea: Type.Optional(BusinessAreaId),
            customerId: Type.Optional(Type.String({ format: 'uuid' })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(CaseSummarySchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const { status, assignee, businessArea, customerId, limit } = request.query;
      const statuses = status?.split(',').flatMap((s) => (s === 'open' ? openStatuses : [s as CaseStatus]));
      const unknown = statuses?.find((s) => !(StatusSchema.enum as readonly string[]).includes(s));
      if (unknown)
        throw new ProblemError(422, problemTypes.validation, 'Invalid field', `/querystring/status: unknown status`, [
          { field: '/querystring/status', message: 'unknown status' },
        ]);
      const principal = requirePrincipal(request);
      const filter = {
        limit,
        ...(statuses ? { statuses } : {}),
        ...(assignee ? { assignee: assignee === 'me' ? principal.id : assignee === 'none' ? null : assignee } : {}),
        ...(businessArea ? { businessArea: businessArea === 'none' ? null : businessArea } : {}),
        ...(customerId ? { customerIds: [customerId] } : {}),
      };
      return (await run(request, (trx) => cases.list(trx, principal, filter, auditContext(request), clock()))).map(caseSummaryJson);
    },
  );

  app.get(
    '/by-number/:number',
    {
      schema: {
        tags,
        summary: 'The id of a case from its number (as read off a letter or an e-mail subject)',
        params: Type.Object({ number: Type.String({ pattern: '^C-\\d{4}-\\d{6,}$' }) }),
        response: { 200: Type.Object({ id: Type.String({ format: 'uuid' }) }), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const number = request.params.number;
      const id = isCaseNumber(number) ? await run(request, (trx) => cases.idOfNumber(trx, request.principal!, number)) : null;
      if (!id) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
      return { id };
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'A case with its correspondence, history and links',
        params: Id,
        response: { 200: CaseDetailSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const read = await run(request, (trx) => cases.get(trx, request.principal!, request.params.id, auditContext(request), clock()));
      if ('refused' in read) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
      return caseDetailJson(read.case);
    },
  );

  app.post(
    '/:id/status',
    {
      schema: {
        tags,
        summary: 'Move a case on: open, pending the customer or another office, resolved (with a code and text), closed, reopened',
        params: Id,
        body: Type.Object(
          {
            status: StatusSchema,
            resolutionCode: Type.Optional(ResolutionCodeSchema),
            resolution: Type.Optional(Type.String({ maxLength: 20_000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSummarySchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      caseSummaryJson(
        await run(request, (trx) =>
          cases.changeStatus(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
        ),
      ),
  );

  app.post(
    '/:id/classification',
    {
      schema: {
        tags,
        summary: "Change a case's priority and tags (a macro's canned actions, or triage)",
        params: Id,
        body: Type.Object(
          {
            priority: Type.Optional(PrioritySchema),
            addTags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
            removeTags: Type.Optional(Type.Array(Tag, { maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: CaseSummarySchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      caseSummaryJson(
        await run(request, (trx) =>
          cases.classify(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
        ),
      ),
  );

  app.post(
    '/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign a case to a staff member ("me"), or back to the queue (null)',
        params: Id,
        body: Type.Object(
          { assignee: Type.Union([Type.Literal('me'), Type.String({ format: 'uuid' }), Type.Null()]) },
          { additionalProperties: false },
        ),
        response: { 200: CaseSummarySchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const assignee = request.body.assignee === 'me' ? principal.id : request.body.assignee;
      return caseSummaryJson(
        await run(request, (trx) => cases.assign(trx, principal, request.params.id, assignee, auditContext(request), clock())),
      );
    },
  );

  app.post(
    '/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add an internal note (never sent to the customer)',
        params: Id,
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false }),
        response: { 201: CaseMessageSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          caseMessageJson(
            await run(request, (trx) =>
              cases.addNote(trx, request.principal!, request.params.id, request.body.body, auditContext(request), clock()),
            ),
          ),
        ),
  );

  app.post(
    '/:id/replies',
    {
      schema: {
        tags,
        summary: 'Record a reply to the customer (the first one is the case’s first response)',
        params: Id,
        body: Type.Object(
          {
            to: Type.Array(Type.String({ maxLength: 320 }), { maxItems: 20, default: [] }),
            body: Type.String({ minLength: 1, maxLength: 100_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseMessageSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          caseMessageJson(
            await run(request, (trx) =>
              cases.reply(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
            ),
          ),
        ),
  );

  app.post(
    '/:id/messages',
    {
      schema: {
        tags,
        summary: 'Record a further message from the customer (a second letter, a call about the case)',
        description: 'A resolved case reopens; a closed case gets a new follow-up case, which is what the answer describes.',
        params: Id,
        body: Type.Object(
          {
            channel: ChannelSchema,
            from: Type.Optional(Type.Union([SenderSchema, Type.Null()])),
            body: Type.String({ minLength: 1, maxLength: 100_000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: CaseSummarySchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const received = await run(request, (trx) =>
        cases.receive(
          trx,
          request.principal!,
          request.params.id,
          { ...request.body, from: request.body.from ?? null },
          auditContext(request),
          clock(),
        ),
      );
      return reply.status(201).send(caseSummaryJson(received.case));
    },
  );

  app.post(
    '/:id/links',
    {
      schema: {
        tags,
        summary: 'Link an article, order or pickup to the case by its number',
        params: Id,
        body: Type.Object(
          { kind: Type.Enum(['article', 'order', 'pickup']), number: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.Enum(['article', 'order', 'pickup']), number: Type.String() }),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await run(request, (trx) =>
            cases.link(trx, request.principal!, request.params.id, request.body.kind, request.body.number, auditContext(request), clock()),
          ),
        ),
  );
};
