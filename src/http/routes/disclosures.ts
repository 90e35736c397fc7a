import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import {
  disclosureNatures,
  DisclosureSubjectNotFound,
  InvalidDisclosureField,
  maxPurposeLength,
  maxRecipientAddressLength,
  maxRecipientNameLength,
  recipientKinds,
  type Disclosure,
  type DisclosureService,
  type RecordRecipient,
} from '../../modules/privacy/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { fieldProblem, problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { Nullable } from './common-schema.ts';
import { rejectInvalid } from './call-schema.ts';

const purpose = 'Privacy Act accounting of disclosures (5 U.S.C. 552a(c))';
const DateTime = Type.String({ format: 'date-time' });
const Uuid = Type.String({ format: 'uuid' });
const RoutineUseRef = Type.String({
  minLength: 3,
  maxLength: 60,
  description: "the routine use cited: '880.000:3' (routine use 3 of notice 880.000) or 'standard:3' (the agency's standard use 3)",
});
const NatureSchema = Type.Enum([...disclosureNatures]);
const RecipientKindSchema = Type.Enum([...recipientKinds]);
const RecipientSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: maxRecipientNameLength, description: 'the person or agency the record went to' }),
    address: Type.String({ minLength: 1, maxLength: maxRecipientAddressLength }),
  },
  { additionalProperties: false },
);

const NewDisclosureSchema = Type.Object(
  {
    recordTable: Type.String({ minLength: 1, maxLength: 63, description: "the record's table: 'cases', 'calls', 'customers', …" }),
    recordId: Uuid,
    recordType: Type.Optional(
      Nullable(Type.String({ maxLength: 120, description: 'catalog record type; default: the record’s own, where its table stores it' })),
    ),
    disclosedAt: Type.Optional(Type.String({ format: 'date-time', description: 'default: now' })),
    nature: NatureSchema,
    purpose: Type.String({ minLength: 1, maxLength: maxPurposeLength }),
    recipient: RecipientSchema,
    recipientKind: RecipientKindSchema,
    routineUse: RoutineUseRef,
    lawEnforcementRequest: Type.Optional(
      Type.Boolean({
        description:
          'an agency’s written request for a law-enforcement activity (552a(b)(7)); default: true for a law_enforcement recipient',
      }),
    ),
  },
  { additionalProperties: false },
);

const DisclosureSchema = Type.Object({
  id: Uuid,
  subjectId: Uuid,
  businessArea: Nullable(Type.String()),
  recordTable: Type.String(),
  recordId: Type.String(),
  recordType: Type.String(),
  disclosedAt: DateTime,
  nature: NatureSchema,
  purpose: Type.String(),
  recipient: RecipientSchema,
  recipientKind: RecipientKindSchema,
  routineUse: Type.String(),
  lawEnforcementRequest: Type.Boolean(),
  disputed: Type.Boolean({ description: 'a statement of disagreement was on file: it went with the record (5 U.S.C. 552a(d)(4))' }),
  enteredBy: Type.String(),
  enteredAt: DateTime,
  disposeAfter: Type.String({
    format: 'date-time',
    description: '5 years after the disclosure or the life of the record, whichever is longer',
  }),
});

const RecipientEntrySchema = Type.Object({
  disclosureId: Uuid,
  subjectId: Uuid,
  disclosedAt: DateTime,
  nature: NatureSchema,
  recipient: RecipientSchema,
  recipientKind: RecipientKindSchema,
  routineUse: Type.String(),
  lawEnforcementRequest: Type.Boolean(),
});

const RoutineUseSchema = Type.Object({
  reference: Type.String({ description: "'880.000:3'" }),
  standardReference: Type.String({ description: "'standard:3'" }),
  notice: Type.String(),
  designation: Type.String(),
  number: Type.Integer(),
  noticeText: Type.String({ description: 'the notice’s routine uses section, in its words' }),
});

const disclosureJson = (d: Disclosure) => ({
  ...d,
  disclosedAt: d.disclosedAt.toISOString(),
  enteredAt: d.enteredAt.toISOString(),
  disposeAfter: d.disposeAfter.toISOString(),
});
const recipientJson = (r: RecordRecipient) => ({ ...r, disclosedAt: r.disclosedAt.toISOString() });

