import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  holdMaxDays,
  holdMaxDaysAhead,
  holdMaxInstructionsLength,
  holdMaxNameLength,
  holdMinDays,
  type HoldMailService,
} from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { VerificationInputSchema, withVerificationDate } from './change-of-address.ts';
import { Nullable } from './common-schema.ts';
import { AddressInputSchema } from './customer-schema.ts';
import { EndActionSchema, HeldDeliverySchema, heldDeliveryJson, HoldMailSchema, holdJson } from './hold-mail-schema.ts';
import { trackingProblem, type TrackingProblemOptions } from './tracking-problems.ts';

const purpose = 'hold mail: verify the customer’s identity, screen the request for mail fraud and hold the mail (820.200)';
const deliveryPurpose = 'hold mail: tell the delivery unit which addresses’ mail to hold on a day (820.200, purpose 7)';
const Uuid = Type.String({ format: 'uuid' });
const Id = Type.Object({ id: Uuid });
const Limit = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false });

const NewHoldMailSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: holdMaxNameLength, description: 'the name on the request' }),
    beginDate: Type.String({ format: 'date', description: `first day mail is held: tomorrow to ${holdMaxDaysAhead} days ahead` }),
    endDate: Type.String({ format: 'date', description: `last day mail is held: a hold lasts ${holdMinDays} to ${holdMaxDays} days` }),
    address: AddressInputSchema,
    endAction: EndActionSchema,
    instructions: Type.Optional(Nullable(Type.String({ maxLength: holdMaxInstructionsLength }))),
    verification: VerificationInputSchema,
  },
  { additionalProperties: false },
);

const DecisionSchema = Type.Object(
  {
    decision: Type.Enum(['approve', 'deny']),
    reason: Type.String({ maxLength: 2000, description: 'required: why the hold is approved or denied' }),
  },
  { additionalProperties: false },
);

const DeliveryListQuery = Type.Object(
  {
    zip: Type.String({ pattern: '^[0-9]{5}$', description: 'the delivery unit’s 5-digit ZIP Code' }),
    date: Type.String({ format: 'date', description: 'the day, YYYY-MM-DD in the agency’s calendar' }),
  },
  { additionalProperties: false },
);

const inQuery: TrackingProblemOptions = { fieldPath: (field) => `/querystring/${field}` };

/**
 * Hold Mail (registered under /api): holds entered for a customer with their identity
 * verification, screened for fraud; cancelling; the review queue and its decisions; the
 * delivery unit's list of the day.
 */
export const holdMailRoutes: FastifyPluginAsync<{ database: Database; holds: HoldMailService; clock: () => Date }> = async (
  base,
  { database, holds, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['hold mail'];
  const run = <T>(
    request: Parameters<typeof requirePrincipal>[0],
    fn: Parameters<typeof withPrincipal<T>>[2],
    problems?: TrackingProblemOptions,
  ) => withPrincipal(database.db, requirePrincipal(request), fn).catch((error: unknown) => trackingProblem(error, problems));

  app.post(
    '/customers/:id/hold-mail',
    {
      schema: {
        tags,
        summary: 'Enter a hold mail request for the customer, with its identity verification; it is screened for fraud at once',
        description:
          'The address is standardised to Publication 28 and encrypted with the name and instructions. The fraud screen sums the points of the rules that fire (identity verification failed or inconclusive; an address not on the customer record; an accepted change of address away from the address in 90 days; holds at the address by several other customers in 30 days), capped at 100: below 30 the hold is scheduled, from 30 it waits in the review queue, from 70 it is refused. Invalid fields answer 422 naming each; nothing is written.',
        params: Id,
        body: NewHoldMailSchema,
        response: { 201: HoldMailSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const input = withVerificationDate(request.body);
      const created = await run(request, (trx) =>
        holds.request(trx, request.principal!, request.params.id, input, auditContext(request), clock()),
      );
      return reply.status(201).send(holdJson(created));
    },
  );

  app.get(
    '/customers/:id/hold-mail',
    {
      schema: {
        tags,
        summary: 'The customer’s holds, newest first',
        params: Id,
        querystring: Limit,
        response: { 200: Type.Array(HoldMailSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (
        await run(request, (trx) =>
          holds.ofCustomer(trx, request.principal!, request.params.id, request.query.limit, auditContext(request), clock()),
        )
      ).map(holdJson),
  );

  app.get(
    '/hold-mail/review',
    {
      schema: {
        tags,
        summary: 'The fraud review queue of holds: requests the screen held, oldest first (fraud.review)',
        querystring: Limit,
        response: { 200: Type.Array(HoldMailSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (await run(request, (trx) => holds.reviewQueue(trx, request.principal!, request.query.limit, auditContext(request), clock()))).map(
        holdJson,
      ),
  );

  app.get(
    '/hold-mail/delivery-list',
    {
      schema: {
        tags,
        summary: 'The delivery unit’s list: the holds of a ZIP Code on a day, with names and addresses',
        description:
          'What a carrier needs to hold the mail: every scheduled hold of the ZIP Code whose dates cover the day, in the business areas the reader works in. Audited as a search naming every customer listed.',
        querystring: DeliveryListQuery,
        response: { 200: Type.Array(HeldDeliverySchema), ...problemResponses },
      },
      attachValidation: true,
      config: { purpose: deliveryPurpose },
    },
    async (request) => {
      rejectInvalid(request);
      return (
        await run(
          request,
          (trx) => holds.deliveryUnitList(trx, request.principal!, request.query.zip, request.query.date, auditContext(request), clock()),
          inQuery,
        )
      ).map(heldDeliveryJson);
    },
  );

  app.get(
    '/hold-mail/:id',
    {
      schema: { tags, summary: 'One hold', params: Id, response: { 200: HoldMailSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      holdJson(await run(request, (trx) => holds.get(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  app.post(
    '/hold-mail/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a hold that has not ended',
        description:
          'Before its first day the hold is cancelled and holds nothing; once begun it ends today, and the mail held so far is delivered or collected as asked. 409 for a hold refused, cancelled already or ended.',
        params: Id,
        response: { 200: HoldMailSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      holdJson(await run(request, (trx) => holds.cancel(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  app.post(
    '/hold-mail/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or deny a held hold, with the reason (fraud.review)',
        description:
          'Approved, the hold is scheduled; denied, it never holds. 409 when the hold is not held for review, or its dates have passed (it can then only be denied). Audited with the reviewer.',
        params: Id,
        body: DecisionSchema,
        response: { 200: HoldMailSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request) => {
      rejectInvalid(request);
      return holdJson(
        await run(request, (trx) => holds.decide(trx, request.principal!, request.params.id, request.body, auditContext(request), clock())),
      );
    },
  );
};
