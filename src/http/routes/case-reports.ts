import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import { backlogBuckets, InvalidReportField, type CaseReport, type CaseReports, type DurationReport } from '../../modules/reports/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { fieldProblem, problemResponses } from '../problem.ts';
import { CaseReportQuerySchema, CaseReportSchema } from './case-report-schema.ts';

const purpose = 'quality control of customer service: case volume, response and resolution times, backlog (880.000)';

const durationJson = (d: DurationReport) => ({ all: d.all, byChannel: d.byChannel.map((c) => ({ ...c })) });

/** The report as its schema has it: arrays copied (the domain's are read-only), the instant as text. */
function reportJson(report: CaseReport) {
  return {
    from: report.from,
    to: report.to,
    timeZone: report.timeZone,
    volume: {
      total: report.volume.total,
      byDay: report.volume.byDay.map((d) => ({ day: d.day, total: d.total, byChannel: { ...d.byChannel } })),
      byChannel: { ...report.volume.byChannel },
      byArea: report.volume.byArea.map((a) => ({ ...a })),
    },
    firstResponse: durationJson(report.firstResponse),
    resolution: durationJson(report.resolution),
    backlog: {
      asOf: report.backlog.asOf.toISOString(),
      bucketLabels: backlogBuckets.map((b) => b.label),
      byArea: report.backlog.byArea.map((a) => ({ ...a, buckets: [...a.buckets] })),
      all: { ...report.backlog.all, buckets: [...report.backlog.all.buckets] },
    },
    sla: report.sla,
  };
}

function queryFailure(error: unknown): never {
  if (error instanceof InvalidReportField) throw fieldProblem(`/querystring/${error.field}`, error.reason);
  throw error;
}

/** The supervisors' case report (reports.read): aggregates over the cases of their areas. */
export const caseReportRoutes: FastifyPluginAsync<{
  database: Database;
  reports: CaseReports;
  clock: () => Date;
}> = async (base, { database, reports, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/reports/cases',
    {
      schema: {
        tags: ['reports'],
        summary: 'Case volume, first-response and resolution times, backlog age and SLA alerts',
        description:
          'Over the cases of the business areas you work in and the shared queue. Volume: cases opened per local day, channel and area. First response and resolution: p50/p90/p99 by the nearest-rank method (computed in the application) of the cases opened in the period, in elapsed and in business hours. Backlog: cases open now by age class and area. SLA: warnings and breaches announced in the period. Counts and durations only: no case, customer or text. Supervisors.',
        querystring: CaseReportQuerySchema,
        response: { 200: CaseReportSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const report = await withPrincipal(database.db, principal, (trx) =>
        reports.report(trx, principal, request.query, auditContext(request), clock()),
      ).catch(queryFailure);
      return reportJson(report);
    },
  );
};
