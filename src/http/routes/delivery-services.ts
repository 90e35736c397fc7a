import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { carryOver } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  contactMeans,
  deliveryRequestKinds,
  deliveryRequestStatuses,
  maxArticleNumbers,
  maxDeliveryDaysAhead,
  maxDropShipCodes,
  maxInstructionsLength,
  maxPackages,
  maxPoundsPerPackage,
  premisesLocations,
  redeliveryOptions,
  whenAbsentOptions,
  type DeliveryPreferences,
  type DeliveryRequest,
  type DeliveryServices,
} from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { AddressInputSchema } from './change-of-address.ts';
import { Nullable } from './common-schema.ts';
import { AddressSchema } from './customer-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

const purpose = 'delivery options: redelivery, package pickup and delivery preferences (820.200 purposes 4 and 7)';
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Id = Type.Object({ id: Uuid });
const Limit = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false });

const Instructions = Type.Optional(Nullable(Type.String({ maxLength: maxInstructionsLength, description: 'for the carrier; encrypted' })));
const ArticleNumbers = Type.Array(Type.String({ maxLength: 60 }), {
  maxItems: maxArticleNumbers,
  description: 'IMpb, 20-digit or S10 article numbers, check digits verified; stored normalised',
});
export const RedeliveryDate = Type.String({
  format: 'date',
  description: `YYYY-MM-DD, the agency’s calendar: tomorrow up to ${maxDeliveryDaysAhead} days ahead, not a Sunday`,
});
export const PickupDate = Type.String({
  format: 'date',
  description: `YYYY-MM-DD: the next delivery day up to ${maxDeliveryDaysAhead} days ahead, not a Sunday or a federal holiday`,
});
export const PickupFields = {
  date: PickupDate,
  packageCount: Type.Integer({ minimum: 1, maximum: maxPackages }),
  totalWeightLb: Type.Integer({
    minimum: 1,
    description: `estimated total weight in whole pounds; at most ${maxPoundsPerPackage} a package`,
  }),
  location: Type.Enum([...premisesLocations], { description: 'where the carrier finds the packages' }),
  instructions: Instructions,
  articleNumbers: Type.Optional(ArticleNumbers),
};
export const RedeliveryFields = {
  articleNumbers: Type.Array(Type.String({ maxLength: 60 }), {
    ...ArticleNumbers,
    minItems: 1,
    description: 'at least the number on the notice left (PS Form 3849)',
  }),
  date: RedeliveryDate,
  option: Type.Enum([...redeliveryOptions], { description: 'deliver: to the address; post_office: collected at the Post Office that day' }),
  location: Type.Optional(Nullable(Type.Enum([...premisesLocations], { description: 'delivered to the address only: where to leave it' }))),
  instructions: Instructions,
};
const NewRedelivery = Type.Object(
  {
    ...RedeliveryFields,
    address: Type.Optional(Nullable(AddressInputSchema)),
  },
  { additionalProperties: false },
);
const NewPickup = Type.Object(
  {
    ...PickupFields,
    address: Type.Optional(Nullable(AddressInputSchema)),
  },
  { additionalProperties: false },
);
export const PreferencesInputSchema = Type.Object(
  {
    whenAbsent: Nullable(Type.Enum([...whenAbsentOptions], { description: 'what the carrier does when nobody is home' })),
    deliveryDays: Type.Array(Type.Integer({ minimum: 1, maximum: 6 }), {
      maxItems: 6,
      description: 'ISO weekdays, 1 Monday to 6 Saturday',
    }),
    preferredContact: Nullable(Type.Enum([...contactMeans])),
    dropShipCodes: Type.Array(Type.String({ maxLength: 20 }), {
      maxItems: maxDropShipCodes,
      description: 'DNDC, DSCF or DDU, a colon and a 5-digit ZIP Code or 6-character locale key, e.g. DDU:20260',
    }),
    instructions: Nullable(Type.String({ maxLength: maxInstructionsLength })),
  },
  { additionalProperties: false },
);
const commonRequestFields = {
  id: Uuid,
  kind: Type.Enum([...deliveryRequestKinds]),
  articleNumbers: Type.Array(Type.String()),
  date: Type.String({ format: 'date' }),
  option: Nullable(Type.Enum([...redeliveryOptions])),
  pickupNumber: Nullable(
    Type.String({ description: 'WTC and 10 digits, the last a check digit: quote it to change or cancel the pickup' }),
  ),
  packageCount: Nullable(Type.Integer()),
  totalWeightLb: Nullable(Type.Integer()),
  location: Nullable(Type.Enum([...premisesLocations])),
  instructions: Nullable(Type.String()),
  status: Type.Enum([...deliveryRequestStatuses]),
  createdAt: DateTime,
};
const DeliveryRequestSchema = Type.Object({
  ...commonRequestFields,
  customerId: Uuid,
  businessArea: Nullable(Type.String()),
  address: AddressSchema,
  statusBy: Nullable(Type.String()),
  statusAt: Nullable(DateTime),
  enteredBy: Type.String(),
  disposeAfter: Nullable(Type.String({ format: 'date-time', description: 'null until the customer relationship ends (then 4 years)' })),
});
/** What the portal shows of a request: no business area, no staff ids; the address as its two lines. */
export const PortalDeliveryRequestSchema = Type.Object({
  ...commonRequestFields,
  address: Type.Object({ deliveryLine: Type.String(), lastLine: Type.String() }),
});
export const PreferencesSchema = Type.Object({
  whenAbsent: Nullable(Type.Enum([...whenAbsentOptions])),
  deliveryDays: Type.Array(Type.Integer({ minimum: 1, maximum: 6 })),
  preferredContact: Nullable(Type.Enum([...contactMeans])),
  dropShipCodes: Type.Array(Type.String()),
  instructions: Nullable(Type.String()),
  updatedAt: Nullable(DateTime),
});
const StaffPreferencesSchema = Type.Object({ ...PreferencesSchema.properties, customerId: Uuid, updatedBy: Nullable(Type.String()) });

