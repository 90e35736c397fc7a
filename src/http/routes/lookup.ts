import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { withPrincipal, type Database } from '../../db/index.ts';
import { InvalidCustomerField, WeakLookup, type CustomerFinder, type LookupResult } from '../../modules/customers/index.ts';
import type { CaseService } from '../../modules/cases/index.ts';
import { CaseSummarySchema, caseSummaryJson } from './case-schema.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { CustomerSummarySchema, customerFailure, summaryJson } from './customer-schema.ts';
import { fieldProblem, problemResponses } from '../problem.ts';

const defaultPurpose = 'customer service: find the customer contacting us (880.000)';
const screenPopPurpose = 'customer service: identify an incoming caller (880.000)';

const description =
  'Recognises an e-mail address, a phone number in any common format, a ZIP / ZIP+4 / 11-digit ZIP, a customer id, a customer number, account number or other customer identifier, a SIC or NAICS code ("SIC 4311"), a name or company name (tolerant of typos and spelling variants through the phonetic blind index), or a name with a ZIP or SSN last four, and returns the matching customers best first, each with what it matched by. The last four digits of an SSN never retrieve anyone alone: any four digits are shared by about one American in ten thousand, so alone they would list strangers; with a name or ZIP they confirm a caller. Every lookup is recorded in the audit log with its purpose and the customers it returned.';

const Query = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 256, description: 'what the agent typed' }),
    purpose: Type.Optional(
      Type.String({ minLength: 3, maxLength: 200, description: 'why, for the audit log; default: ' + defaultPurpose }),
    ),
  },
  { additionalProperties: false },
);

const LookupResponse = Type.Object({
  interpretations: Type.Array(Type.Object({ kind: Type.String(), description: Type.String() })),
  results: Type.Array(Type.Object({ customer: CustomerSummarySchema, matchedBy: Type.String() })),
});

/** Keeps what was typed out of caches and out of the Referer of any link followed from the answer. */
function private_(reply: { header(name: string, value: string): unknown }): void {
  reply.header('cache-control', 'no-store');
  reply.header('referrer-policy', 'no-referrer');
}

export const lookupRoutes: FastifyPluginAsync<{
  database: Database;
  finder: CustomerFinder;
  cases: CaseService;
  clock: () => Date;
}> = async (base, { database, finder, cases, clock }) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();

  const lookup = async (request: FastifyRequest, q: string, purpose: string | undefined, pointer: string) => {
    const principal = requirePrincipal(request);
    const found: LookupResult = await withPrincipal(database.db, principal, (trx) =>
      finder.lookup(trx, principal, q, auditContext(request, purpose), clock()),
    ).catch((error: unknown) => {
      if (error instanceof WeakLookup) throw fieldProblem(pointer, error.message);
      return customerFailure(error);
    });
    return {
      interpretations: [...found.interpretations],
      results: found.results.map((r) => ({ customer: summaryJson(r.customer), matchedBy: r.matchedBy })),
    };
  };

  app.post(
    '/',
    {
      schema: {
        tags: ['customers'],
        summary: 'The find-customer box: type anything a customer can be found by',
        description: `${description} The web console uses this form: what was typed (personal data) stays out of URLs, browser history and proxies.`,
        body: Query,
        response: { 200: LookupResponse, ...problemResponses },
      },
      config: { purpose: defaultPurpose },
    },
    async (request, reply) => {
      private_(reply);
      return lookup(request, request.body.q, request.body.purpose, '/body/q');
    },
  );

  app.get(
    '/',
    {
      schema: {
        tags: ['customers'],
        summary: 'The find-customer box, for clients that can only GET',
        description: `${description} Caseline logs requests by route pattern only and answers with Cache-Control: no-store, but a query string can still be kept by a client or proxy on the way: prefer POST /api/lookup.`,
        querystring: Query,
        response: { 200: LookupResponse, ...problemResponses },
      },
      config: { purpose: defaultPurpose },
    },
    async (request, reply) => {
      private_(reply);
      return lookup(request, request.query.q, request.query.purpose, '/querystring/q');
    },
  );

  app.get(
    '/phone/:number',
    {
      schema: {
        tags: ['customers'],
        summary: 'Screen-pop: the customers holding an incoming caller’s number, and their open cases',
        description:
          'For a telephony system (use an API token with the agent role): the number in any common format, e.g. +12025550123 or (202) 555-0123 URL-encoded. Answers the customers holding it as a phone or fax number, each with its cases still being worked (newest first), audited as a search with the screen-pop purpose.',
        params: Type.Object({ number: Type.String({ minLength: 3, maxLength: 40 }) }),
        response: {
          200: Type.Object({
            customers: Type.Array(Type.Intersect([CustomerSummarySchema, Type.Object({ openCases: Type.Array(CaseSummarySchema) })])),
          }),
          ...problemResponses,
        },
      },
      config: { purpose: screenPopPurpose },
    },
    async (request, reply) => {
      private_(reply);
      const principal = requirePrincipal(request);
      const ctx = auditContext(request);
      const found = await withPrincipal(database.db, principal, async (trx) => {
        const customers = await finder.byPhone(trx, principal, request.params.number, ctx, clock());
        const open = await cases.openCasesOf(
          trx,
          principal,
          customers.map((c) => c.id),
          ctx,
          clock(),
        );
        return customers.map((c) => ({ ...summaryJson(c), openCases: open.filter((k) => k.customerId === c.id).map(caseSummaryJson) }));
      }).catch((error: unknown) => {
        if (error instanceof InvalidCustomerField) throw fieldProblem('/params/number', error.reason);
        return customerFailure(error);
      });
      return { customers: found };
    },
  );
};