function disclosureFailure(context: 'body' | 'querystring') {
  return (error: unknown): never => {
    if (error instanceof InvalidDisclosureField) throw fieldProblem(`/${context}/${error.field}`, error.reason);
    if (error instanceof DisclosureSubjectNotFound)
      throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such data subject, or not one you may see.');
    throw error;
  };
}

/**
 * The accounting of disclosures (registered under /api): POST /disclosures,
 * GET /disclosures?subjectId=, GET /disclosures/recipients?recordTable=&recordId=,
 * GET /disclosures/routine-uses.
 */
export const disclosureRoutes: FastifyPluginAsync<{ database: Database; disclosures: DisclosureService; clock: () => Date }> = async (
  base,
  { database, disclosures, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['disclosures'];

  app.post(
    '/disclosures',
    {
      schema: {
        tags,
        summary: 'Enter a disclosure of a record outside the organisation in the accounting of disclosures',
        description:
          'For every record sent, shown or read out to someone outside the organisation under a routine use (5 U.S.C. 552a(c)(1)): the record, date, nature, purpose, recipient and routine use. The routine use must be one of the record type’s notice (see GET /api/disclosures/routine-uses). The purpose and recipient are encrypted; the entry is kept 5 years or the life of the record, whichever is longer. Invalid fields answer 422 naming each one; nothing is written.',
        body: NewDisclosureSchema,
        response: { 201: DisclosureSchema, ...problemResponses },
      },
      attachValidation: true,
      config: { purpose },
    },
    async (request, reply) => {
      rejectInvalid(request);
      const { disclosedAt, ...body } = request.body;
      const input = { ...body, ...(disclosedAt ? { disclosedAt: new Date(disclosedAt) } : {}) };
      const disclosure = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        disclosures.record(trx, request.principal!, input, auditContext(request), clock()),
      ).catch(disclosureFailure('body'));
      return reply.status(201).send(disclosureJson(disclosure));
    },
  );

  app.get(
    '/disclosures',
    {
      schema: {
        tags,
        summary: 'A data subject’s accounting of disclosures, newest first',
        description:
          'With forSubject=true, the accounting as the subject is given it: without disclosures made at an agency’s written law-enforcement request (552a(c)(3)).',
        querystring: Type.Object({ subjectId: Uuid, forSubject: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 200: Type.Array(DisclosureSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const { subjectId, forSubject } = request.query;
      const list = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        disclosures.listForSubject(trx, request.principal!, subjectId, { forSubject }, auditContext(request), clock()),
      ).catch(disclosureFailure('querystring'));
      return list.map(disclosureJson);
    },
  );

  app.get(
    '/disclosures/recipients',
    {
      schema: {
        tags,
        summary: 'Everyone a record was disclosed to, oldest first: whom to tell of its amendment or dispute (552a(c)(4))',
        querystring: Type.Object(
          { recordTable: Type.String({ minLength: 1, maxLength: 63 }), recordId: Uuid },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(RecipientEntrySchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const { recordTable, recordId } = request.query;
      const list = await withPrincipal(database.db, requirePrincipal(request), (trx) =>
        disclosures.recipientsOf(trx, request.principal!, recordTable, recordId, auditContext(request), clock()),
      ).catch(disclosureFailure('querystring'));
      return list.map(recipientJson);
    },
  );

  app.get(
    '/disclosures/routine-uses',
    {
      schema: {
        tags,
        summary: 'The routine uses a disclosure may cite, from the catalog’s notices',
        querystring: Type.Object(
          { recordType: Type.Optional(Type.String({ maxLength: 120, description: 'only those of this record type’s notice' })) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(RoutineUseSchema), ...problemResponses },
      },
    },
    async (request) => {
      requirePrincipal(request);
      try {
        return disclosures.routineUses(request.query.recordType ?? null);
      } catch (error) {
        return disclosureFailure('querystring')(error);
      }
    },
  );
};
