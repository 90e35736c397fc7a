import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import { WeakLookup, type CustomerService } from '../../modules/customers/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { CustomerSchema, customerJson, customerFailure } from './customer-schema.ts';
import { fieldProblem, problemResponses } from '../problem.ts';

const defaultPurpose = 'customer service: find the customer contacting us (880.000)';

export const lookupRoutes: FastifyPluginAsync<{ database: Database; customers: CustomerService; clock: () => Date }> = async (
  base,
  { database, customers, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/',
    {
      schema: {
        tags: ['customers'],
        summary: 'The find-customer box: type anything a customer can be found by',
        description:
          'Recognises an e-mail address, a phone number in any common format, a ZIP / ZIP+4 / 11-digit ZIP, a customer id, a name (tolerant of typos and spelling variants through the phonetic blind index), or a name with a ZIP or SSN last four, and returns the matching customers best first, each with what it matched by. A POST, so that what was typed (personal data) never appears in a URL. The last four digits of an SSN never retrieve anyone alone: any four digits are shared by about one American in ten thousand, so alone they would list strangers; with a name or ZIP they confirm a caller. Every lookup is recorded in the audit log with its purpose and the customers it returned.',
        body: Type.Object(
          {
            q: Type.String({ minLength: 1, maxLength: 256, description: 'what the agent typed' }),
            purpose: Type.Optional(
              Type.String({ minLength: 3, maxLength: 200, description: 'why, for the audit log; default: ' + defaultPurpose }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            interpretations: Type.Array(Type.Object({ kind: Type.String(), description: Type.String() })),
            results: Type.Array(Type.Object({ customer: CustomerSchema, matchedBy: Type.String() })),
          }),
          ...problemResponses,
        },
      },
      config: { purpose: defaultPurpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const found = await withPrincipal(database.db, principal, (trx) =>
        customers.lookup(trx, principal, request.body.q, auditContext(request, request.body.purpose), clock()),
      ).catch((error: unknown) => {
        if (error instanceof WeakLookup) throw fieldProblem('/body/q', error.message);
        return customerFailure(error);
      });
      return {
        interpretations: [...found.interpretations],
        results: found.results.map((r) => ({ customer: customerJson(r.customer), matchedBy: r.matchedBy })),
      };
    },
  );
};
