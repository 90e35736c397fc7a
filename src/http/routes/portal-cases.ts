import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { carryOver } from '../../access/index.ts';
import type { CaseMessage, CaseSummary } from '../../modules/cases/index.ts';
import { RatingRefused, type PortalCaseDetail as PortalCase, type PortalCases } from '../../modules/portal/index.ts';
import { commentMaxLength, InvalidSurveyField } from '../../modules/surveys/index.ts';
import { auditContext } from '../auth.ts';
import { type PortalUnit } from '../portal-auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { caseFailure, ChannelSchema, ResolutionCodeSchema, StatusSchema } from './case-schema.ts';
import { Nullable } from './common-schema.ts';

const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });

// What a customer sees of a case: no business area, assignee, priority, tags or internal history.
const PortalCaseSummary = Type.Object({
  id: Uuid,
  number: Type.String({ description: 'C-YYYY-NNNNNN: quote it when you write or call' }),
  title: Type.String(),
  channel: ChannelSchema,
  status: StatusSchema,
  createdAt: DateTime,
  updatedAt: DateTime,
});
const PortalMessage = Type.Object({
  id: Uuid,
  kind: Type.Enum(['inbound', 'outbound'], { description: 'inbound: from you; outbound: our answer' }),
  channel: Type.String(),
  body: Type.String(),
  createdAt: DateTime,
});
const PortalCaseDetail = Type.Intersect([
  PortalCaseSummary,
  Type.Object({
    resolutionCode: Nullable(ResolutionCodeSchema),
    resolution: Nullable(Type.String()),
    resolvedAt: Nullable(DateTime),
    messages: Type.Array(PortalMessage),
    rated: Type.Boolean({ description: 'you rated how we handled the case (here or by the survey link we e-mailed)' }),
    ratable: Type.Boolean({ description: 'resolved, not rated, and its survey still open: POST /cases/{id}/rating takes a rating' }),
  }),
]);
const Inquiry = Type.Object(
  { title: Type.String({ minLength: 1, maxLength: 300 }), body: Type.String({ minLength: 1, maxLength: 100_000 }) },
  { additionalProperties: false },
);
const Message = Type.Object({ body: Type.String({ minLength: 1, maxLength: 100_000 }) }, { additionalProperties: false });
const Id = Type.Object({ id: Uuid });
const Rating = Type.Object(
  {
    rating: Type.Integer({ minimum: 1, maximum: 5, description: '1 (very dissatisfied) to 5 (very satisfied)' }),
    comment: Type.Optional(Type.Union([Type.String({ maxLength: commentMaxLength }), Type.Null()])),
  },
  { additionalProperties: false },
);

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
// Converting keeps each record's subject mark: the guard checks what is sent, not what was read.
const summaryJson = (c: CaseSummary) =>
  carryOver(c, {
    id: c.id,
    number: c.number,
    title: c.title,
    channel: c.channel,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  });
const messageJson = (m: CaseMessage) =>
  carryOver(m, { id: m.id, kind: m.kind, channel: m.channel, body: m.body, createdAt: m.createdAt.toISOString() });
const detailJson = (c: PortalCase) =>
  carryOver(c, {
    ...summaryJson(c),
    resolutionCode: c.resolutionCode,
    resolution: c.resolution,
    resolvedAt: iso(c.resolvedAt),
    messages: c.messages.map(messageJson),
    rated: c.rated,
    ratable: c.ratable,
  });

const notYours = () => new ProblemError(404, problemTypes.notFound, 'Not found', 'You have no case with that id.');

/** A refused rating as problem+json: 409 naming the case (its state, not the answer, is what is wrong), 422 naming the answer's field. */
function ratingFailure(error: unknown): never {
  if (error instanceof RatingRefused) {
    const title = { not_resolved: 'Case not resolved', answered: 'Already rated', no_survey: 'Survey closed' }[error.reason];
    throw new ProblemError(409, problemTypes.conflict, title, `/params/id: ${error.message}`, [
      { field: '/params/id', message: error.message },
    ]);
  }
  if (error instanceof InvalidSurveyField) throw fieldProblem(`/body/${error.field}`, error.reason);
  return caseFailure(error);
}

/** My cases: the signed-in customer's own cases; the customer comes from the session, never from the request. */
export const portalCaseRoutes: FastifyPluginAsync<{ cases: PortalCases; unit: PortalUnit; clock: () => Date }> = async (
  base,
  { cases, unit, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const now = clock;

  app.get(
    '/cases',
    {
      schema: { tags, summary: 'My cases, newest first', response: { 200: Type.Array(PortalCaseSummary), ...problemResponses } },
      config: { purpose: 'portal: my cases' },
    },
    async (request) =>
      unit(request, async (trx, principal) => (await cases.list(trx, principal, auditContext(request), now())).map(summaryJson)),
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'One of my cases, with its correspondence',
        params: Id,
        response: { 200: PortalCaseDetail, ...problemResponses },
      },
      config: { purpose: 'portal: my cases' },
    },
    async (request) =>
      unit(request, async (trx, principal) => {
        const detail = await cases.get(trx, principal, request.params.id, auditContext(request), now());
        if (!detail) throw notYours();
        return detailJson(detail);
      }),
  );

  app.post(
    '/cases',
    {
      schema: { tags, summary: 'Ask us something: opens a case', body: Inquiry, response: { 201: PortalCaseSummary, ...problemResponses } },
      config: { purpose: 'portal: my cases' },
    },
    async (request, reply) => {
      const opened = await unit(request, async (trx, principal) =>
        summaryJson(await cases.open(trx, principal, request.body, auditContext(request), now()).catch(caseFailure)),
      );
      return reply.status(201).send(opened);
    },
  );

  app.post<{ Params: { id: string }; Body: { body: string } }>(
    '/cases/:id/messages',
    {
      schema: {
        tags,
        summary: 'Write on one of my cases',
        params: Id,
        body: Message,
        response: { 200: PortalCaseDetail, ...problemResponses },
      },
      config: { purpose: 'portal: my cases' },
    },
    async (request) =>
      unit(request, async (trx, principal) => {
        const ctx = auditContext(request);
        if (!(await cases.get(trx, principal, request.params.id, ctx, now()))) throw notYours();
        await cases.reply(trx, principal, request.params.id, request.body.body, ctx, now()).catch(caseFailure);
        const detail = await cases.get(trx, principal, request.params.id, ctx, now());
        return detailJson(detail!);
      }),
  );

  app.post<{ Params: { id: string }; Body: { rating: number; comment?: string | null } }>(
    '/cases/:id/rating',
    {
      schema: {
        tags,
        summary: 'Rate how we handled one of my resolved cases: 1 to 5, with an optional comment',
        description:
          'The same satisfaction survey answer as the link in the resolution e-mail, and it uses that link up: a case is rated once (409 when it was, whichever way). ' +
          '409 naming /params/id when the case is not resolved or its survey has closed. The comment is encrypted and kept with the rating (890.000).',
        params: Id,
        body: Rating,
        response: { 201: PortalCaseDetail, ...problemResponses },
      },
      config: { purpose: 'portal: my cases' },
    },
    async (request, reply) => {
      const rated = await unit(request, async (trx, principal) => {
        const detail = await cases.rate(trx, principal, request.params.id, request.body, auditContext(request), now()).catch(ratingFailure);
        if (!detail) throw notYours();
        return detailJson(detail);
      });
      return reply.status(201).send(rated);
    },
  );
};
