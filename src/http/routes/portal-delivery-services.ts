import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { DeliveryServices } from '../../modules/tracking/index.ts';
import { auditContext } from '../auth.ts';
import { type PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import {
  deliveryFailure,
  PickupFields,
  PortalDeliveryRequestSchema,
  portalRequestJson,
  PreferencesInputSchema,
  PreferencesSchema,
  preferencesJson,
  RedeliveryFields,
} from './delivery-services.ts';

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
// The portal takes no address: the carrier goes to the customer's mailing address of record,
// which an impostor with a stolen session could not redirect elsewhere.
const NewRedelivery = Type.Object(RedeliveryFields, { additionalProperties: false });
const NewPickup = Type.Object(PickupFields, { additionalProperties: false });
const listLimit = 50;

/**
 * My deliveries: the signed-in, linked customer requests redeliveries and pickups at their
 * address of record, lists and cancels their own, and sets their delivery preferences. The
 * customer comes from the session, never from the request; every answer passes the egress guard.
 */
export const portalDeliveryServiceRoutes: FastifyPluginAsync<{
  deliveries: DeliveryServices;
  unit: PortalUnit;
  clock: () => Date;
}> = async (base, { deliveries, unit, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const purpose = 'portal: my deliveries and pickups';

  for (const kind of ['redelivery', 'pickup'] as const) {
    const path = kind === 'redelivery' ? '/redeliveries' : '/pickups';
    app.get(
      path,
      {
        schema: {
          tags,
          summary: kind === 'redelivery' ? 'My redelivery requests, newest first' : 'My package pickups, newest first',
          response: { 200: Type.Array(PortalDeliveryRequestSchema), ...problemResponses },
        },
        config: { purpose },
      },
      async (request) =>
        unit(request, async (trx, principal) =>
          (
            await deliveries
              .ofCustomer(trx, principal, principal.subjectId, kind, listLimit, auditContext(request), clock())
              .catch(deliveryFailure)
          ).map(portalRequestJson),
        ),
    );
  }

  app.post(
    '/redeliveries',
    {
      schema: {
        tags,
        summary: 'Ask for a missed package to be brought again, or to collect it at the Post Office, on a day you choose',
        body: NewRedelivery,
        response: { 201: PortalDeliveryRequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await unit(request, async (trx, principal) =>
        portalRequestJson(
          await deliveries
            .requestRedelivery(trx, principal, principal.subjectId, request.body, auditContext(request), clock())
            .catch(deliveryFailure),
        ),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/pickups',
    {
      schema: {
        tags,
        summary: 'Schedule a package pickup at your address; the answer holds your pickup confirmation number',
        body: NewPickup,
        response: { 201: PortalDeliveryRequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await unit(request, async (trx, principal) =>
        portalRequestJson(
          await deliveries
            .schedulePickup(trx, principal, principal.subjectId, request.body, auditContext(request), clock())
            .catch(deliveryFailure),
        ),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/delivery-requests/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel one of my redeliveries or pickups while it is still requested',
        params: Id,
        response: { 200: PortalDeliveryRequestSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        portalRequestJson(
          await deliveries.cancel(trx, principal, request.params.id, auditContext(request), clock()).catch(deliveryFailure),
        ),
      ),
  );

  app.get(
    '/delivery-preferences',
    {
      schema: { tags, summary: 'My delivery preferences', response: { 200: PreferencesSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        preferencesJson(
          await deliveries.preferences(trx, principal, principal.subjectId, auditContext(request), clock()).catch(deliveryFailure),
        ),
      ),
  );

  app.put(
    '/delivery-preferences',
    {
      schema: {
        tags,
        summary: 'Set my delivery preferences',
        body: PreferencesInputSchema,
        response: { 200: PreferencesSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request) => {
      rejectInvalid(request);
      return unit(request, async (trx, principal) =>
        preferencesJson(
          await deliveries
            .setPreferences(trx, principal, principal.subjectId, request.body, auditContext(request), clock())
            .catch(deliveryFailure),
        ),
      );
    },
  );
};
