import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import { caseRef, CaseNotFound } from '../../modules/cases/index.ts';
import { InvalidReportField } from '../../modules/reports/index.ts';
import type { SatisfactionReports, SatisfactionRow, SurveyService } from '../../modules/surveys/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { fieldProblem, ProblemError, problemResponses, problemTypes } from '../problem.ts';
import { Nullable } from './common-schema.ts';

const reportPurpose = 'quality control of customer service: satisfaction by agent, area and channel (PAT-TM-20)';
const casePurpose = 'customer service: read the satisfaction survey answers about a case (PAT-TM-20)';
const Channel = Type.Enum(['email', 'phone', 'fax', 'web', 'letter', 'walk_in']);

const RowSchema = Type.Object(
  {
    key: Nullable(Type.String({ description: 'staff id, business area id or channel code; null: unassigned or the shared queue' })),
    label: Type.String(),
    invitations: Type.Integer({ description: 'invitations sent in the period (cases resolved), less those voided unanswered' }),
    answered: Type.Integer({ description: 'of those invitations, how many were answered' }),
    responseRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'answered / invitations' })),
    responses: Type.Integer({ description: 'answers given in the period' }),
    average: Nullable(Type.Number({ minimum: 1, maximum: 5, description: 'mean rating of those answers' })),
    distribution: Type.Array(Type.Integer({ minimum: 0 }), {
      minItems: 5,
      maxItems: 5,
      description: 'how many answers rated 1, 2, 3, 4 and 5',
    }),
  },
  { additionalProperties: false },
);
const ReportSchema = Type.Object(
  {
    from: Type.String({ format: 'date' }),
    to: Type.String({ format: 'date' }),
    by: Type.String(),
    rows: Type.Array(RowSchema),
    total: RowSchema,
  },
  { additionalProperties: false },
);
const ResponseSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    caseId: Type.String({ format: 'uuid' }),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Nullable(Type.String()),
    agentId: Nullable(Type.String({ format: 'uuid' })),
    businessArea: Nullable(Type.String()),
    channel: Channel,
    answeredAt: Type.String({ format: 'date-time' }),
    disposeAfter: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

const rowJson = (row: SatisfactionRow) => ({ ...row, distribution: [...row.distribution] });

function queryFailure(error: unknown): never {
  if (error instanceof InvalidReportField) throw fieldProblem(`/querystring/${error.field}`, error.reason);
  throw error;
}

/** Staff views of the surveys: the satisfaction report (reports.read) and a case's answers (whoever reads the case). */
export const surveyReportRoutes: FastifyPluginAsync<{
  database: Database;
  surveys: SurveyService;
  reports: SatisfactionReports;
  clock: () => Date;
}> = async (base, { database, surveys, reports, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/reports/satisfaction',
    {
      schema: {
        tags: ['reports'],
        summary: 'Customer satisfaction per agent, business area or channel',
        description:
          'Counts, mean rating, the distribution of ratings 1 to 5 and the response rate, over the business areas you work in. No comments, cases or customers. Dates are local days of the agency, both included. Supervisors.',
        querystring: Type.Object(
          {
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            by: Type.Union([Type.Literal('agent'), Type.Literal('area'), Type.Literal('channel')], { default: 'agent' }),
          },
          { additionalProperties: false },
        ),
        response: { 200: ReportSchema, ...problemResponses },
      },
      config: { purpose: reportPurpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const report = await withPrincipal(database.db, principal, (trx) =>
        reports.report(trx, principal, request.query, auditContext(request), clock()),
      ).catch(queryFailure);
      return { ...report, rows: report.rows.map(rowJson), total: rowJson(report.total) };
    },
  );

  app.get(
    '/cases/:id/survey-responses',
    {
      schema: {
        tags: ['cases', 'surveys'],
        summary: 'The satisfaction survey answers about a case, with the comments',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Array(ResponseSchema), ...problemResponses },
      },
      config: { purpose: casePurpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      // A case the caller may not read is 404, like a missing one, not an empty list.
      const responses = await withPrincipal(database.db, principal, async (trx) => {
        await caseRef(trx, principal, request.params.id, 'record.read');
        return surveys.responsesOfCase(trx, principal, request.params.id, auditContext(request), clock());
      }).catch((error: unknown) => {
        if (error instanceof CaseNotFound)
          throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
        throw error;
      });
      return responses.map((r) => ({ ...r, answeredAt: r.answeredAt.toISOString(), disposeAfter: r.disposeAfter.toISOString() }));
    },
  );
};
