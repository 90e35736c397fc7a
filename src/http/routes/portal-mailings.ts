import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { MailingService } from '../../modules/tracking/index.ts';
import { auditContext } from '../auth.ts';
import type { PortalUnit } from '../portal-auth.ts';
import { problemResponses } from '../problem.ts';
import { performanceJson, PerformanceSchema, portalMailingJson, PortalMailingSchema } from './mailing-schema.ts';
import { trackingProblem } from './tracking-problems.ts';

const purpose = 'portal: my mailings and how they are doing (820.200 purposes 5 and 6)';
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const listLimit = 200;

/**
 * My mailings: a business mailer's own mailings and their performance, read-only. The customer
 * comes from the session, never from the request; every answer passes the egress guard.
 */
export const portalMailingRoutes: FastifyPluginAsync<{ mailings: MailingService; unit: PortalUnit; clock: () => Date }> = async (
  base,
  { mailings, unit, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['portal'];

  app.get(
    '/mailings',
    {
      schema: {
        tags,
        summary: 'My mailings, latest mailing date first',
        response: { 200: Type.Array(PortalMailingSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        (await mailings.mine(trx, principal, listLimit, auditContext(request), clock())).map(portalMailingJson),
      ),
  );

  app.get(
    '/mailings/:id/performance',
    {
      schema: {
        tags,
        summary: 'How one of my mailings is doing: pieces seen, delivered, not yet scanned',
        params: Id,
        response: { 200: PerformanceSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) =>
      unit(request, async (trx, principal) =>
        performanceJson(
          await mailings.performance(trx, principal, request.params.id, auditContext(request), clock()).catch(trackingProblem),
        ),
      ),
  );
};
