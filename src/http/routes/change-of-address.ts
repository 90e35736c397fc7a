import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { keyedDigest, type LocalKeyring, type Vault } from '../../crypto/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import type { CustomerService } from '../../modules/customers/index.ts';
import type { Letterhead } from '../../modules/letters/index.ts';
import {
  createChangeOfAddressService,
  changeOfAddressStatuses,
  maxDaysAhead,
  maxDaysBack,
  maxNameLength,
  minTemporaryDays,
  moveDurations,
  moveTypes,
  screeningDigestPurpose,
  screeningOutcomes,
  screeningThresholds,
  verificationMethods,
  verificationOutcomes,
  type ChangeOfAddress,
  type ChangeOfAddressService,
  type CmraAddress,
} from '../../modules/tracking/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { sendPdf } from '../pdf-reply.ts';
import { problemResponses } from '../problem.ts';
import { rejectInvalid } from './call-schema.ts';
import { Nullable } from './common-schema.ts';
import { AddressSchema } from './customer-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

const purpose = 'change of address: verify the customer’s identity and screen the request for mail fraud (820.200)';
const adminPurpose = 'change of address: keep the list of commercial mail receiving agencies the fraud screen knows';
const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const CalendarDate = Type.String({ format: 'date', description: 'YYYY-MM-DD, the agency’s calendar' });
const Id = Type.Object({ id: Uuid });
const Limit = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false });
const Pdf = Type.String({ description: 'application/pdf', contentMediaType: 'application/pdf' });

/** A street or PO box address as a change of address or a delivery request takes it. */
export const AddressInputSchema = Type.Object(
  {
    lines: Type.Union(
      [Type.String({ minLength: 1, maxLength: 120 }), Type.Array(Type.String({ maxLength: 120 }), { minItems: 1, maxItems: 3 })],
      {
        description: 'the delivery address line(s) only: no name or firm',
      },
    ),
    city: Type.String({ minLength: 1, maxLength: 60 }),
    state: Type.String({ minLength: 1, maxLength: 30 }),
    zip: Type.String({ minLength: 5, maxLength: 12 }),
  },
  { additionalProperties: false },
);

/** The identity verification a change of address or a hold is entered with. */
export const VerificationInputSchema = Type.Object(
  {
    method: Type.Enum([...verificationMethods]),
    outcome: Type.Enum([...verificationOutcomes]),
    verifiedBy: Type.Optional(
      Nullable(Type.String({ maxLength: 120, description: 'staff actor or verification service; default: whoever enters the request' })),
    ),
    verifiedAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now; within the last 24 hours' })),
  },
  { additionalProperties: false },
);

/** A request's body as its service takes it: the verification's time, when given, as a Date. */
export function withVerificationDate<Body extends { readonly verification: Static<typeof VerificationInputSchema> }>(body: Body) {
  const { verification, ...rest } = body;
  const { verifiedAt, ...given } = verification;
  return { ...rest, verification: { ...given, ...(verifiedAt ? { verifiedAt: new Date(verifiedAt) } : {}) } };
}

/** The identity verification a change of address or a hold was entered with, as it is answered. */
export const VerificationSchema = Type.Object({
  id: Uuid,
  method: Type.Enum([...verificationMethods]),
  outcome: Type.Enum([...verificationOutcomes]),
  verifiedBy: Type.String(),
  verifiedAt: DateTime,
  disposeAfter: Type.String({ format: 'date-time', description: 'identity verification records are kept 2 years' }),
});