const common = (r: DeliveryRequest) => ({
  id: r.id,
  kind: r.kind,
  articleNumbers: [...r.articleNumbers],
  date: r.date,
  option: r.option,
  pickupNumber: r.pickupNumber,
  packageCount: r.packageCount,
  totalWeightLb: r.totalWeightLb,
  location: r.location,
  instructions: r.instructions,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
});
const requestJson = (r: DeliveryRequest) =>
  carryOver(r, {
    ...common(r),
    customerId: r.customerId,
    businessArea: r.businessArea,
    address: r.address,
    statusBy: r.statusBy,
    statusAt: r.statusAt?.toISOString() ?? null,
    enteredBy: r.enteredBy,
    disposeAfter: r.disposeAfter?.toISOString() ?? null,
  });
// Converting keeps the record's subject mark: the egress guard checks what is sent.
export const portalRequestJson = (r: DeliveryRequest) =>
  carryOver(r, { ...common(r), address: { deliveryLine: r.address.deliveryLine, lastLine: r.address.lastLine } });
export const preferencesJson = (p: DeliveryPreferences) =>
  carryOver(p, {
    whenAbsent: p.whenAbsent,
    deliveryDays: [...p.deliveryDays],
    preferredContact: p.preferredContact,
    dropShipCodes: [...p.dropShipCodes],
    instructions: p.instructions,
    updatedAt: p.updatedAt?.toISOString() ?? null,
  });
const staffPreferencesJson = (p: DeliveryPreferences) =>
  carryOver(p, { ...preferencesJson(p), customerId: p.customerId, updatedBy: p.updatedBy });

/**
 * Redelivery, package pickup and delivery preferences (registered under /api): entered by an
 * agent for a customer on the phone or at the counter; the delivery unit marks them completed.
 */
