import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  holdMailPhases,
  holdMailStatuses,
  type HoldMail,
  holdMaxDays,
  holdMaxDaysAhead,
  holdMaxInstructionsLength,
  holdMinDays,
  type HoldMailService,
} from '../../modules/tracking/index.ts';
import { auditContext } from '../auth.ts';
import { type PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { Nullable } from './common-schema.ts';
import { carryOver } from '../../access/index.ts';
import { AddressSchema } from './customer-schema.ts';
import { EndActionSchema } from './hold-mail-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

const Uuid = Type.String({ format: 'uuid' });
const Id = Type.Object({ id: Uuid });
const purpose = 'portal: my hold mail';

const NewOwnHoldMailSchema = Type.Object(
  {
    addressId: Type.String({ format: 'uuid', description: 'one of the mailing addresses of your record (GET /profile lists them)' }),
    beginDate: Type.String({ format: 'date', description: `first day we hold your mail: tomorrow to ${holdMaxDaysAhead} days ahead` }),
    endDate: Type.String({ format: 'date', description: `last day we hold it: a hold lasts ${holdMinDays} to ${holdMaxDays} days` }),
    endAction: EndActionSchema,
    instructions: Type.Optional(Nullable(Type.String({ maxLength: holdMaxInstructionsLength }))),
  },
  { additionalProperties: false },
);

// What a customer sees of a hold: no business area, fraud screen, reviewer or entering agent.
const PortalHoldSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  beginDate: Type.String({ format: 'date' }),
  endDate: Type.String({ format: 'date' }),
  address: AddressSchema,
  endAction: EndActionSchema,
  instructions: Nullable(Type.String()),
  status: Type.Enum([...holdMailStatuses], {
    description: 'scheduled; in_review: we are checking it before it holds anything; refused; cancelled',
  }),
  phase: Nullable(Type.Enum([...holdMailPhases], { description: 'a scheduled hold: upcoming, active or ended' })),
  createdAt: Type.String({ format: 'date-time' }),
  cancelledAt: Nullable(Type.String({ format: 'date-time' })),
});

// Converting keeps the record's subject mark: the guard checks what is sent, not what was read.
const holdJson = (h: HoldMail) =>
  carryOver(h, {
    id: h.id,
    name: h.name,
    beginDate: h.beginDate,
    endDate: h.endDate,
    address: h.address,
    endAction: h.endAction,
    instructions: h.instructions,
    status: h.status,
    phase: h.phase,
    createdAt: h.createdAt.toISOString(),
    cancelledAt: h.cancelledAt?.toISOString() ?? null,
  });

const portalFailure = (error: unknown) => trackingProblem(error, { notFound: 'You have no hold with that id.' });

/**
 * My hold mail: the signed-in customer's holds at the addresses of their record. The customer
 * comes from the session, never from the request; every answer passes the egress guard.
 */
export const portalHoldMailRoutes: FastifyPluginAsync<{ holds: HoldMailService; unit: PortalUnit; clock: () => Date }> = async (
  base,
  { holds, unit, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const now = clock;

  app.get(
    '/hold-mail',
    {
      schema: { tags, summary: 'My holds, newest first', response: { 200: Type.Array(PortalHoldSchema), ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await holds.ofCustomer(trx, principal, principal.subjectId, 50, auditContext(request), now()).catch(portalFailure)).map(holdJson),
      ),
  );

  app.get(
    '/hold-mail/:id',
    {
      schema: { tags, summary: 'One of my holds', params: Id, response: { 200: PortalHoldSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        holdJson(await holds.get(trx, principal, request.params.id, auditContext(request), now()).catch(portalFailure)),
      ),
  );

  app.post(
    '/hold-mail',
    {
      schema: {
        tags,
        summary: 'Hold my mail at one of my addresses',
        description:
          'Your identity is your portal account’s, linked to your record. Invalid fields answer 422 naming each; nothing is written. A request our fraud checks question waits for review before it holds anything.',
        body: NewOwnHoldMailSchema,
        response: { 201: PortalHoldSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await unit(request, async (trx, principal) =>
        holdJson(await holds.requestOwn(trx, principal, request.body, auditContext(request), now()).catch(portalFailure)),
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/hold-mail/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel one of my holds',
        description: 'Before its first day it is cancelled; once begun it ends today. 409 for a hold refused, cancelled already or ended.',
        params: Id,
        response: { 200: PortalHoldSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        holdJson(await holds.cancel(trx, principal, request.params.id, auditContext(request), now()).catch(portalFailure)),
      ),
  );
};
