import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  articlesPerCustomer,
  casesPerCustomer,
  eventsPerArticle,
  type ArticleTracking,
  type CaseTrackingService,
} from '../../modules/case-tracking/index.ts';
import { scanSources, trackingEventKinds } from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

const purpose = 'customer service: tell a customer where the mail their inquiry is about is (880.000, 820.200)';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

const EventSchema = Type.Object({
  class: Type.Union([Type.Literal('mail'), Type.Literal('package')]),
  event: Type.String({ enum: Object.keys(trackingEventKinds) }),
  description: Type.String(),
  at: Type.String({ format: 'date-time' }),
  facilityZip: Type.Union([Type.String(), Type.Null()]),
  source: Type.String({ enum: Object.keys(scanSources) }),
});
const ArticleSchema = Type.Object({
  number: Type.String({ description: 'the article number as linked to the case' }),
  cases: Type.Array(Type.String(), { description: 'the numbers of the cases linking it' }),
  events: Type.Array(EventSchema, { description: `newest first, at most ${eventsPerArticle}` }),
  eventCount: Type.Integer({ description: 'every event stored for the article' }),
  unreadable: Type.Union([Type.String(), Type.Null()], { description: 'why the linked number is not an article number; null when it is' }),
});

function articleJson(article: ArticleTracking) {
  return {
    number: article.number,
    cases: [...article.cases],
    events: article.events.map((e) => ({
      class: e.class,
      event: e.event,
      description: e.description,
      at: e.at.toISOString(),
      facilityZip: e.facilityZip,
      source: e.source,
    })),
    eventCount: article.eventCount,
    unreadable: article.unreadable,
  };
}

/**
 * The tracking of the articles a case, or a customer's cases, are about: what the case and
 * customer pages show. Which cases count is the case's visibility (a case the caller cannot
 * read is 404, like a missing one); each article is looked up, and audited, as a lookup is.
 */
export const caseTrackingRoutes: FastifyPluginAsync<{ database: Database; tracking: CaseTrackingService; clock: () => Date }> = async (
  base,
  { database, tracking, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tracking'];

  app.get(
    '/cases/:id/tracking',
    {
      schema: {
        tags,
        summary: 'The tracking events of the articles linked to a case',
        description: `Each article linked to the case, with its events newest first (at most ${eventsPerArticle}). A case you may not read is 404. Audited: the case read and each lookup.`,
        params: Id,
        response: {
          200: Type.Object({ articles: Type.Array(ArticleSchema), eventsPerArticle: Type.Integer() }),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      // A refusal is committed (its audit entry with it) before it is answered.
      const answer = await withPrincipal(database.db, principal, (trx) =>
        tracking.ofCase(trx, principal, request.params.id, auditContext(request), clock()),
      );
      if (!answer) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
      return { articles: answer.articles.map(articleJson), eventsPerArticle: answer.eventsPerArticle };
    },
  );

  app.get(
    '/customers/:id/tracking',
    {
      schema: {
        tags,
        summary: 'The tracking events of the articles linked to a customer’s cases',
        description: `The articles linked to the customer's ${casesPerCustomer} newest cases you may read, each once, at most ${articlesPerCustomer} (\`truncated\` says when there were more), each with its events newest first (at most ${eventsPerArticle}). Audited: the cases read and each lookup.`,
        params: Id,
        response: {
          200: Type.Object({
            articles: Type.Array(ArticleSchema),
            eventsPerArticle: Type.Integer(),
            articleLimit: Type.Integer(),
            truncated: Type.Boolean(),
          }),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const answer = await withPrincipal(database.db, principal, (trx) =>
        tracking.ofCustomer(trx, principal, request.params.id, auditContext(request), clock()),
      );
      return {
        articles: answer.articles.map(articleJson),
        eventsPerArticle: answer.eventsPerArticle,
        articleLimit: answer.articleLimit,
        truncated: answer.truncated,
      };
    },
  );
};
