import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { carryOver } from '../../access/index.ts';
import {
  changeOfAddressStatuses,
  maxDaysAhead,
  maxDaysBack,
  minTemporaryDays,
  moveDurations,
  moveTypes,
  type AddressOfRecord,
  type ChangeOfAddress,
  type ChangeOfAddressService,
} from '../../modules/tracking/index.ts';
import { auditContext } from '../auth.ts';
import { type PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { AddressInputSchema } from './change-of-address.ts';
import { Nullable } from './common-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

const purpose = 'portal: my change of address';
const Uuid = Type.String({ format: 'uuid' });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, the agency’s calendar' });
const Id = Type.Object({ id: Uuid });
/** The header the portal page sends: a digest of what the browser says of itself, never the raw values. */
export const deviceHeader = 'x-device-fingerprint';

const NewOwnChangeSchema = Type.Object(
  {
    moveType: Type.Enum([...moveTypes], { description: 'individual or family for a person, business for an organisation' }),
    duration: Type.Enum([...moveDurations]),
    effectiveDate: Type.String({
      format: 'date',
      description: `first day we forward your mail: at most ${maxDaysAhead} days ahead and ${maxDaysBack} days back`,
    }),
    endDate: Type.Optional(
      Nullable(
        Type.String({
          format: 'date',
          description: `temporary moves only: the last day, ${minTemporaryDays} days to 1 year after the first`,
        }),
      ),
    ),
    oldAddressId: Type.String({ format: 'uuid', description: 'the address you move out of: one of GET /changes-of-address/addresses' }),
    newAddress: AddressInputSchema,
  },
  { additionalProperties: false },
);
const PortalAddress = Type.Object({ deliveryLine: Type.String(), lastLine: Type.String() });
const AddressOfRecordSchema = Type.Object({
  id: Uuid,
  label: Nullable(Type.String()),
  primary: Type.Boolean(),
  address: PortalAddress,
});
// What a customer sees of their request: no business area, fraud screen, verification record or reviewer.
const PortalChangeSchema = Type.Object({
  id: Uuid,
  moveType: Type.Enum([...moveTypes]),
  duration: Type.Enum([...moveDurations]),
  effectiveDate: CalendarDate,
  endDate: Nullable(CalendarDate),
  oldAddress: PortalAddress,
  newAddress: PortalAddress,
  status: Type.Enum([...changeOfAddressStatuses], {
    description:
      'accepted: we forward from its first day; in_review: we are checking it before forwarding anything; refused: we will not forward',
  }),
  forwarding: Type.Boolean({ description: 'accepted and today within its dates' }),
  createdAt: Type.String({ format: 'date-time' }),
});

const addressJson = (a: { deliveryLine: string; lastLine: string }) => ({ deliveryLine: a.deliveryLine, lastLine: a.lastLine });
// Converting keeps the record's subject mark: the guard checks what is sent, not what was read.
const changeJson = (c: ChangeOfAddress) =>
  carryOver(c, {
    id: c.id,
    moveType: c.moveType,
    duration: c.duration,
    effectiveDate: c.effectiveDate,
    endDate: c.endDate,
    oldAddress: addressJson(c.oldAddress),
    newAddress: addressJson(c.newAddress),
    status: c.status,
    forwarding: c.forwarding,
    createdAt: c.createdAt.toISOString(),
  });
const addressOfRecordJson = (a: AddressOfRecord) =>
  carryOver(a, { id: a.id, label: a.label, primary: a.primary, address: addressJson(a.address) });

/** Where a service error's field is in the request: the old address is named by its id, the device by its header. */
function fieldOf(field: string): string {
  if (field.startsWith('oldAddress')) return '/body/oldAddressId';
  if (field === 'origin/deviceFingerprint') return `/headers/${deviceHeader}`;
  return `/body/${field}`;
}

const portalFailure = (error: unknown) =>
  trackingProblem(error, { fieldPath: fieldOf, notFound: 'You have no change of address with that id.' });

function originOf(request: FastifyRequest) {
  const header = request.headers[deviceHeader];
  return { ipAddress: request.ip, deviceFingerprint: typeof header === 'string' ? header : null };
}

/**
 * My change of address: the signed-in customer, linked to their record, files a request for
 * themselves from one of their addresses of record and sees their own requests. The customer
 * comes from the session, never from the request; the IP address and device from the HTTP
 * request, so the fraud screen counts bursts; every answer passes the egress guard.
 */
export const portalChangeOfAddressRoutes: FastifyPluginAsync<{
  changes: ChangeOfAddressService;
  unit: PortalUnit;
  clock: () => Date;
}> = async (base, { changes, unit, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];
  const now = clock;

  app.get(
    '/changes-of-address/addresses',
    {
      schema: {
        tags,
        summary: 'The addresses of my record a change of address may move out of',
        response: { 200: Type.Array(AddressOfRecordSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await changes.addressesOfRecord(trx, principal, auditContext(request), now()).catch(portalFailure)).map(addressOfRecordJson),
      ),
  );

  app.get(
    '/changes-of-address',
    {
      schema: {
        tags,
        summary: 'My changes of address, newest first',
        response: { 200: Type.Array(PortalChangeSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await changes.ofCustomer(trx, principal, principal.subjectId, 50, auditContext(request), now()).catch(portalFailure)).map(
          changeJson,
        ),
      ),
  );

  app.get(
    '/changes-of-address/:id',
    {
      schema: { tags, summary: 'One of my changes of address', params: Id, response: { 200: PortalChangeSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        changeJson(await changes.get(trx, principal, request.params.id, auditContext(request), now()).catch(portalFailure)),
      ),
  );

  app.post(
    '/changes-of-address',
    {
      schema: {
        tags,
        summary: 'Forward my mail: file a change of address for myself',
        description:
          `Your identity is your portal account’s, linked to your record; the name is the one on your record. Send the page’s device digest as ${deviceHeader}. ` +
          'Invalid fields answer 422 naming each; nothing is written. A request our fraud checks question is held for review before anything is forwarded, or refused.',
        body: NewOwnChangeSchema,
        response: { 201: PortalChangeSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const created = await unit(request, async (trx, principal) =>
        changeJson(
          await changes
            .requestFromPortal(trx, principal, { ...request.body, origin: originOf(request) }, auditContext(request), now())
            .catch(portalFailure),
        ),
      );
      return reply.status(201).send(created);
    },
  );
};
