import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  IncidentConflict,
  IncidentNotFound,
  incidentStatuses,
  incidentSteps,
  InvalidIncidentField,
  maxDescriptionLength,
  maxRoutes,
  maxTitleLength,
  type AffectedPerson,
  type Incident,
  type IncidentDetail,
  type IncidentService,
} from '../../modules/privacy/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { sendPdf } from '../pdf-reply.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { Nullable } from './common-schema.ts';

const purpose = 'Privacy incident response: blast radius, CISA report and notification of affected individuals (OMB M-17-12)';
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Pdf = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });
const Params = Type.Object({ id: Uuid });
const Route = Type.String({ minLength: 3, maxLength: 210, description: "method and route pattern, e.g. 'GET /portal/api/cases/:id'" });

const NewIncidentSchema = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: maxTitleLength }),
    description: Type.String({ minLength: 1, maxLength: maxDescriptionLength }),
    windowStart: DateTime,
    windowEnd: DateTime,
    suspectedRoutes: Type.Optional(Type.Array(Route, { maxItems: maxRoutes })),
    suspectedRelease: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    discoveredAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
  },
  { additionalProperties: false },
);

const ClockSchema = Type.Object({
  status: Type.Enum(['not_started', 'running', 'overdue', 'met', 'late']),
  deadline: Nullable(DateTime),
  secondsLeft: Nullable(Type.Integer()),
});

const IncidentSchema = Type.Object({
  id: Uuid,
  number: Type.String(),
  title: Type.String(),
  description: Type.String(),
  windowStart: DateTime,
  windowEnd: DateTime,
  suspectedRoutes: Type.Array(Type.String()),
  suspectedRelease: Nullable(Type.String()),
  status: Type.Enum([...incidentStatuses]),
  declaredBy: Type.String(),
  declaredAt: DateTime,
  discoveredAt: DateTime,
  containedAt: Nullable(DateTime),
  confirmedAt: Nullable(DateTime),
  reportedToCisaAt: Nullable(DateTime),
  notificationCompletedAt: Nullable(DateTime),
  radiusComputedAt: Nullable(DateTime),
  blockedResponses: Type.Integer(),
  affectedCount: Type.Integer(),
  cisaClock: ClockSchema,
});

const AffectedSchema = Type.Object({
  subjectId: Uuid,
  businessArea: Nullable(Type.String()),
  recordTypes: Type.Array(Type.String()),
  fieldClasses: Type.Array(Type.String()),
  routes: Type.Array(Type.String()),
  recipients: Type.Array(Type.String({ description: "'portal-session:<uuid>' or 'staff:<uuid>'" })),
  responses: Type.Integer(),
  firstExposedAt: DateTime,
  lastExposedAt: DateTime,
  letterGeneratedAt: Nullable(DateTime),
  emailQueuedAt: Nullable(DateTime),
  noticeCaseId: Nullable(Uuid),
});

const DetailSchema = Type.Object({ incident: IncidentSchema, affected: Type.Array(AffectedSchema) });

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const incidentJson = (i: Incident) => ({
  ...i,
  suspectedRoutes: [...i.suspectedRoutes],
  windowStart: i.windowStart.toISOString(),
  windowEnd: i.windowEnd.toISOString(),
  declaredAt: i.declaredAt.toISOString(),
  discoveredAt: i.discoveredAt.toISOString(),
  containedAt: iso(i.containedAt),
  confirmedAt: iso(i.confirmedAt),
  reportedToCisaAt: iso(i.reportedToCisaAt),
  notificationCompletedAt: iso(i.notificationCompletedAt),
  radiusComputedAt: iso(i.radiusComputedAt),
  cisaClock: { ...i.cisaClock, deadline: iso(i.cisaClock.deadline) },
});
const affectedJson = (a: AffectedPerson) => ({
  ...a,
  recordTypes: [...a.recordTypes],
  fieldClasses: [...a.fieldClasses],
  routes: [...a.routes],
  recipients: [...a.recipients],
  firstExposedAt: a.firstExposedAt.toISOString(),
  lastExposedAt: a.lastExposedAt.toISOString(),
  letterGeneratedAt: iso(a.letterGeneratedAt),
  emailQueuedAt: iso(a.emailQueuedAt),
});
const detailJson = (d: IncidentDetail) => ({ incident: incidentJson(d.incident), affected: d.affected.map(affectedJson) });

function incidentFailure(context: 'body' | 'params' | 'querystring') {
  return (error: unknown): never => {
    if (error instanceof InvalidIncidentField) throw fieldProblem(`/${context}/${error.field}`, error.reason);
    if (error instanceof IncidentConflict)
      throw new ProblemError(409, problemTypes.conflict, 'Conflict', `${error.field}: ${error.reason}`, [
        { field: error.field, message: error.reason },
      ]);
    if (error instanceof IncidentNotFound) throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such incident or person.');
    throw error;
  };
}

export interface PrivacyIncidentRouteOptions {
  readonly database: Database;
  readonly incidents: IncidentService;
  readonly clock: () => Date;
}

/**
 * Privacy incidents (registered under /api/privacy/incidents): POST /, GET /, GET /:id,
 * GET /:id/events, POST /:id/blast-radius, POST /:id/steps/:step, GET /:id/letters.pdf,
 * GET /:id/letters/:subjectId.pdf, POST /:id/emails.
 */