export const deliveryServiceRoutes: FastifyPluginAsync<{ database: Database; deliveries: DeliveryServices; clock: () => Date }> = async (
  base,
  { database, deliveries, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['delivery services'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(trackingProblem);

  app.post(
    '/customers/:id/redeliveries',
    {
      schema: {
        tags,
        summary: 'Request a redelivery for the customer after a missed delivery (PS Form 3849)',
        description:
          'The article numbers are verified and stored normalised; the address (the one given, or the primary mailing address of record) and the instructions are encrypted. Invalid fields answer 422 naming each; nothing is written.',
        params: Id,
        body: NewRedelivery,
        response: { 201: DeliveryRequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await run(request, (trx) =>
        deliveries.requestRedelivery(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
      );
      return reply.status(201).send(requestJson(created));
    },
  );

  app.post(
    '/customers/:id/pickups',
    {
      schema: {
        tags,
        summary: 'Schedule a package pickup at the customer’s address; answers the pickup confirmation number',
        params: Id,
        body: NewPickup,
        response: { 201: DeliveryRequestSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await run(request, (trx) =>
        deliveries.schedulePickup(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
      );
      return reply.status(201).send(requestJson(created));
    },
  );

  for (const [kind, path, summary] of [
    ['redelivery', 'redeliveries', 'The customer’s redelivery requests, newest first'],
    ['pickup', 'pickups', 'The customer’s package pickups, newest first'],
  ] as const) {
    app.get(
      `/customers/:id/${path}`,
      {
        schema: {
          tags,
          summary,
          params: Id,
          querystring: Limit,
          response: { 200: Type.Array(DeliveryRequestSchema), ...problemResponses },
        },
        config: { purpose },
      },
      async (request) =>
        (
          await run(request, (trx) =>
            deliveries.ofCustomer(trx, request.principal!, request.params.id, kind, request.query.limit, auditContext(request), clock()),
          )
        ).map(requestJson),
    );
  }

  app.get(
    '/delivery-requests/:id',
    {
      schema: { tags, summary: 'One redelivery or pickup', params: Id, response: { 200: DeliveryRequestSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      requestJson(await run(request, (trx) => deliveries.get(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  for (const [action, summary] of [
    ['cancel', 'Cancel a redelivery or pickup still requested (409 once cancelled or completed)'],
    ['complete', 'Record that the carrier redelivered or picked up (409 once cancelled or completed)'],
  ] as const) {
    app.post(
      `/delivery-requests/:id/${action}`,
      {
        schema: { tags, summary, params: Id, response: { 200: DeliveryRequestSchema, ...problemResponses } },
        config: { purpose },
      },
      async (request) =>
        requestJson(
          await run(request, (trx) =>
            (action === 'cancel' ? deliveries.cancel : deliveries.complete)(
              trx,
              request.principal!,
              request.params.id,
              auditContext(request),
              clock(),
            ),
          ),
        ),
    );
  }

  app.get(
    '/customers/:id/delivery-preferences',
    {
      schema: {
        tags,
        summary: 'The customer’s delivery preferences (all empty when none were set)',
        params: Id,
        response: { 200: StaffPreferencesSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      staffPreferencesJson(
        await run(request, (trx) => deliveries.preferences(trx, request.principal!, request.params.id, auditContext(request), clock())),
      ),
  );

  app.put(
    '/customers/:id/delivery-preferences',
    {
      schema: {
        tags,
        summary: 'Replace the customer’s delivery preferences',
        description: 'Drop-ship codes are normalised (DDU:20260) and repeats dropped; invalid fields answer 422 naming each.',
        params: Id,
        body: PreferencesInputSchema,
        response: { 200: StaffPreferencesSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request) => {
      rejectInvalid(request);
      return staffPreferencesJson(
        await run(request, (trx) =>
          deliveries.setPreferences(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
        ),
      );
    },
  );
};