const NewChangeOfAddressSchema = Type.Object(
  {
    moveType: Type.Enum([...moveTypes], { description: 'individual or family for a person, business for an organisation' }),
    duration: Type.Enum([...moveDurations]),
    name: Type.String({ minLength: 1, maxLength: maxNameLength, description: 'the name on the request; held against the customer record' }),
    effectiveDate: Type.String({
      format: 'date',
      description: `first day of forwarding: at most ${maxDaysAhead} days ahead and ${maxDaysBack} days back`,
    }),
    endDate: Type.Optional(
      Nullable(
        Type.String({ format: 'date', description: `temporary moves only: last day, ${minTemporaryDays} days to 1 year after the first` }),
      ),
    ),
    oldAddress: AddressInputSchema,
    newAddress: AddressInputSchema,
    verification: VerificationInputSchema,
    origin: Type.Optional(
      Nullable(
        Type.Object(
          {
            ipAddress: Type.Optional(Nullable(Type.String({ maxLength: 45 }))),
            deviceFingerprint: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
          },
          {
            additionalProperties: false,
            description: 'the customer’s own device for a request made online; omitted when an agent enters it on the customer’s behalf',
          },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);

const ChangeOfAddressSchema = Type.Object({
  id: Uuid,
  customerId: Uuid,
  businessArea: Nullable(Type.String()),
  moveType: Type.Enum([...moveTypes]),
  duration: Type.Enum([...moveDurations]),
  name: Type.String(),
  effectiveDate: CalendarDate,
  endDate: Nullable(CalendarDate),
  oldAddress: AddressSchema,
  newAddress: AddressSchema,
  forwardsToPoBox: Type.Boolean(),
  forwardsToCmra: Type.Boolean(),
  verification: Nullable(VerificationSchema),
  screening: Type.Object({
    score: Type.Integer({ minimum: 0, maximum: screeningThresholds.cap }),
    outcome: Type.Enum([...screeningOutcomes], {
      description: `pass below ${screeningThresholds.review}, review from ${screeningThresholds.review}, deny from ${screeningThresholds.deny}`,
    }),
    reasons: Type.Array(Type.Object({ rule: Type.String(), points: Type.Integer(), explanation: Type.String() })),
  }),
  status: Type.Enum([...changeOfAddressStatuses]),
  forwarding: Type.Boolean({ description: 'accepted and today within its dates' }),
  review: Nullable(
    Type.Object({ decision: Type.Enum(['approve', 'deny']), reason: Type.String(), decidedBy: Type.String(), decidedAt: DateTime }),
  ),
  enteredBy: Type.String(),
  createdAt: DateTime,
  disposeAfter: Nullable(Type.String({ format: 'date-time', description: 'null until the customer relationship ends (then 4 years)' })),
});

const DecisionSchema = Type.Object(
  {
    decision: Type.Enum(['approve', 'deny']),
    reason: Type.String({ maxLength: 2000, description: 'required: why the request is approved or denied' }),
  },
  { additionalProperties: false },
);

const CmraSchema = Type.Object({
  id: Uuid,
  streetLine: Type.String(),
  city: Type.String(),
  state: Type.String(),
  zip5: Type.String(),
  addedBy: Type.String(),
  addedAt: DateTime,
});

const coaJson = (c: ChangeOfAddress) => ({
  ...c,
  verification: c.verification
    ? { ...c.verification, verifiedAt: c.verification.verifiedAt.toISOString(), disposeAfter: c.verification.disposeAfter.toISOString() }
    : null,
  screening: { ...c.screening, reasons: [...c.screening.reasons] },
  review: c.review ? { ...c.review, decidedAt: c.review.decidedAt.toISOString() } : null,
  createdAt: c.createdAt.toISOString(),
  disposeAfter: c.disposeAfter?.toISOString() ?? null,
});

const cmraJson = (c: CmraAddress) => ({ ...c, addedAt: c.addedAt.toISOString() });

/**
 * The service the routes use: the fraud screen's digests are HMACs under a purpose key of
 * their own, so they match nothing else the keyring signs.
 */
export function changeOfAddressServiceFor(deps: {
  readonly vault: Vault;
  readonly keyring: LocalKeyring;
  readonly customers: CustomerService;
  readonly letterhead: Letterhead;
  readonly timeZone: string;
}): ChangeOfAddressService {
  return createChangeOfAddressService(deps.vault, deps.customers, {
    digest: keyedDigest(deps.keyring, screeningDigestPurpose),
    letterhead: deps.letterhead,
    timeZone: deps.timeZone,
  });
}

/**
 * Change of Address (registered under /api): requests entered for a customer with their
 * identity verification, screened for fraud; the review queue and its decisions; the move
 * validation and confirmation letters; the CMRA list the screen knows.
 */
export const changeOfAddressRoutes: FastifyPluginAsync<{ database: Database; changes: ChangeOfAddressService; clock: () => Date }> = async (
  base,
  { database, changes, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['change of address'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(trackingProblem);

  app.post(
    '/customers/:id/changes-of-address',
    {
      schema: {
        tags,
        summary: 'Enter a change of address for the customer, with its identity verification; it is screened for fraud at once',
        description:
          'Addresses are standardised to Publication 28 and encrypted with the name. The fraud screen sums the points of the rules that fire (velocity by account, device and network; many requests to one new address; a recent request on the same old address; a PO box or CMRA destination; a name not matching the record; failed identity verification), capped at 100: below 30 the request is accepted and forwards from its effective date, from 30 it waits in the review queue, from 70 it is refused. Invalid fields answer 422 naming each; nothing is written.',
        params: Id,
        body: NewChangeOfAddressSchema,
        response: { 201: ChangeOfAddressSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const input = withVerificationDate(request.body);
      const created = await run(request, (trx) =>
        changes.request(trx, request.principal!, request.params.id, input, auditContext(request), clock()),
      );
      return reply.status(201).send(coaJson(created));
    },
  );

  app.get(
    '/customers/:id/changes-of-address',
    {
      schema: {
        tags,
        summary: 'The customer’s changes of address, newest first',
        params: Id,
        querystring: Limit,
        response: { 200: Type.Array(ChangeOfAddressSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (
        await run(request, (trx) =>
          changes.ofCustomer(trx, request.principal!, request.params.id, request.query.limit, auditContext(request), clock()),
        )
      ).map(coaJson),
  );

  app.get(
    '/changes-of-address/review',
    {
      schema: {
        tags,
        summary: 'The fraud review queue: requests the screen held, oldest first (fraud.review)',
        querystring: Limit,
        response: { 200: Type.Array(ChangeOfAddressSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      (await run(request, (trx) => changes.reviewQueue(trx, request.principal!, request.query.limit, auditContext(request), clock()))).map(
        coaJson,
      ),
  );

  app.get(
    '/changes-of-address/cmra-addresses',
    {
      schema: {
        tags,
        summary: 'The commercial mail receiving agencies the fraud screen knows (settings.manage)',
        response: { 200: Type.Array(CmraSchema), ...problemResponses },
      },
      config: { purpose: adminPurpose },
    },
    async (request) => (await run(request, (trx) => changes.listCmras(trx, request.principal!))).map(cmraJson),
  );

  app.post(
    '/changes-of-address/cmra-addresses',
    {
      schema: {
        tags,
        summary: 'List a CMRA’s street address: requests forwarding to it (with or without PMB) count as CMRA forwards',
        body: AddressInputSchema,
        response: { 201: CmraSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose: adminPurpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const added = await run(request, (trx) => changes.addCmra(trx, request.principal!, request.body, auditContext(request), clock()));
      return reply.status(201).send(cmraJson(added));
    },
  );

  app.delete(
    '/changes-of-address/cmra-addresses/:id',
    {
      schema: { tags, summary: 'Remove a CMRA from the list', params: Id, response: { 204: Type.Null(), ...problemResponses } },
      config: { purpose: adminPurpose },
    },
    async (request, reply) => {
      await run(request, (trx) => changes.removeCmra(trx, request.principal!, request.params.id, auditContext(request), clock()));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/changes-of-address/:id',
    {
      schema: { tags, summary: 'One change of address', params: Id, response: { 200: ChangeOfAddressSchema, ...problemResponses } },
      config: { purpose },
    },
    async (request) =>
      coaJson(await run(request, (trx) => changes.get(trx, request.principal!, request.params.id, auditContext(request), clock()))),
  );

  app.post(
    '/changes-of-address/:id/decision',
    {
      schema: {
        tags,
        summary: 'Approve or deny a held request, with the reason (fraud.review)',
        description:
          'Approved, the request forwards from its effective date; denied, it never does. 409 when the request is not held for review. Audited with the reviewer.',
        params: Id,
        body: DecisionSchema,
        response: { 200: ChangeOfAddressSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request) => {
      rejectInvalid(request);
      return coaJson(
        await run(request, (trx) =>
          changes.decide(trx, request.principal!, request.params.id, request.body, auditContext(request), clock()),
        ),
      );
    },
  );

  for (const which of ['old', 'new'] as const) {
    app.get(
      `/changes-of-address/:id/letters/${which}.pdf`,
      {
        schema: {
          tags,
          summary:
            which === 'old'
              ? 'The move validation letter, to the old address (for an accepted or held request)'
              : 'The confirmation letter, to the new address (for an accepted request)',
          description: 'Neither letter prints the other address. 409 when the request’s status sends no such letter. Audited as a print.',
          params: Id,
          produces: ['application/pdf'],
          response: { 200: Pdf, ...problemResponses },
        },
        config: { purpose },
      },
      async (request, reply) => {
        const pdf = await run(request, (trx) =>
          changes.letter(trx, request.principal!, request.params.id, which, auditContext(request), clock()),
        );
        return sendPdf(reply, pdf, `change-of-address-${which}.pdf`);
      },
    );
  }
};
