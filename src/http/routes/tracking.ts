import type { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  FeedRefused,
  FeedTooLarge,
  ingestFeed,
  InvalidTrackingQuery,
  lookupTracking,
  maxEventsPerLoad,
  maxReportedErrors,
  pageSize,
  readFeed,
  scanSources,
  trackingEventKinds,
  type FeedSummary,
} from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';

const feedTypes = { 'application/x-ndjson': 'ndjson', 'text/csv': 'csv' } as const;
const ingestPurpose = 'mail tracking: record where mail and packages are (820.200)';
const lookupPurpose = 'mail tracking: tell a customer or mailer where their mail is (820.200)';

const Summary = Type.Object({
  received: Type.Integer({ description: 'records read' }),
  stored: Type.Integer({ description: 'new events stored' }),
  duplicates: Type.Integer({ description: 'events stored by an earlier load, kept once' }),
  rejected: Type.Integer({ description: 'records left out (invalid=skip)' }),
  errors: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), reason: Type.String() }), {
    description: `the first ${maxReportedErrors} records left out, and why`,
  }),
});
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (UTC)' });
const After = Type.String({ minLength: 1, maxLength: 400, description: 'the `next` of the previous page' });
const Query = Type.Union([
  Type.Object({ by: Type.Literal('article'), number: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false }),
  Type.Object(
    { by: Type.Literal('imb'), code: Type.String({ minLength: 1, maxLength: 80, description: '65 bars (F, A, D, T) or 20–31 digits' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    { by: Type.Literal('zip11'), zip11: Type.String({ minLength: 11, maxLength: 12 }), day: Day, after: Type.Optional(After) },
    { additionalProperties: false },
  ),
  Type.Object(
    { by: Type.Literal('mailer'), mailerId: Type.String({ minLength: 6, maxLength: 9 }), day: Day, after: Type.Optional(After) },
    { additionalProperties: false },
  ),
]);
const EventSchema = Type.Object({
  class: Type.Union([Type.Literal('mail'), Type.Literal('package')]),
  piece: Type.String({ description: 'the article number, or the IMb tracking code' }),
  event: Type.String({ enum: Object.keys(trackingEventKinds) }),
  description: Type.String(),
  at: Type.String({ format: 'date-time' }),
  facilityZip: Type.Union([Type.String(), Type.Null()]),
  zip11: Type.Union([Type.String(), Type.Null()]),
  mailerId: Type.Union([Type.Integer(), Type.Null()]),
  source: Type.String({ enum: Object.keys(scanSources) }),
});

function feedProblem(summary: FeedSummary): ProblemError {
  return new ProblemError(
    422,
    problemTypes.validation,
    'Invalid records',
    `${summary.rejected} of ${summary.received} records are invalid; nothing was stored. Correct them, or send the feed with ?invalid=skip to store the rest.`,
    summary.errors.map((e) => ({ field: `/line/${e.line}/${e.field}`, message: e.reason })),
  );
}

/**
 * Tracking events: feeds load them (NDJSON or CSV, streamed, in one transaction each, every
 * event stored once however often it is sent), staff look them up. Lookups are POSTs: an
 * article number or a delivery point never goes in a URL.
 */
export const trackingRoutes: FastifyPluginAsync<{ database: Database; clock: () => Date }> = async (base, { database, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tracking'];
  // The feed is read as it arrives: the request stream is handed on unread.
  app.addContentTypeParser(Object.keys(feedTypes), (_request, payload, done) => done(null, payload));

  app.post(
    '/events',
    {
      schema: {
        tags,
        summary: 'Load tracking events from a carrier or processing feed (NDJSON or CSV, streamed)',
        description:
          'One event per line: NDJSON objects, or CSV with a header line. Fields: `article` (an IMpb, 20-digit or S10 article number) or `imb` (65 bars, or the tracking and routing digits); ' +
          `\`event\` (${Object.keys(trackingEventKinds).join(', ')}); \`at\` (ISO 8601 with its zone); \`source\` (${Object.keys(scanSources).join(', ')}); ` +
          '`facilityZip` and `zip` (5, 9 or 11 digits) optional. All values are strings. ' +
          `Committed in one transaction before the answer; an event already stored is counted as a duplicate and stored once, so a feed that is not sure may send again. At most ${maxEventsPerLoad.toLocaleString('en-US')} records a request (413). ` +
          'With `invalid=reject` (the default) one invalid record refuses the feed (422, the first errors by line and field, nothing stored); with `invalid=skip` the rest is stored and the invalid ones listed. Needs tracking.ingest.',
        querystring: Type.Object(
          { invalid: Type.Optional(Type.Union([Type.Literal('reject'), Type.Literal('skip')], { default: 'reject' })) },
          { additionalProperties: false },
        ),
        consumes: Object.keys(feedTypes),
        body: Type.Unsafe<unknown>({ description: 'the feed' }),
        response: { 200: Summary, ...problemResponses },
      },
      config: { purpose: ingestPurpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!Object.hasOwn(feedTypes, type))
        throw new ProblemError(
          415,
          problemTypes.validation,
          'Unsupported feed type',
          `Send the feed as ${Object.keys(feedTypes).join(' or ')}.`,
        );
      try {
        const summary = await ingestFeed(
          database,
          principal,
          readFeed(request.body as Readable, feedTypes[type as keyof typeof feedTypes]),
          { invalid: request.query.invalid ?? 'reject' },
          auditContext(request),
          clock,
        );
        return { ...summary, errors: [...summary.errors] };
      } catch (error) {
        if (error instanceof FeedRefused) throw feedProblem(error.summary);
        if (error instanceof FeedTooLarge) throw new ProblemError(413, problemTypes.validation, 'Feed too large', error.message);
        throw error;
      }
    },
  );

  app.post(
    '/lookup',
    {
      schema: {
        tags,
        summary: 'Find tracking events by article number, by IMb, by delivery point (11-digit ZIP) and day, or by Mailer ID and day',
        description: `An article number or IMb answers the piece's whole history; a delivery point's or a mailer's day answers ${pageSize} events a page, in time order (\`next\` is the \`after\` of the next page; null on the last). Audited.`,
        body: Query,
        response: {
          200: Type.Object({ events: Type.Array(EventSchema), next: Type.Union([Type.String(), Type.Null()]) }),
          ...problemResponses,
        },
      },
      config: { purpose: lookupPurpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      try {
        const answer = await withPrincipal(database.db, principal, (trx) =>
          lookupTracking(trx, principal, request.body, auditContext(request), clock()),
        );
        return { events: answer.events.map((e) => ({ ...e, at: e.at.toISOString() })), next: answer.next };
      } catch (error) {
        if (error instanceof InvalidTrackingQuery) throw fieldProblem(`/body/${error.field}`, error.message);
        throw error;
      }
    },
  );
};
