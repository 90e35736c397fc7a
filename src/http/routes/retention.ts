import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authorize } from '../../access/index.ts';
import { describeRetention, localDateOf, notices, startOfLocalDay, type LocalDate } from '../../catalog/index.ts';
import { withPrincipal, type Database, type Principal, type Tx } from '../../db/index.ts';
import {
  createLegalHolds,
  createRelationshipEnds,
  HoldNotFound,
  InvalidHold,
  InvalidRelationshipEnd,
  SubjectNotFound,
  listCertificates,
  retentionCheck,
  retentionForecast,
  type DisposalCertificate,
  type ForecastLine,
  type LegalHold,
  type LegalHolds,
} from '../../modules/privacy/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { Nullable } from './common-schema.ts';

const Instant = Type.String({ format: 'date-time' });
const CalendarDate = Type.String({ format: 'date', description: 'A local calendar date, YYYY-MM-DD' });

const RuleSchema = Type.Object({
  id: Type.String({ description: 'The record type, e.g. usps-880/inquiry' }),
  name: Type.String(),
  rule: Type.String({ description: 'The retention rule in one phrase, as the sweep applies it' }),
  retentionStatement: Type.String({ description: 'The notice’s retention item this record type implements, verbatim' }),
});
const NoticeRulesSchema = Type.Object({
  id: Type.String(),
  designation: Type.String(),
  name: Type.String(),
  retentionPreamble: Nullable(Type.String()),
  disposal: Type.String({ description: 'The notice’s statement of how records are disposed of' }),
  recordTypes: Type.Array(RuleSchema),
});

const ForecastLineSchema = Type.Object({
  recordTable: Type.String(),
  recordType: Type.String(),
  rule: Type.String(),
  due: Type.Integer({ description: 'Records due by then that no hold keeps: what the sweep will dispose of' }),
  held: Type.Integer({ description: 'Records due by then that a legal hold keeps' }),
  dueFrom: Instant,
  dueTo: Instant,
});
const ForecastSchema = Type.Object({ until: Instant, lines: Type.Array(ForecastLineSchema) });
const CheckSchema = Type.Object({
  passed: Type.Boolean({ description: 'Nothing past its retention remains but what a legal hold keeps or the grace allows' }),
  checkedAt: Instant,
  graceHours: Type.Integer(),
  overdue: Type.Array(ForecastLineSchema),
  held: Type.Array(ForecastLineSchema),
});

const CertificateSchema = Type.Object({
  runId: Type.String({ format: 'uuid' }),
  runBy: Type.String(),
  startedAt: Instant,
  finishedAt: Instant,
  lines: Type.Array(
    Type.Object({
      recordTable: Type.String(),
      recordType: Type.String(),
      rule: Type.String(),
      method: Type.String(),
      records: Type.Integer(),
      files: Type.Integer(),
      keysDestroyed: Type.Integer(),
      dueFrom: Instant,
      dueTo: Instant,
      idsSha256: Type.String({ description: 'Hex SHA-256 over the disposed ids (each batch sorted, chained across batches)' }),
    }),
  ),
});

const ScopeSchema = Type.Object(
  {
    subjectId: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'A data subject’s id (UUID)' }))),
    caseId: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'A case’s id (UUID)' }))),
    recordType: Type.Optional(Nullable(Type.String({ maxLength: 100, description: 'A record type of the catalog' }))),
    businessArea: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    createdFrom: Type.Optional(Nullable(Instant)),
    createdTo: Type.Optional(Nullable(Instant)),
  },
  {
    additionalProperties: false,
    description: 'Which records the hold keeps: every criterion given must match; at least one must be given.',
  },
);
const HoldBodySchema = Type.Object(
  {
    scope: ScopeSchema,
    reason: Type.String({
      maxLength: 500,
      description: 'Why the records must be kept: the matter, request or audit (3 to 500 characters)',
    }),
    owner: Type.String({ maxLength: 200, description: 'Who answers for the hold: an office or a person' }),
    reviewOn: Type.String({ maxLength: 10, description: 'When the need for the hold is looked at again, YYYY-MM-DD' }),
  },
  { additionalProperties: false },
);
const HoldSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  scope: Type.Object({
    subjectId: Nullable(Type.String()),
    caseId: Nullable(Type.String()),
    recordType: Nullable(Type.String()),
    businessArea: Nullable(Type.String()),
    createdFrom: Nullable(Instant),
    createdTo: Nullable(Instant),
  }),
  reason: Type.String(),
  owner: Type.String(),
  reviewOn: CalendarDate,
  placedBy: Type.String(),
  placedAt: Instant,
  releasedBy: Nullable(Type.String()),
  releasedAt: Nullable(Instant),
  releaseNote: Nullable(Type.String()),
});

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

