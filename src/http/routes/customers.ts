import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import type { CustomerService } from '../../modules/customers/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { CustomerSchema, customerFailure, customerJson, DuplicateSchema, Optional } from './customer-schema.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { AccessDenied } from '../../access/index.ts';

export const customerRoutes: FastifyPluginAsync<{ database: Database; customers: CustomerService; clock: () => Date }> = async (
  base,
  { database, customers, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['customers'];
  const run = <T>(request: Parameters<typeof requirePrincipal>[0], fn: Parameters<typeof withPrincipal<T>>[2]) =>
    withPrincipal(database.db, requirePrincipal(request), fn).catch(customerFailure);

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Register a customer',
        description:
          'Every value is encrypted under the customer’s own key and made findable by blind index only. The answer lists possibleDuplicates: existing customers that are probably the same person (same e-mail or phone, or a similar name at the same ZIP), so the agent can merge instead of keeping two records.',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
            name: Type.String({ minLength: 1, maxLength: 300 }),
            email: Optional(Type.String({ maxLength: 320, format: 'email' })),
            phone: Optional(Type.String({ maxLength: 40 })),
            zip: Optional(Type.String({ maxLength: 10, pattern: '^[0-9]{5}(-?[0-9]{4})?$' })),
            ssnLast4: Optional(Type.String({ pattern: '^[0-9]{4}$' })),
            businessArea: Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' })),
            recordSource: Type.Union(
              [Type.Literal('customer'), Type.Literal('agent'), Type.Literal('list_provider'), Type.Literal('import')],
              { default: 'agent' },
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([CustomerSchema, Type.Object({ possibleDuplicates: Type.Array(DuplicateSchema) })]),
          ...problemResponses,
        },
      },
      config: { purpose: 'customer service: record a customer contacting us (880.000)' },
    },
    async (request, reply) => {
      const created = await run(request, async (trx) => {
        const customer = await customers.create(trx, request.principal!, request.body, auditContext(request), clock());
        return {
          customer,
          possibleDuplicates: await customers.duplicatesOf(trx, request.principal!, customer.id, auditContext(request), clock()),
        };
      });
      return reply.status(201).send({
        ...customerJson(created.customer),
        possibleDuplicates: created.possibleDuplicates.map((d) => ({ ...d, reasons: [...d.reasons] })),
      });
    },
  );

  app.get(
    '/:id/duplicates',
    {
      schema: {
        tags,
        summary: 'Customers that are probably the same person as this one, most likely first',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Array(DuplicateSchema), ...problemResponses },
      },
      config: { purpose: 'customer service: keep one record per customer (880.000)' },
    },
    async (request) =>
      (await run(request, (trx) => customers.duplicatesOf(trx, request.principal!, request.params.id, auditContext(request), clock()))).map(
        (d) => ({
          ...d,
          reasons: [...d.reasons],
        }),
      ),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'One customer (sensitive fields masked unless revealed)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ reveal: Type.Optional(Type.Literal('ssnLast4')) }, { additionalProperties: false }),
        response: { 200: CustomerSchema, ...problemResponses },
      },
      config: { purpose: 'customer service: respond to an inquiry (880.000)' },
    },
    async (request) => {
      const read = await run(request, (trx) =>
        customers.get(
          trx,
          request.principal!,
          request.params.id,
          { reveal: request.query.reveal === 'ssnLast4' },
          auditContext(request),
          clock(),
        ),
      );
      if ('customer' in read) return customerJson(read.customer);
      if (read.refused === 'forbidden') throw new AccessDenied('record.read_sensitive');
      throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such customer, or not one you may see.');
    },
  );

  app.post(
    '/search',
    {
      schema: {
        tags,
        summary: 'Find customers by retrieval keys (all given keys must match)',
        description:
          'A POST so that the keys (personal data) never appear in a URL or an access log. ssnLast4 never retrieves anyone alone: any four digits are shared by about one American in ten thousand, so alone they would list strangers; with a name or ZIP they confirm a caller.',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
            email: Type.Optional(Type.String({ minLength: 3, maxLength: 320 })),
            phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
            zip: Type.Optional(Type.String({ pattern: '^[0-9]{5}(-?[0-9]{4})?$' })),
            ssnLast4: Type.Optional(Type.String({ pattern: '^[0-9]{4}$' })),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Type.Array(CustomerSchema), ...problemResponses },
      },
      config: { purpose: 'customer service: find the customer contacting us (880.000)' },
    },
    async (request) =>
      (await run(request, (trx) => customers.search(trx, request.principal!, request.body, auditContext(request), clock()))).map(
        customerJson,
      ),
  );
};
