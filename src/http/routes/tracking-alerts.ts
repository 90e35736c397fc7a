import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { carryOver } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  alertChannels,
  alertEventSets,
  cellCarriers,
  maxEmailLength,
  type AlertEventSet,
  type CellCarrier,
  type TrackingAlert,
  type TrackingAlertService,
} from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { Nullable } from './common-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

export const trackingAlertPurpose = 'mail tracking: tell customers of the status of the mailings they follow (820.200)';
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.Object({ id: Uuid });
const carrierIds = Object.keys(cellCarriers) as CellCarrier[];
const eventSetIds = Object.keys(alertEventSets) as AlertEventSet[];

export const NewTrackingAlertSchema = Type.Object(
  {
    number: Type.Optional(Nullable(Type.String({ maxLength: 60, description: 'an article number (IMpb, 20-digit or S10): a package' }))),
    imb: Type.Optional(
      Nullable(Type.String({ maxLength: 80, description: 'an Intelligent Mail barcode, as 65 bars or its digits: a mailpiece' })),
    ),
    channel: Type.Enum([...alertChannels]),
    email: Type.Optional(Nullable(Type.String({ maxLength: maxEmailLength, description: 'for channel email' }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30, description: 'for channel text: a US mobile number' }))),
    carrier: Type.Optional(Nullable(Type.Enum(carrierIds, { description: 'for channel text: the number’s carrier' }))),
    events: Type.Enum(eventSetIds, {
      description: Object.entries(alertEventSets)
        .map(([k, v]) => `${k}: ${v}`)
        .join('; '),
    }),
  },
  { additionalProperties: false },
);

export const TrackingAlertSchema = Type.Object({
  id: Uuid,
  customerId: Uuid,
  class: Type.Enum(['mail', 'package']),
  piece: Type.String({ description: 'the article number or IMb tracking code, as stored' }),
  channel: Type.Enum([...alertChannels]),
  address: Type.String({ description: 'the e-mail address, or the text number in E.164 form' }),
  carrier: Nullable(Type.Enum(carrierIds)),
  events: Type.Enum(eventSetIds),
  lastEventAt: Nullable(Type.String({ format: 'date-time', description: 'when the newest event alerted happened' })),
  alertsSent: Type.Integer({ minimum: 0 }),
  lastError: Nullable(Type.String({ description: 'the code of the last failed send; cleared by the next that succeeds' })),
  createdAt: DateTime,
  expiresAt: DateTime,
  cancelledAt: Nullable(DateTime),
  active: Type.Boolean(),
});

// Converting keeps the record's subject mark: the portal's egress guard checks what is sent.
export const trackingAlertJson = (a: TrackingAlert) =>
  carryOver(a, {
    id: a.id,
    customerId: a.customerId,
    class: a.class,
    piece: a.piece,
    channel: a.channel,
    address: a.address,
    carrier: a.carrier,
    events: a.events,
    lastEventAt: a.lastEventAt?.toISOString() ?? null,
    alertsSent: a.alertsSent,
    lastError: a.lastError,
    createdAt: a.createdAt.toISOString(),
    expiresAt: a.expiresAt.toISOString(),
    cancelledAt: a.cancelledAt?.toISOString() ?? null,
    active: a.active,
  });

/** Tracking alerts a customer asked for (registered under /api): by e-mail or text, for one piece, until its tracking ends. */
export const trackingAlertRoutes: FastifyPluginAsync<{ database: Database; alerts: TrackingAlertService; clock: () => Date }> = async (
  base,
  { database, alerts, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['tracking'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(trackingProblem);

  app.post(
    '/customers/:id/tracking-alerts',
    {
      schema: {
        tags,
        summary: 'Subscribe the customer to a piece’s tracking events by e-mail or text message',
        description:
          'Give the piece by `number` (a package) or `imb` (a mailpiece), and the e-mail address or the US mobile number with its carrier. Alerts start after the events already known and end with the piece’s tracking (30 days for mail, 90 for packages). The contact is stored encrypted. Invalid fields answer 422 naming each.',
        params: Id,
        body: NewTrackingAlertSchema,
        response: { 201: TrackingAlertSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose: trackingAlertPurpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await run(request, (trx) =>
        alerts.subscribe(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
      );
      return reply.status(201).send(trackingAlertJson(created));
    },
  );

  app.get(
    '/customers/:id/tracking-alerts',
    {
      schema: {
        tags,
        summary: 'The customer’s tracking alerts, newest first, live or not',
        params: Id,
        response: { 200: Type.Array(TrackingAlertSchema), ...problemResponses },
      },
      config: { purpose: trackingAlertPurpose },
    },
    async (request) =>
      (await run(request, (trx) => alerts.ofCustomer(trx, request.principal!, request.params.id, auditContext(request), clock()))).map(
        trackingAlertJson,
      ),
  );

  app.delete(
    '/tracking-alerts/:id',
    {
      schema: {
        tags,
        summary: 'Stop a tracking alert (kept, cancelled, until its retention ends)',
        params: Id,
        response: { 200: TrackingAlertSchema, ...problemResponses },
      },
      config: { purpose: trackingAlertPurpose },
    },
    async (request) =>
      trackingAlertJson(
        await run(request, (trx) => alerts.cancel(trx, request.principal!, request.params.id, auditContext(request), clock())),
      ),
  );
};
