import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  CsvSyntaxError,
  importColumnHelp,
  importCustomers,
  ImportHeaderError,
  ImportRejected,
  maxImportRows,
  type CustomerService,
} from '../../modules/customers/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { customerFailure } from './customer-schema.ts';
import { BusinessAreaId } from './common-schema.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';

const maxFileBytes = 20 * 1024 * 1024;

/** A problem's pointer into the file: /body/line/12/email, /body/header/emial. */
function importFailure(error: unknown): never {
  if (error instanceof CsvSyntaxError) throw fieldProblem(`/body/line/${error.line}`, error.message.replace(/^line \d+: /u, ''));
  if (error instanceof ImportHeaderError) throw fieldProblem(`/body/header/${error.column}`, error.reason);
  if (error instanceof ImportRejected)
    throw new ProblemError(
      422,
      problemTypes.validation,
      'Import rejected',
      error.message,
      error.problems.map((p) => ({ field: `/body/line/${p.line}${p.column ? `/${p.column}` : ''}`, message: p.message })),
    );
  return customerFailure(error);
}

export const customerImportRoutes: FastifyPluginAsync<{ database: Database; customers: CustomerService; clock: () => Date }> = async (
  base,
  { database, customers, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: maxFileBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/',
    {
      bodyLimit: maxFileBytes,
      schema: {
        tags: ['customers'],
        summary: 'Register customers in bulk from a CSV file (Content-Type: text/csv)',
        description: `All or nothing: every row is checked as registration would check it, and if any is wrong nothing is imported and the answer (422) lists every bad cell as /body/line/{line}/{column}. ${importColumnHelp}. At most ${maxImportRows} rows per file. dryRun=true checks and reports without creating anything. Each customer created is audited, and the import as a whole.`,
        querystring: Type.Object(
          {
            businessArea: Type.Optional(BusinessAreaId),
            recordSource: Type.Optional(Type.Enum(['list_provider', 'import'])),
            dryRun: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        body: Type.String({ description: 'the CSV file, UTF-8' }),
        response: {
          200: Type.Object({
            dryRun: Type.Boolean(),
            rowsRead: Type.Integer(),
            rows: Type.Array(Type.Object({ line: Type.Integer(), customerId: Type.Null() })),
          }),
          201: Type.Object({
            dryRun: Type.Boolean(),
            rowsRead: Type.Integer(),
            rows: Type.Array(Type.Object({ line: Type.Integer(), customerId: Type.String({ format: 'uuid' }), name: Type.String() })),
          }),
          413: Type.Object({}, { additionalProperties: true }),
          ...problemResponses,
        },
      },
      config: { purpose: 'customer service: register customers from a list or another system (880.000)' },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const options = {
        businessArea: request.query.businessArea ?? null,
        recordSource: request.query.recordSource ?? 'import',
        dryRun: request.query.dryRun ?? false,
      } as const;
      const report = await withPrincipal(database.db, principal, (trx) =>
        importCustomers(customers, trx, principal, request.body, options, auditContext(request), clock()),
      ).catch(importFailure);
      if (report.dryRun) return reply.status(200).send({ ...report, rows: report.rows.map((r) => ({ ...r, customerId: null })) });
      return reply.status(201).send({ ...report, rows: report.rows.map((r) => ({ ...r, customerId: r.customerId! })) });
    },
  );
};
