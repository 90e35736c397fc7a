import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static, type TSchema } from 'typebox';
import type { AuditContext } from '../../access/index.ts';
import type { CustomerPrincipal, Tx } from '../../db/index.ts';
import type { DeliveryRequest, DeliveryServices } from '../../modules/tracking/index.ts';
import { auditContext } from '../auth.ts';
import { type PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import {
  PickupFields,
  PortalDeliveryRequestSchema,
  portalRequestJson,
  PreferencesInputSchema,
  PreferencesSchema,
  preferencesJson,
  RedeliveryFields,
} from './delivery-services.ts';
import { trackingProblem } from './tracking-problems.ts';

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
              .catch(trackingProblem)
          ).map(portalRequestJson),
        ),
    );
  }

  // A redelivery and a pickup are asked for alike: for the signed-in customer, at their address of record.
  const file = <Body extends TSchema>(
    path: string,
    summary: string,
    body: Body,
    submit: (trx: Tx, principal: CustomerPrincipal, input: Static<Body>, ctx: AuditContext, now: Date) => Promise<DeliveryRequest>,
  ) =>
    app.post(
      path,
      {
        schema: { tags, summary, body, response: { 201: PortalDeliveryRequestSchema, ...problemResponses } },
        attachValidation: true,
        config: { purpose },
      },
      async (request, reply) => {
        rejectInvalid(request);
        // The type provider cannot resolve a generic schema's body; `body` validated it as Static<Body>.
        const input = request.body as Static<Body>;
        const created = await unit(request, async (trx, principal) =>
          portalRequestJson(await submit(trx, principal, input, auditContext(request), clock()).catch(trackingProblem)),
        );
        return reply.status(201).send(created);
      },
    );
  file(
    '/redeliveries',
    'Ask for a missed package to be brought again, or to collect it at the Post Office, on a day you choose',
    NewRedelivery,
    (trx, principal, input, ctx, now) => deliveries.requestRedelivery(trx, principal, principal.subjectId, input, ctx, now),
  );
  file(
    '/pickups',
    'Schedule a package pickup at your address; the answer holds your pickup confirmation number',
    NewPickup,
    (trx, principal, input, ctx, now) => deliveries.schedulePickup(trx, principal, principal.subjectId, input, ctx, now),
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
          await deliveries.cancel(trx, principal, request.params.id, auditContext(request), clock()).catch(trackingProblem),
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
          await deliveries.preferences(trx, principal, principal.subjectId, auditContext(request), clock()).catch(trackingProblem),
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
            .catch(trackingProblem),
        ),
      );
    },
  );
};