const lineJson = (line: ForecastLine) => ({ ...line, dueFrom: line.dueFrom.toISOString(), dueTo: line.dueTo.toISOString() });

const certificateJson = (certificate: DisposalCertificate) => ({
  ...certificate,
  startedAt: certificate.startedAt.toISOString(),
  finishedAt: certificate.finishedAt.toISOString(),
  lines: certificate.lines.map((line) => ({ ...line, dueFrom: line.dueFrom.toISOString(), dueTo: line.dueTo.toISOString() })),
});

const holdJson = (hold: LegalHold) => ({
  ...hold,
  scope: {
    subjectId: hold.scope.subjectId ?? null,
    caseId: hold.scope.caseId ?? null,
    recordType: hold.scope.recordType ?? null,
    businessArea: hold.scope.businessArea ?? null,
    createdFrom: iso(hold.scope.createdFrom),
    createdTo: iso(hold.scope.createdTo),
  },
  placedAt: hold.placedAt.toISOString(),
  releasedAt: iso(hold.releasedAt),
});

/**
 * The retention errors as problem+json: a bad hold or relationship end is a 400 naming its
 * field (as schema errors do), a missing hold or subject a 404.
 */
function retentionFailure(error: unknown): never {
  if (error instanceof InvalidHold || error instanceof InvalidRelationshipEnd) {
    const title = error instanceof InvalidHold ? 'Invalid hold' : 'Invalid relationship end';
    throw new ProblemError(400, problemTypes.validation, title, `/body/${error.field} ${error.reason}`, [
      { field: `/body/${error.field}`, message: error.reason },
    ]);
  }
  if (error instanceof HoldNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such legal hold, or it was already released.');
  if (error instanceof SubjectNotFound)
    throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such customer or data subject.');
  throw error;
}

const parseDate = (text: string): LocalDate => {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const nextDay = (date: LocalDate): LocalDate => {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
};

/**
 * Retention and disposal for the privacy office: the rules of the catalog, what falls due
 * and what legal holds keep, the compliance check, the disposal certificates of the sweeps
 * (records managers; auditors and privacy officers read the certificates), legal holds, and
 * the end of a customer's relationship that starts the rules running from it (privacy officers).
 */
export const retentionRoutes: FastifyPluginAsync<{
  database: Database;
  clock: () => Date;
  /** The agency's time zone: certificate dates are its calendar days. */
  timeZone: string;
  holds?: LegalHolds;
}> = async (base, { database, clock, timeZone, holds = createLegalHolds() }) => {
  const relationshipEnds = createRelationshipEnds({ timeZone });
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['retention'];
  const purpose = 'records management: retention, disposal and legal holds (NARA GRS, the notices’ retention sections)';
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: (trx: Tx, principal: Principal) => Promise<T>) => {
    const principal = requirePrincipal(request);
    return withPrincipal(database.db, principal, (trx) => fn(trx, principal)).catch(retentionFailure);
  };

  app.get(
    '/rules',
    {
      schema: {
        tags,
        summary: 'Every record type of every notice with its retention rule and the notice’s retention statement',
        response: { 200: Type.Array(NoticeRulesSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'catalog.read');
      return notices.map((notice) => ({
        id: notice.id,
        designation: notice.designation,
        name: notice.name,
        retentionPreamble: notice.retentionPreamble ?? null,
        disposal: notice.disposal,
        recordTypes: notice.recordTypes.map((type) => ({
          id: type.id,
          name: type.name,
          rule: describeRetention(type.retention),
          retentionStatement: type.retentionStatement,
        })),
      }));
    },
  );

  app.get(
    '/forecast',
    {
      schema: {
        tags,
        summary: 'What falls due in the next days, by table and record type, held records counted apart (records managers)',
        querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 36_600, default: 30 }) }),
        response: { 200: ForecastSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const until = new Date(clock().getTime() + request.query.days * 86_400_000);
      const lines = await run(request, (trx, principal) => retentionForecast(trx, principal, until));
      return { until: until.toISOString(), lines: lines.map(lineJson) };
    },
  );

  app.get(
    '/check',
    {
      schema: {
        tags,
        summary: 'Whether anything past its retention remains that no legal hold keeps (records managers)',
        description:
          'Records past their date by less than graceHours are allowed for: the scheduled sweep runs every hour. Answers 200 whether or not the check passes.',
        querystring: Type.Object({ graceHours: Type.Integer({ minimum: 0, maximum: 8_784, default: 2 }) }),
        response: { 200: CheckSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const graceHours = request.query.graceHours;
      const check = await run(request, (trx, principal) => retentionCheck(trx, principal, clock(), graceHours * 3_600_000));
      return {
        passed: check.passed,
        checkedAt: check.checkedAt.toISOString(),
        graceHours,
        overdue: check.overdue.map(lineJson),
        held: check.held.map(lineJson),
      };
    },
  );

  app.get(
    '/certificates',
    {
      schema: {
        tags,
        summary: 'Disposal certificates of the sweeps that finished between two dates, newest first',
        description:
          'Dates are calendar days in the agency’s time zone, both included; by default the last 90 days. Records managers, privacy officers and auditors.',
        querystring: Type.Object({ from: Type.Optional(CalendarDate), to: Type.Optional(CalendarDate) }),
        response: { 200: Type.Array(CertificateSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const today = localDateOf(clock().getTime(), timeZone);
      const to = request.query.to ? parseDate(request.query.to) : today;
      const from = request.query.from ? parseDate(request.query.from) : localDateOf(clock().getTime() - 90 * 86_400_000, timeZone);
      const fromAt = new Date(startOfLocalDay(from, timeZone));
      const toAt = new Date(startOfLocalDay(nextDay(to), timeZone));
      if (fromAt.getTime() >= toAt.getTime())
        throw new ProblemError(400, problemTypes.validation, 'Invalid request', '/querystring/to must not be before from', [
          { field: '/querystring/to', message: 'must not be before from' },
        ]);
      const certificates = await run(request, (trx, principal) => listCertificates(trx, principal, fromAt, toAt));
      return certificates.map(certificateJson);
    },
  );

  app.get(
    '/holds',
    {
      schema: {
        tags,
        summary: 'Legal holds, newest first: the active ones only with active=true (records managers)',
        querystring: Type.Object({ active: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(HoldSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const active = request.query.active;
      const list = await run(request, (trx, principal) => holds.list(trx, principal, { active: active === true }));
      // active=false: the released holds only.
      return (active === false ? list.filter((hold) => hold.releasedAt !== null) : list).map(holdJson);
    },
  );

  app.post(
    '/holds',
    {
      schema: {
        tags,
        summary: 'Place a legal hold: the sweep disposes of nothing it covers until it is released (records managers)',
        description: 'A hold that cannot be placed as given is refused with 400, the error naming the field, e.g. /body/scope.',
        body: HoldBodySchema,
        response: { 201: HoldSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request, reply) => {
      const { scope, reason, owner, reviewOn } = request.body;
      const input = {
        scope: {
          ...scope,
          createdFrom: scope.createdFrom ? new Date(scope.createdFrom) : null,
          createdTo: scope.createdTo ? new Date(scope.createdTo) : null,
        },
        reason,
        owner,
        reviewOn,
      };
      const hold = await run(request, (trx, principal) => holds.place(trx, principal, input, auditContext(request), clock()));
      return reply.status(201).send(holdJson(hold));
    },
  );

  app.post(
    '/holds/:id/release',
    {
      schema: {
        tags,
        summary: 'Release a legal hold, saying why; what it kept is disposed of at the next sweep if its rule has run',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ note: Type.String({ maxLength: 500 }) }, { additionalProperties: false }),
        response: { 200: HoldSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      holdJson(
        await run(request, (trx, principal) =>
          holds.release(trx, principal, request.params.id, request.body.note, auditContext(request), clock()),
        ),
      ),
  );
  app.put(
    '/relationship-ends/:subjectId',
    {
      schema: {
        tags,
        summary:
          'Record the day a customer’s relationship ended (account closed, ceased to participate, removal asked for), or null if it lasts again: every record of theirs under a rule that runs from that end is rescheduled (privacy officers)',
        description:
          'The rules of 820.200 customer accounts, business mailings and delivery requests, 890.000 memberships and sales contacts, and PAT-TM-20 customers run from this day. A date in the future, or not a date, is refused with 400 naming /body/endedOn.',
        params: Type.Object({ subjectId: Type.String({ maxLength: 100 }) }),
        body: Type.Object({ endedOn: Nullable(CalendarDate) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            subjectId: Type.String({ format: 'uuid' }),
            endedOn: Nullable(CalendarDate),
            rescheduled: Type.Integer({ description: 'Records whose disposal date this changed' }),
          }),
          ...problemResponses,
        },
      },
      config: { purpose },
    },
    async (request) =>
      run(request, (trx, principal) =>
        relationshipEnds.record(trx, principal, request.params.subjectId, request.body.endedOn, auditContext(request), clock()),
      ),
  );
};
