import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { trackingEventKinds, type TrackingAlertService } from '../../modules/tracking/index.ts';
import { auditContext } from '../auth.ts';
import type { PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { Nullable } from './common-schema.ts';
import { NewTrackingAlertSchema, TrackingAlertSchema, trackingAlertJson, trackingAlertPurpose } from './tracking-alerts.ts';
import { trackingProblem } from './tracking-problems.ts';

const Uuid = Type.String({ format: 'uuid' });
const Lookup = Type.Object(
  { number: Type.String({ minLength: 1, maxLength: 60, description: 'the article number on the label (IMpb, 20-digit or S10)' }) },
  { additionalProperties: false },
);
// What a customer sees of a scan: what, when and at which facility; never where the piece is addressed nor who mailed it.
const PieceEvent = Type.Object({
  event: Type.Enum(Object.keys(trackingEventKinds)),
  description: Type.String(),
  at: Type.String({ format: 'date-time' }),
  facilityZip: Nullable(Type.String({ description: 'the ZIP Code of the facility that scanned the piece' })),
});

/**
 * "Track a package" on the portal: a package's history by its article number, and the signed-in
 * customer's own tracking alerts. The customer comes from the session, never from the request.
 */
export const portalTrackingRoutes: FastifyPluginAsync<{ alerts: TrackingAlertService; unit: PortalUnit; clock: () => Date }> = async (
  base,
  { alerts, unit, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];

  app.post(
    '/tracking/lookup',
    {
      schema: {
        tags,
        summary: 'A package’s tracking history by its article number (a POST: the number never goes in a URL)',
        body: Lookup,
        response: { 200: Type.Object({ events: Type.Array(PieceEvent) }), ...problemResponses },
      },
      attachValidation: true,
      config: { purpose: 'portal: track a package (820.200)' },
    },
    async (request) => {
      rejectInvalid(request);
      return unit(request, async (trx, principal) => ({
        events: (await alerts.pieceHistory(trx, principal, request.body.number, auditContext(request), clock())).map((e) => ({
          ...e,
          at: e.at.toISOString(),
        })),
      })).catch(trackingProblem);
    },
  );

  app.post(
    '/tracking-alerts',
    {
      schema: {
        tags,
        summary: 'Be told of a piece’s progress by e-mail or text message',
        body: NewTrackingAlertSchema,
        response: { 201: TrackingAlertSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose: trackingAlertPurpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await unit(request, async (trx, principal) =>
        trackingAlertJson(await alerts.subscribe(trx, principal, principal.subjectId, request.body, auditContext(request), clock())),
      ).catch(trackingProblem);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/tracking-alerts',
    {
      schema: {
        tags,
        summary: 'My tracking alerts, newest first',
        response: { 200: Type.Array(TrackingAlertSchema), ...problemResponses },
      },
      config: { purpose: trackingAlertPurpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await alerts.ofCustomer(trx, principal, principal.subjectId, auditContext(request), clock())).map(trackingAlertJson),
      ).catch(trackingProblem),
  );

  app.delete<{ Params: { id: string } }>(
    '/tracking-alerts/:id',
    {
      schema: {
        tags,
        summary: 'Stop one of my tracking alerts',
        params: Type.Object({ id: Uuid }),
        response: { 200: TrackingAlertSchema, ...problemResponses },
      },
      config: { purpose: trackingAlertPurpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        trackingAlertJson(await alerts.cancel(trx, principal, request.params.id, auditContext(request), clock())),
      ).catch(trackingProblem),
  );
};