export const privacyIncidentRoutes: FastifyPluginAsync<PrivacyIncidentRouteOptions> = async (base, { database, incidents, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['privacy incidents'];
  const config = { purpose };

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Declare a privacy incident; its blast radius is computed from the audit log at once',
        description:
          'Everyone whose records a portal response carried to a session not their own, or a staff response carried to someone without need-to-know (another business area, or a suspected route), in [windowStart, windowEnd). Invalid fields answer 422 naming each one; nothing is written.',
        body: NewIncidentSchema,
        response: { 201: DetailSchema, ...problemResponses },
      },
      attachValidation: true,
      config,
    },
    async (request, reply) => {
      rejectInvalid(request);
      const { windowStart, windowEnd, discoveredAt, ...body } = request.body;
      const input = {
        ...body,
        windowStart: new Date(windowStart),
        windowEnd: new Date(windowEnd),
        ...(discoveredAt ? { discoveredAt: new Date(discoveredAt) } : {}),
      };
      const declared = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.declare(trx, request.principal!, input, auditContext(request), clock()),
      ).catch(incidentFailure('body'));
      return reply.status(201).send(detailJson(declared));
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'The incident register, newest first, each with its CISA clock',
        querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) }, { additionalProperties: false }),
        response: { 200: Type.Array(IncidentSchema), ...problemResponses },
      },
      config,
    },
    async (request) => {
      const list = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.list(trx, request.principal!, request.query, auditContext(request), clock()),
      ).catch(incidentFailure('querystring'));
      return list.map(incidentJson);
    },
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One incident with the people affected and the CISA clock',
        params: Params,
        response: { 200: DetailSchema, ...problemResponses },
      },
      config,
    },
    async (request) => {
      const found = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.get(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(incidentFailure('params'));
      return detailJson(found);
    },
  );

  app.get(
    '/:id/events',
    {
      schema: {
        tags,
        summary: 'The incident’s timeline: each step, who took it and when, with codes and ids only',
        params: Params,
        response: {
          200: Type.Array(
            Type.Object({ kind: Type.String(), actor: Type.String(), at: DateTime, detail: Type.Record(Type.String(), Type.Unknown()) }),
          ),
          ...problemResponses,
        },
      },
      config,
    },
    async (request) => {
      const events = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.events(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(incidentFailure('params'));
      return events.map((e) => ({ ...e, at: e.at.toISOString(), detail: { ...e.detail } }));
    },
  );

  app.post(
    '/:id/blast-radius',
    {
      schema: {
        tags,
        summary: 'Compute the blast radius again from the audit log (people already notified stay on the list)',
        params: Params,
        response: {
          200: Type.Object({ affected: Type.Integer(), removed: Type.Integer(), blockedResponses: Type.Integer() }),
          ...problemResponses,
        },
      },
      config,
    },
    async (request) =>
      withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.computeBlastRadius(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(incidentFailure('params')),
  );

  app.post(
    '/:id/steps/:step',
    {
      schema: {
        tags,
        summary:
          'Record a step of the timeline: contained, confirmed (starts the 1-hour CISA clock), reported to CISA, notification completed',
        params: Type.Object({ id: Uuid, step: Type.Enum([...incidentSteps]) }),
        body: Type.Object(
          { at: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })) },
          { additionalProperties: false },
        ),
        response: { 200: DetailSchema, ...problemResponses },
      },
      attachValidation: true,
      config,
    },
    async (request) => {
      rejectInvalid(request);
      const at = request.body?.at ? new Date(request.body.at) : null;
      const done = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.recordStep(trx, request.principal!, request.params.id, request.params.step, at, auditContext(request), clock()),
      ).catch(incidentFailure('body'));
      return detailJson(done);
    },
  );

  app.get(
    '/:id/letters.pdf',
    {
      schema: {
        tags,
        summary: 'Every notification letter as one PDF (people with a mailing address on record)',
        params: Params,
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const pdf = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.letters(trx, request.principal!, request.params.id, null, auditContext(request), clock()),
      ).catch(incidentFailure('params'));
      return sendPdf(reply, pdf, 'incident-letters.pdf');
    },
  );

  app.get(
    '/:id/letters/:file',
    {
      schema: {
        tags,
        summary: 'One affected person’s notification letter as a PDF (409 without a mailing address on record)',
        params: Type.Object({
          id: Uuid,
          file: Type.String({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\.pdf$' }),
        }),
        produces: ['application/pdf'],
        response: { 200: Pdf, ...problemResponses },
      },
      config,
    },
    async (request, reply) => {
      const subjectId = request.params.file.replace(/\.pdf$/, '');
      const pdf = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.letters(trx, request.principal!, request.params.id, subjectId, auditContext(request), clock()),
      ).catch(incidentFailure('params'));
      return sendPdf(reply, pdf, 'incident-letter.pdf');
    },
  );

  app.post(
    '/:id/emails',
    {
      schema: {
        tags,
        summary: 'Queue the notification by e-mail to each affected person whose preferred means of contact is e-mail',
        description:
          'Each e-mail goes out as a reply in a new case of the person’s, through the outbound mail outbox, so that their answer comes back to the contact center. 409 until the breach is confirmed.',
        params: Params,
        response: {
          200: Type.Object({ queued: Type.Integer(), alreadyQueued: Type.Integer(), notByEmail: Type.Integer() }),
          ...problemResponses,
        },
      },
      config,
    },
    async (request) =>
      withPrincipal(database.db, requirePrincipal(request), (trx) =>
        incidents.queueEmails(trx, request.principal!, request.params.id, auditContext(request), clock()),
      ).catch(incidentFailure('params')),
  );
};
