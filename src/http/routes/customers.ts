import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import { describeFields, type CustomerFinder, type CustomerMerger, type CustomerService } from '../../modules/customers/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import {
  CustomerSchema,
  CustomerSummarySchema,
  CustomerValueSchema,
  customerFailure,
  customerJson,
  DuplicateSchema,
  FieldSchema,
  KeyContactSchema,
  KindSchema,
  NewValueSchema,
  RecordSourceSchema,
  RelationshipSchema,
  SearchSchema,
  summaryJson,
} from './customer-schema.ts';
import { BusinessAreaId } from './common-schema.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { AccessDenied } from '../../access/index.ts';

export interface CustomerRouteDeps {
  readonly database: Database;
  readonly customers: CustomerService;
  readonly finder: CustomerFinder;
  readonly merger: CustomerMerger;
  readonly clock: () => Date;
}

const purposes = {
  record: 'customer service: record a customer contacting us (880.000)',
  respond: 'customer service: respond to an inquiry (880.000)',
  find: 'customer service: find the customer contacting us (880.000)',
  dedupe: 'customer service: keep one record per customer (880.000)',
};

const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });

export const customerRoutes: FastifyPluginAsync<CustomerRouteDeps> = async (base, { database, customers, finder, merger, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(customerFailure);

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Register a customer (a person or an organisation)',
        description:
          'Values are given one by one, each with its field (a field of record type usps-880/customer in the catalog), an optional label (home, work, billing, …) and whether it is the primary one of its field. A person needs a customer_name, an organisation a company_name; an organisation may name key contacts (existing person customers). Mailing addresses are stored in USPS Publication 28 form with a validated ZIP, ZIP+4 or 11-digit delivery-point ZIP. Every value is encrypted under the customer’s own key and findable by blind index only. The answer lists possibleDuplicates: existing customers that are probably the same (same e-mail or phone, or a similar name at the same ZIP), so the agent can merge instead of keeping two records. A bad value is answered with the path of the value at fault and nothing is created.',
        body: Type.Object(
          {
            kind: KindSchema,
            businessArea: Type.Optional(Type.Union([BusinessAreaId, Type.Null()])),
            recordSource: Type.Optional(RecordSourceSchema),
            values: Type.Array(NewValueSchema, { minItems: 1, maxItems: 100 }),
            contacts: Type.Optional(
              Type.Array(
                Type.Object(
                  { customerId: Type.String({ format: 'uuid' }), relationship: RelationshipSchema },
                  { additionalProperties: false },
                ),
                {
                  maxItems: 50,
                },
              ),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([CustomerSchema, Type.Object({ possibleDuplicates: Type.Array(DuplicateSchema) })]),
          ...problemResponses,
        },
      },
      config: { purpose: purposes.record },
    },
    async (request, reply) => {
      const created = await run(request, async (trx) => {
        const ctx = auditContext(request);
        const customer = await customers.create(
          trx,
          request.principal!,
          { ...request.body, recordSource: request.body.recordSource ?? 'agent' },
          ctx,
          clock(),
        );
        return { customer, possibleDuplicates: await finder.duplicatesOf(trx, request.principal!, customer.id, ctx, clock()) };
      });
      return reply.status(201).send({
        ...customerJson(created.customer),
        possibleDuplicates: created.possibleDuplicates.map((d) => ({ ...d, reasons: [...d.reasons] })),
      });
    },
  );

  app.get(
    '/fields',
    {
      schema: {
        tags,
        summary: 'The fields a customer record holds, as forms need them',
        description:
          'Each field of record type usps-880/customer: its name, which kind of customer it applies to, its labels (types), whether it holds one value, its choices, its class in the catalog and how it is masked until revealed.',
        response: {
          200: Type.Array(
            Type.Object({
              field: FieldSchema,
              name: Type.String(),
              appliesTo: Type.Array(KindSchema),
              labels: Type.Array(Type.String()),
              single: Type.Boolean(),
              choices: Type.Union([Type.Array(Type.String()), Type.Null()]),
              hint: Type.Union([Type.String(), Type.Null()]),
              fieldClass: Type.Enum(['identifier', 'sensitive', 'content', 'operational']),
              mask: Type.Union([Type.Enum(['full', 'last4']), Type.Null()]),
            }),
          ),
          ...problemResponses,
        },
      },
    },
    async () =>
      describeFields().map((f) => ({ ...f, appliesTo: [...f.appliesTo], labels: [...f.labels], choices: f.choices && [...f.choices] })),
  );

  app.post(
    '/search',
    {
      schema: {
        tags,
        summary: 'Find customers by retrieval keys (every given key must match)',
        description:
          'The typed form of the find-customer box: each key is a retrieval key of the notices. A POST so that the keys (personal data) never appear in a URL or an access log. ssnLast4 never retrieves anyone alone: any four digits are shared by about one American in ten thousand, so alone they would list strangers; with a name or ZIP they confirm a caller.',
        body: SearchSchema,
        response: { 200: Type.Array(CustomerSummarySchema), ...problemResponses },
      },
      config: { purpose: purposes.find },
    },
    async (request) =>
      (await run(request, (trx) => finder.search(trx, request.principal!, request.body, auditContext(request), clock()))).map(summaryJson),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One customer, its values masked as the catalog says unless revealed',
        description:
          'reveal lists masked fields to show in clear (comma-separated field names, e.g. ssn_last4,account_number); each revealed field is its own audit entry, and ssn_last4 needs the right to read sensitive fields (a second factor). A customer merged into another answers 303 with the surviving customer as Location.',
        params: Id,
        querystring: Type.Object(
          { reveal: Type.Optional(Type.String({ pattern: '^[a-z0-9_]+(,[a-z0-9_]+)*$' })) },
          { additionalProperties: false },
        ),
        response: { 200: CustomerSchema, 303: Type.Object({ mergedInto: Type.String({ format: 'uuid' }) }), ...problemResponses },
      },
      config: { purpose: purposes.respond },
    },
    async (request, reply) => {
      const reveal = request.query.reveal ? request.query.reveal.split(',') : [];
      const read = await run(request, (trx) =>
        customers.get(trx, request.principal!, request.params.id, { reveal }, auditContext(request), clock()),
      );
      if ('customer' in read) return customerJson(read.customer);
      if ('mergedInto' in read)
        return reply.status(303).header('location', `/api/customers/${read.mergedInto}`).send({ mergedInto: read.mergedInto });
      if (read.refused === 'forbidden') throw new AccessDenied('record.read_sensitive');
      throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such customer, or not one you may see.');
    },
  );

  app.post(
    '/:id/values',
    {
      schema: {
        tags,
        summary: 'Add values to a customer (a new address, e-mail, identifier, preference, …)',
        description:
          'A value of a single-valued field (SSN last four, logon ID, D-U-N-S Number, preferences, …) replaces the current one, which stays in the record’s history. primary: true makes the value its field’s primary one.',
        params: Id,
        body: Type.Object(
          { values: Type.Array(NewValueSchema, { minItems: 1, maxItems: 100 }), recordSource: Type.Optional(RecordSourceSchema) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Array(CustomerValueSchema), ...problemResponses },
      },
      config: { purpose: purposes.respond },
    },
    async (request, reply) => {
      const added = await run(request, (trx) =>
        customers.addValues(
          trx,
          request.principal!,
          request.params.id,
          request.body.values,
          request.body.recordSource ?? 'agent',
          auditContext(request),
          clock(),
        ),
      );
      return reply.status(201).send(added.map((v) => ({ ...v, recordedAt: v.recordedAt.toISOString() })));
    },
  );

  app.delete(
    '/:id/values/:valueId',
    {
      schema: {
        tags,
        summary: 'Remove a value: it stays in the record’s history, but no longer describes or finds the customer',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), valueId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problemResponses },
      },
      config: { purpose: purposes.respond },
    },
    async (request, reply) => {
      await run(request, (trx) =>
        customers.removeValue(trx, request.principal!, request.params.id, request.params.valueId, auditContext(request), clock()),
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Name a person customer as a key contact of this organisation',
        params: Id,
        body: Type.Object(
          { customerId: Type.String({ format: 'uuid' }), relationship: RelationshipSchema },
          { additionalProperties: false },
        ),
        response: { 201: KeyContactSchema, ...problemResponses },
      },
      config: { purpose: purposes.respond },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await run(request, (trx) =>
            customers.linkContact(
              trx,
              request.principal!,
              request.params.id,
              request.body.customerId,
              request.body.relationship,
              auditContext(request),
              clock(),
            ),
          ),
        ),
  );

  app.get(
    '/:id/history',
    {
      schema: {
        tags,
        summary: 'The customer’s contact history, newest first',
        params: Id,
        response: {
          200: Type.Array(
            Type.Object({
              id: Type.String({ format: 'uuid' }),
              at: Type.String({ format: 'date-time' }),
              kind: Type.String(),
              channel: Type.Union([Type.String(), Type.Null()]),
              summary: Type.String(),
              sourceTable: Type.Union([Type.String(), Type.Null()]),
              sourceId: Type.Union([Type.String(), Type.Null()]),
              actor: Type.String(),
            }),
          ),
          ...problemResponses,
        },
      },
      config: { purpose: purposes.respond },
    },
    async (request) =>
      (await run(request, (trx) => customers.history(trx, request.principal!, request.params.id, auditContext(request), clock()))).map(
        (e) => ({
          ...e,
          at: e.at.toISOString(),
        }),
      ),
  );

  app.get(
    '/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Customers that are probably the same as this one, most likely first',
        params: Id,
        response: { 200: Type.Array(DuplicateSchema), ...problemResponses },
      },
      config: { purpose: purposes.dedupe },
    },
    async (request) =>
      (await run(request, (trx) => finder.duplicatesOf(trx, request.principal!, request.params.id, auditContext(request), clock()))).map(
        (d) => ({
          ...d,
          reasons: [...d.reasons],
        }),
      ),
  );

  const MergeSchema = Type.Object({
    mergeId: Type.String({ format: 'uuid' }),
    survivorId: Type.String({ format: 'uuid' }),
    mergedId: Type.String({ format: 'uuid' }),
    undoUntil: Type.String({ format: 'date-time' }),
    moved: Type.Record(Type.String(), Type.Integer()),
  });

  app.post(
    '/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into this customer',
        description:
          'Every value, key-contact link, history entry and linked record of mergedId moves to this customer; where both hold a single-valued field, this customer’s value is kept and the other stays in history. The merged customer stays, hidden, and the merge can be undone exactly within 30 days (POST /api/customers/merges/{mergeId}/undo). Audited with both customers as subjects.',
        params: Id,
        body: Type.Object({ mergedId: Type.String({ format: 'uuid' }) }, { additionalProperties: false }),
        response: { 200: MergeSchema, ...problemResponses },
      },
      config: { purpose: purposes.dedupe },
    },
    async (request) => {
      const result = await run(request, (trx) =>
        merger.merge(trx, request.principal!, request.params.id, request.body.mergedId, auditContext(request), clock()),
      );
      return { ...result, undoUntil: result.undoUntil.toISOString(), moved: { ...result.moved } };
    },
  );

  app.post(
    '/merges/:mergeId/undo',
    {
      schema: {
        tags,
        summary: 'Undo a merge (within 30 days): exactly the rows it moved go back',
        params: Type.Object({ mergeId: Type.String({ format: 'uuid' }) }),
        response: {
          200: Type.Object({ survivorId: Type.String({ format: 'uuid' }), restoredId: Type.String({ format: 'uuid' }) }),
          ...problemResponses,
        },
      },
      config: { purpose: purposes.dedupe },
    },
    async (request) =>
      run(request, (trx) => merger.unmerge(trx, request.principal!, request.params.mergeId, auditContext(request), clock())),
  );

  app.get(
    '/:id/merges',
    {
      schema: {
        tags,
        summary: 'Merges this customer survived, newest first, with whether each can still be undone',
        params: Id,
        response: {
          200: Type.Array(
            Type.Object({
              mergeId: Type.String({ format: 'uuid' }),
              mergedId: Type.String({ format: 'uuid' }),
              mergedName: Type.String({ description: 'the merged customer’s primary name' }),
              mergedAt: Type.String({ format: 'date-time' }),
              undoUntil: Type.String({ format: 'date-time' }),
              unmergedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
            }),
          ),
          ...problemResponses,
        },
      },
      config: { purpose: purposes.dedupe },
    },
    async (request) =>
      (await run(request, (trx) => merger.mergesOf(trx, request.principal!, request.params.id))).map((m) => ({
        mergeId: m.mergeId,
        mergedId: m.mergedId,
        mergedName: m.mergedName,
        mergedAt: m.mergedAt.toISOString(),
        undoUntil: m.undoUntil.toISOString(),
        unmergedAt: m.unmergedAt?.toISOString() ?? null,
      })),
  );
};
