import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  accessReportJson,
  decisionOutcomes,
  identityMethods,
  InvalidRequestField,
  letterKinds,
  openableKinds,
  PrivacyRequestNotFound,
  renderAccessReportPdf,
  requestChannels,
  RequestConflict,
  requestStatuses,
  type LetterKind,
  type PrivacyRequest,
  type PrivacyRequestService,
} from '../../modules/privacy/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { sendPdf } from '../pdf-reply.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { Nullable } from './common-schema.ts';

const purpose = 'Privacy Act requests: notification, access, amendment and appeal (5 U.S.C. 552a(d))';
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Pdf = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });
const Params = Type.Object({ id: Uuid });

const AddressSchema = Type.Object(
  {
    deliveryLine: Type.String({ minLength: 1, maxLength: 64 }),
    unitDesignator: Nullable(Type.String({ maxLength: 8 })),
    unitNumber: Nullable(Type.String({ maxLength: 16 })),
    city: Type.String({ minLength: 1, maxLength: 40 }),
    state: Type.String({ minLength: 2, maxLength: 2 }),
    zip5: Type.String({ minLength: 5, maxLength: 5 }),
    zip4: Nullable(Type.String({ maxLength: 4 })),
  },
  { additionalProperties: false },
);
const RequesterSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    kind: Type.Optional(Type.Enum(['person', 'organisation'])),
    address: Type.Optional(Nullable(AddressSchema)),
    email: Type.Optional(Nullable(Type.String({ maxLength: 254 }))),
  },
  { additionalProperties: false },
);
const TargetSchema = Type.Object(
  {
    recordTable: Type.String({ minLength: 1, maxLength: 63, description: "only 'customer_values' can be amended" }),
    recordId: Uuid,
    field: Type.String({ minLength: 1, maxLength: 63 }),
    requestedValue: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
const NewRequestSchema = Type.Object(
  {
    kind: Type.Enum([...openableKinds]),
    channel: Type.Enum([...requestChannels]),
    customerId: Type.Optional(Nullable(Uuid)),
    businessArea: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    requester: RequesterSchema,
    details: Type.String({ minLength: 1, maxLength: 20_000 }),
    receivedAt: Type.Optional(DateTime),
    target: Type.Optional(Nullable(TargetSchema)),
  },
  { additionalProperties: false },
);
const RequestSchema = Type.Object({
  id: Uuid,
  number: Type.String(),
  subjectId: Uuid,
  businessArea: Nullable(Type.String()),
  kind: Type.String(),
  channel: Type.String(),
  status: Type.Enum([...requestStatuses]),
  requester: RequesterSchema,
  details: Type.String(),
  receivedAt: DateTime,
  identity: Nullable(Type.Object({ method: Type.String(), verifiedBy: Type.String(), verifiedAt: DateTime })),
  acknowledgeDue: Nullable(DateTime),
  decideDue: DateTime,
  acknowledgedAt: Nullable(DateTime),
  decidedAt: Nullable(DateTime),
  decisionReason: Nullable(Type.String()),
  appealOf: Nullable(Uuid),
  appealWindowEnds: Nullable(DateTime),
  target: Nullable(TargetSchema),
  recordType: Type.String(),
  disposeAfter: Nullable(DateTime),
  createdBy: Type.String(),
  createdAt: DateTime,
  nextDeadline: Nullable(Type.Object({ name: Type.String(), dueAt: DateTime, status: Nullable(Type.String()) })),
});
const RecipientSchema = Type.Object({
  disclosureId: Uuid,
  disclosedAt: DateTime,
  recipient: Type.Object({ name: Type.String(), address: Type.String() }),
  recipientKind: Type.String(),
});

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const requestJson = (r: PrivacyRequest) => ({
  ...r,
  receivedAt: r.receivedAt.toISOString(),
  identity: r.identity ? { ...r.identity, verifiedAt: r.identity.verifiedAt.toISOString() } : null,
  acknowledgeDue: iso(r.acknowledgeDue),
  decideDue: r.decideDue.toISOString(),
  acknowledgedAt: iso(r.acknowledgedAt),
  decidedAt: iso(r.decidedAt),
  appealWindowEnds: iso(r.appealWindowEnds),
  disposeAfter: iso(r.disposeAfter),
  createdAt: r.createdAt.toISOString(),
  nextDeadline: r.nextDeadline ? { ...r.nextDeadline, dueAt: r.nextDeadline.dueAt.toISOString() } : null,
});

export function requestFailure(context: 'body' | 'querystring' | 'params') {
  return (error: unknown): never => {
    if (error instanceof InvalidRequestField) throw fieldProblem(`/${context}/${error.field}`, error.reason);
    if (error instanceof RequestConflict)
      throw new ProblemError(409, problemTypes.conflict, 'Conflict', `${error.field}: ${error.reason}`, [
        { field: error.field, message: error.reason },
      ]);
    if (error instanceof PrivacyRequestNotFound)
      throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such Privacy Act request, or not one you may see.');
    throw error;
  };
}

export interface PrivacyRequestRouteOptions {
  readonly database: Database;
  readonly requests: PrivacyRequestService;
  readonly clock: () => Date;
  readonly agency: string;
  readonly timeZone: string;
}

/**
 * Privacy Act requests (registered under /api/privacy/requests): POST /, GET /, GET /:id,
 * GET /:id/events, POST /:id/identity, /:id/acknowledge, /:id/withdraw, /:id/close, /:id/decision, /:id/appeal, /:id/statement,
 * GET /:id/access-report?format=json|pdf, GET /:id/letters/:kind.pdf.
 */
export const privacyRequestRoutes: FastifyPluginAsync<PrivacyRequestRouteOptions> = async (base, options) => {
  const { database, requests, clock } = options;
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['privacy requests'];
  const config = { purpose };

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Record a Privacy Act request received from the portal, by letter, e-mail, fax or in person',
        description:
          'Starts the request’s clocks on the business-day calendar (amendment: acknowledge within 10, decide within 30; notification and access: answer within 20). A requester not in the registry gets a data subject of their own. A letter or fax request needs the requester’s postal address. Invalid fields answer 422 naming each one.',
        body: NewRequestSchema,
        response: { 201: RequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config,
    },
    async (request, reply) => {
      rejectInvalid(request);
      const { receivedAt, ...body } = request.body;
      const input = { ...body, ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}) };
      const opened = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.open(trx, request.principal!, input, auditContext(request), clock()),
      ).catch(requestFailure('body'));
      return reply.status(201).send(requestJson(opened));
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Requests by status, or the open ones overdue or due soon, by due date',
        querystring: Type.Object(
          {
            status: Type.Optional(Type.Enum([...requestStatuses])),
            overdue: Type.Optional(Type.Boolean()),
            dueSoon: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(RequestSchema), ...problemResponses },
      },
      config,
    },
    async (request) => {
      const list = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.list(trx, request.principal!, request.query, auditContext(request), clock()),
      ).catch(requestFailure('querystring'));
      return list.map(requestJson);
    },
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'One request', params: Params, response: { 200: RequestSchema, ...problemResponses } }, config },
    async (request) => {
      const found = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.get(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(requestFailure('params'));
      return requestJson(found);
    },
  );

  app.get(
    '/:id/events',
    {
      schema: {
        tags,
        summary: "The request's history: each step, who took it and when, with codes and ids only",
        params: Params,
        response: {
          200: Type.Array(
            Type.Object({
              kind: Type.String(),
              actor: Type.String(),
              at: Type.String({ format: 'date-time' }),
              detail: Type.Record(Type.String(), Type.Unknown()),
            }),
          ),
          ...problemResponses,
        },
      },
      config,
    },
    async (request) => {
      const events = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.events(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(requestFailure('params'));
      return events.map((event) => ({ ...event, at: event.at.toISOString(), detail: { ...event.detail } }));
    },
  );

  app.post(
    '/:id/identity',
    {
      schema: {
        tags,
        summary: 'Record how the requester’s identity was verified (39 CFR 266.6): the method, the evidence, and who (you)',
        params: Params,
        body: Type.Object(
          { method: Type.Enum([...identityMethods]), evidence: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: RequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config,
    },
    async (request) => {
      rejectInvalid(request);
      const done = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.verifyIdentity(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
      ).catch(requestFailure('body'));
      return requestJson(done);
    },
  );

  app.post(
    '/:id/acknowledge',
    {
      schema: {
        tags,
        summary: 'Acknowledge receipt; the request moves to review',
        params: Params,
        response: { 200: RequestSchema, ...problemResponses },
      },
      config,
    },
    async (request) => {
      const done = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.acknowledge(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(requestFailure('params'));
      return requestJson(done);
    },
  );

  for (const [step, summary] of [
    ['withdraw', 'The requester withdrew the request: its clocks stop'],
    ['close', 'File a decided request away'],
  ] as const) {
    app.post(
      `/:id/${step}`,
      {
        schema: { tags, summary, params: Params, response: { 200: RequestSchema, ...problemResponses } },
        config,
      },
      async (request) => {
        const done = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
          requests[step](trx, request.principal!, request.params.id, auditContext(request), clock()),
        ).catch(requestFailure('params'));
        return requestJson(done);
      },
    );
  }

  app.post(
    '/:id/decision',
    {
      schema: {
        tags,
        summary: 'Grant, partly grant or deny (the privacy office); a denial gives its reasons',
        description:
          'An accepted amendment corrects the customer value (the old one stays in its history) and answers the earlier recipients of the record to be told (552a(c)(4)). A denial of access or amendment opens a 90-day appeal window. Agents may not decide (403).',
        params: Params,
        body: Type.Object(
          { outcome: Type.Enum([...decisionOutcomes]), reason: Type.Optional(Nullable(Type.String({ maxLength: 10_000 }))) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ request: RequestSchema, recipientsToNotify: Type.Array(RecipientSchema) }),
          ...problemResponses,
        },
      },
      attachValidation: true,
      config,
    },
    async (request) => {
      rejectInvalid(request);
      const result = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.decide(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
      ).catch(requestFailure('body'));
      return {
        request: requestJson(result.request),
        recipientsToNotify: result.recipientsToNotify.map((r) => ({
          disclosureId: r.disclosureId,
          disclosedAt: r.disclosedAt.toISOString(),
          recipient: r.recipient,
          recipientKind: r.recipientKind,
        })),
      };
    },
  );

  app.post(
    '/:id/appeal',
    {
      schema: {
        tags,
        summary: 'Appeal a denied request: opens an appeal, refused after the 90-day window (422 naming receivedAt)',
        params: Params,
        body: Type.Object(
          {
            channel: Type.Enum([...requestChannels]),
            details: Type.String({ minLength: 1, maxLength: 20_000 }),
            receivedAt: Type.Optional(DateTime),
          },
          { additionalProperties: false },
        ),
        response: { 201: RequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config,
    },
    async (request, reply) => {
      rejectInvalid(request);
      const { receivedAt, ...body } = request.body;
      const opened = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.appeal(
          trx,
          request.principal!,
          request.params.id,
          { ...body, ...(receivedAt ? { receivedAt: new Date(receivedAt) } : {}) },
          auditContext(request),
          clock(),
        ),
      ).catch(requestFailure('body'));
      return reply.status(201).send(requestJson(opened));
    },
  );

  app.post(
    '/:id/statement',
    {
      schema: {
        tags,
        summary: 'File the subject’s statement of disagreement with a refused amendment; it attaches to the disputed record',
        params: Params,
        body: Type.Object({ statement: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false }),
        response: {
          201: Type.Object({ id: Uuid, requestId: Uuid, recordTable: Type.String(), recordId: Type.String(), filedAt: DateTime }),
          ...problemResponses,
        },
      },
      attachValidation: true,
      config,
    },
    async (request, reply) => {
      rejectInvalid(request);
      const filed = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.fileStatementOfDisagreement(
          trx,
          request.principal!,
          request.params.id,
          request.body.statement,
          auditContext(request),
          clock(),
        ),
      ).catch(requestFailure('body'));
      return reply.status(201).send({ ...filed, filedAt: filed.filedAt.toISOString() });
    },
  );

  app.get(
    '/:id/access-report',
    {
      schema: {
        tags,
        summary:
          'Everything held about the subject of an access request, with the accounting of disclosures (409 until identity is verified)',
        params: Params,
        querystring: Type.Object({ format: Type.Optional(Type.Enum(['json', 'pdf'])) }, { additionalProperties: false }),
        produces: ['application/json', 'application/pdf'],
      },
      config,
    },
    async (request, reply) => {
      const answer = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.accessReportFor(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(requestFailure('params'));
      if (request.query.format === 'pdf')
        return sendPdf(
          reply,
          await renderAccessReportPdf(answer.report, { agency: options.agency, timeZone: options.timeZone }),
          `${answer.request.number}-records.pdf`,
        );
      // The report's shape is the access report module's (accessReportJson); every field is the subject's own.
      return reply.header('content-type', 'application/json; charset=utf-8').send(accessReportJson(answer.report));
    },
  );

  app.get(
    '/:id/letters/:file',
    {
      schema: {
        tags,
        summary: 'A letter of the request as a PDF: acknowledgement, grant, denial, appeal-decision or amendment-notice (?recipient=n)',
        params: Type.Object({ id: Uuid, file: Type.String({ pattern: `^(${letterKinds.join('|')})\\.pdf$` }) }),
        querystring: Type.Object({ recipient: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false }),
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const kind = request.params.file.replace(/\.pdf$/, '') as LetterKind;
      const recipient = request.query.recipient;
      const pdf = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        requests.letter(
          trx,
          request.principal!,
          request.params.id,
          kind,
          recipient === undefined ? {} : { recipient },
          auditContext(request),
          clock(),
        ),
      ).catch(requestFailure('querystring'));
      return sendPdf(reply, pdf, request.params.file);
    },
  );
};
