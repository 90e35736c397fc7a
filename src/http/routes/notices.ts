import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize } from '../../access/index.ts';
import { findNotice, notices, type Notice } from '../../catalog/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  buildAssessment,
  isAltered,
  listPublications,
  NothingToPublish,
  publishNotice,
  renderPiaMarkdown,
  renderPiaPdf,
  reviewNotice,
  type NoticeReview,
  type PiaConfiguration,
  type PublishedNotice,
} from '../../modules/privacy/index.ts';
import { sendPdf } from '../pdf-reply.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { Nullable } from './common-schema.ts';

const purpose =
  'Privacy Act systems of records notices and privacy impact assessment (5 U.S.C. 552a(e)(4), (e)(11); E-Government Act § 208)';
const Instant = Type.String({ format: 'date-time' });
const Pdf = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });
const Action = Type.Enum(['needs_new_notice', 'revision', 'none'], {
  description:
    'needs_new_notice: a new or altered notice in the Federal Register before the change takes effect (552a(e)(4), 552a(r)); revision: folded into the next publication',
});

const BlockSchema = Type.Union([
  Type.Object({ kind: Type.Literal('paragraph'), text: Type.String() }),
  Type.Object({
    kind: Type.Literal('list'),
    items: Type.Array(Type.Object({ title: Type.Optional(Type.String()), text: Type.String() })),
  }),
]);

const ChangeSchema = Type.Object({
  topic: Type.String({ description: 'purposes, categories_of_individuals, categories_of_records, routine_uses, standard_routine_uses, …' }),
  change: Type.Enum(['added', 'removed', 'changed']),
  item: Type.String(),
  before: Nullable(Type.String()),
  after: Nullable(Type.String()),
  action: Type.Enum(['needs_new_notice', 'revision']),
  routineUseCommentDays: Nullable(Type.Integer({ description: '30 for a new or changed routine use (5 U.S.C. 552a(e)(11))' })),
});

const PublicationSchema = Type.Object({
  noticeId: Type.String(),
  version: Type.Integer(),
  publishedAt: Instant,
  publishedBy: Type.String({ description: "Who recorded it: 'staff:<id>', or 'system:system:sorn' for the command line" }),
  sha256: Type.String({ description: 'Hex SHA-256 of the notice’s canonical JSON as published' }),
  altered: Type.Boolean({ description: 'The stored notice no longer matches its recorded SHA-256: it was changed after publication' }),
});

const NoticeStatusSchema = Type.Object({
  id: Type.String({ examples: ['880.000'] }),
  designation: Type.String(),
  name: Type.String(),
  sections: Type.Array(Type.Object({ heading: Type.String(), blocks: Type.Array(BlockSchema) })),
  routineUses: Type.Object({
    text: Type.String({ description: 'The notice’s own routine uses, in its words' }),
    standard: Type.Array(Type.Integer(), { description: 'The agency’s standard routine uses the notice adopts, by number' }),
  }),
  review: Type.Object({
    status: Type.Enum(['unpublished', 'changed', 'current'], {
      description: 'unpublished: never published; changed: the catalog differs from the latest published version',
    }),
    action: Action,
    routineUseCommentDays: Nullable(Type.Integer()),
    requiredAction: Type.String({ description: 'The action required, in one sentence' }),
    changes: Type.Array(ChangeSchema, { description: 'What changed since the latest published version; empty when never published' }),
  }),
  publications: Type.Array(PublicationSchema, { description: 'The published versions, newest first' }),
});

