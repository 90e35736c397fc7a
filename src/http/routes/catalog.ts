import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { describeRetention, findNotice, noticeToJson, notices, recordTypes, renderNotice } from '../../catalog/index.ts';
import { authorize } from '../../access/index.ts';
import { requirePrincipal } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

// The catalog is public law, not personal data; its JSON shapes come from the catalog's own types.
const open = { additionalProperties: true } as const;
const NoticeSummary = Type.Object({
  id: Type.String({ examples: ['880.000'] }),
  designation: Type.String(),
  name: Type.String(),
  recordTypes: Type.Integer(),
});
const NoticeDocument = Type.Object({
  id: Type.String(),
  designation: Type.String(),
  name: Type.String(),
  source: Type.String(),
  sections: Type.Array(Type.Object({ heading: Type.String() }, open)),
  routineUses: Type.Object({ text: Type.String(), standard: Type.Array(Type.Integer()) }),
  retrievalKeys: Type.Array(Type.String()),
  recordTypes: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      categories: Type.Array(Type.String()),
      retention: Type.Object({ kind: Type.String() }, open),
      retentionDescription: Type.String(),
      retentionStatement: Type.String(),
      retrievalKeys: Type.Array(Type.String()),
      fields: Type.Record(Type.String(), Type.String()),
    }),
  ),
});
const RecordTypeRow = Type.Object({
  id: Type.String(),
  notice: Type.String(),
  name: Type.String(),
  retention: Type.String(),
  retentionStatement: Type.String(),
});

export const catalogRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['catalog'];

  app.get(
    '/notices',
    {
      schema: {
        tags,
        summary: 'The systems of records notices Caseline obeys',
        response: { 200: Type.Array(NoticeSummary), ...problemResponses },
      },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'catalog.read');
      return notices.map((n) => ({ id: n.id, designation: n.designation, name: n.name, recordTypes: n.recordTypes.length }));
    },
  );

  const noticeParams = Type.Object({ id: Type.String({ maxLength: 40, examples: ['880.000'] }) });
  const lookup = (id: string) => {
    const notice = findNotice(id);
    if (!notice)
      throw new ProblemError(404, problemTypes.notFound, 'No such notice', `Known notices: ${notices.map((n) => n.id).join(', ')}.`);
    return notice;
  };

  app.get(
    '/notices/:id',
    {
      schema: {
        tags,
        summary: 'One notice: its Federal Register sections and the typed declarations behind them',
        params: noticeParams,
        response: { 200: NoticeDocument, ...problemResponses },
      },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'catalog.read');
      // The catalog's types are deeply readonly; the response schema's are not.
      return noticeToJson(lookup(request.params.id)) as unknown as Static<typeof NoticeDocument>;
    },
  );

  app.get(
    '/notices/:id/federal-register',
    {
      schema: {
        tags,
        summary: 'One notice as Markdown in the Federal Register layout, generated from the catalog',
        params: noticeParams,
        produces: ['text/markdown'],
        response: { 200: Type.String(), ...problemResponses },
      },
    },
    async (request, reply) => {
      authorize(requirePrincipal(request), 'catalog.read');
      return reply.type('text/markdown; charset=utf-8').send(renderNotice(lookup(request.params.id), 'markdown'));
    },
  );

  app.get(
    '/record-types',
    {
      schema: {
        tags,
        summary: 'Every record type with its retention rule',
        response: { 200: Type.Array(RecordTypeRow), ...problemResponses },
      },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'catalog.read');
      return [...recordTypes.values()].map((t) => ({
        id: t.id,
        notice: t.notice,
        name: t.name,
        retention: describeRetention(t.retention),
        retentionStatement: t.retentionStatement,
      }));
    },
  );
};