const PiaBlockSchema = Type.Union([
  Type.Object({ kind: Type.Literal('heading'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('paragraph'), text: Type.String() }),
  Type.Object({ kind: Type.Literal('list'), items: Type.Array(Type.String()) }),
  Type.Object({ kind: Type.Literal('table'), columns: Type.Array(Type.String()), rows: Type.Array(Type.Array(Type.String())) }),
]);
const PiaSchema = Type.Object({
  title: Type.String(),
  systemName: Type.String(),
  preparedFor: Type.String(),
  generatedAt: Instant,
  parts: Type.Array(
    Type.Object({
      title: Type.String(),
      questions: Type.Array(Type.Object({ number: Type.String(), question: Type.String(), answer: Type.Array(PiaBlockSchema) })),
    }),
  ),
  markdown: Type.String({ description: 'The same assessment as `caseline pia` prints' }),
});

const publicationJson = (published: PublishedNotice) => ({
  noticeId: published.noticeId,
  version: published.version,
  publishedAt: published.publishedAt.toISOString(),
  publishedBy: published.publishedBy,
  sha256: published.sha256.toString('hex'),
  altered: isAltered(published),
});

// The catalog's types are deeply readonly; the response schema's are not.
const noticeJson = (review: NoticeReview, publications: readonly PublishedNotice[]) => ({
  id: review.notice.id,
  designation: review.notice.designation,
  name: review.notice.name,
  sections: review.current.sections.map((section) => ({
    heading: section.heading,
    blocks: section.blocks.map((block) =>
      block.kind === 'paragraph'
        ? { kind: block.kind, text: block.text }
        : { kind: block.kind, items: block.items.map((item) => ({ ...item })) },
    ),
  })),
  routineUses: { text: review.current.routineUses.text, standard: [...review.current.routineUses.standard] },
  review: {
    status: review.latest === null ? ('unpublished' as const) : review.action === 'none' ? ('current' as const) : ('changed' as const),
    action: review.action,
    routineUseCommentDays: review.routineUseCommentDays,
    requiredAction: review.requiredAction,
    changes: (review.diff?.changes ?? []).map((change) => ({
      topic: change.topic,
      change: change.change,
      item: change.item,
      before: change.before ?? null,
      after: change.after ?? null,
      action: change.action,
      routineUseCommentDays: change.routineUseCommentDays ?? null,
    })),
  },
  publications: publications.map(publicationJson),
});

const noticeOf = (id: string): Notice => {
  const notice = findNotice(id);
  if (!notice)
    throw new ProblemError(404, problemTypes.notFound, 'No such notice', `Known notices: ${notices.map((n) => n.id).join(', ')}.`);
  return notice;
};

/**
 * The privacy office's notices and PIA (registered under /api/privacy): GET /notices (each
 * notice as the catalog renders it, what changed since its last publication and what that
 * requires, its publication history), POST /notices/:id/publish (privacy officers),
 * GET /pia and GET /pia.pdf (the assessment of the catalog and the running configuration).
 */
export const noticeRoutes: FastifyPluginAsync<{ database: Database; clock: () => Date; pia: PiaConfiguration }> = async (
  base,
  { database, clock, pia },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['notices'];
  const assessment = () => buildAssessment({ configuration: pia, generatedAt: clock() });

  app.get(
    '/notices',
    {
      schema: {
        tags,
        summary: 'Every notice as generated from the catalog, what changed since its last published version, and its publication history',
        description:
          'A new or changed purpose, category, retrieval key or routine use needs a new or altered notice (5 U.S.C. 552a(e)(4)); a new or changed routine use also 30 days for comment (552a(e)(11)). Readable by every staff role (catalog.read).',
        response: { 200: Type.Array(NoticeStatusSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return withPrincipal(database.db, principal, async (trx) => {
        const all = [];
        for (const notice of notices) {
          all.push(noticeJson(await reviewNotice(trx, principal, notice), await listPublications(trx, principal, notice)));
        }
        return all;
      });
    },
  );

  app.post(
    '/notices/:id/publish',
    {
      schema: {
        tags,
        summary: 'Record the catalog’s notice as its next published version, as `caseline sorn publish` does (privacy officers)',
        description: 'Answers 409 when the catalog matches the latest published version: there is nothing to publish.',
        params: Type.Object({ id: Type.String({ maxLength: 40, examples: ['880.000'] }) }),
        response: { 201: PublicationSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const notice = noticeOf(request.params.id);
      const published = await publishNotice(database, requirePrincipal(request), notice, auditContext(request), clock()).catch(
        (error: unknown) => {
          if (error instanceof NothingToPublish)
            throw new ProblemError(
              409,
              problemTypes.conflict,
              'Nothing to publish',
              `${notice.designation} has not changed since version ${error.latest.version}.`,
            );
          throw error;
        },
      );
      return reply.status(201).send(publicationJson(published));
    },
  );

  app.get(
    '/pia',
    {
      schema: {
        tags,
        summary: 'The privacy impact assessment (PTA/PIA) of the catalog and the running configuration, as `caseline pia`',
        response: { 200: PiaSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'catalog.read');
      const built = assessment();
      return {
        title: built.title,
        systemName: built.systemName,
        preparedFor: built.preparedFor,
        generatedAt: built.generatedAt.toISOString(),
        parts: built.parts.map((part) => ({
          title: part.title,
          questions: part.questions.map((q) => ({
            number: q.number,
            question: q.question,
            answer: q.answer.map((block) =>
              block.kind === 'list'
                ? { kind: block.kind, items: [...block.items] }
                : block.kind === 'table'
                  ? { kind: block.kind, columns: [...block.columns], rows: block.rows.map((row) => [...row]) }
                  : block,
            ),
          })),
        })),
        markdown: renderPiaMarkdown(built),
      };
    },
  );

  app.get(
    '/pia.pdf',
    {
      schema: {
        tags,
        summary: 'The privacy impact assessment as a PDF, as `caseline pia --format pdf`',
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      authorize(requirePrincipal(request), 'catalog.read');
      return sendPdf(reply, await renderPiaPdf(assessment()), 'pia.pdf');
    },
  );
};
