import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AccessDenied } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { CaseNotFound, caseStatuses, caseWorkload, type CaseSla } from '../../modules/cases/index.ts';
import { requirePrincipal } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';
import { ChannelSchema, PrioritySchema, StatusSchema } from './case-schema.ts';

const Instant = Type.String({ format: 'date-time' });
const ClockSchema = Type.Object({
  state: Type.Enum(['met', 'running', 'paused', 'warning', 'breached']),
  targetMinutes: Type.Number({
    description: 'Business minutes allowed, on the agency calendar (Monday–Friday 08:00–17:00, federal holidays closed).',
  }),
  elapsedMinutes: Type.Number({ description: 'Business minutes the clock has run (paused while the case waits for the customer).' }),
  dueAt: Type.Union([Instant, Type.Null()]),
  warnAt: Type.Union([Instant, Type.Null()]),
  metAt: Type.Union([Instant, Type.Null()]),
});
const ClocksSchema = Type.Object({ firstResponse: ClockSchema, resolution: ClockSchema });
const AtRiskSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  number: Type.String(),
  businessArea: Type.Union([Type.String(), Type.Null()]),
  assignee: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  channel: ChannelSchema,
  priority: PrioritySchema,
  status: StatusSchema,
  target: Type.Enum(['first_response', 'resolution']),
  state: Type.Enum(['warning', 'breached']),
  dueAt: Instant,
});

const WorkloadSchema = Type.Object({
  businessArea: Type.Union([Type.String(), Type.Null()]),
  assignee: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'null: the area’s unassigned cases (its queue)' }),
  displayName: Type.Union([Type.String(), Type.Null()]),
  open: Type.Integer(),
  byStatus: Type.Object(Object.fromEntries(caseStatuses.map((s) => [s, Type.Optional(Type.Integer())]))),
  oldestCreatedAt: Instant,
});

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const clockJson = (clock: {
  state: string;
  targetMinutes: number;
  elapsedMinutes: number;
  dueAt: Date | null;
  warnAt: Date | null;
  metAt: Date | null;
}) => ({
  ...clock,
  dueAt: iso(clock.dueAt),
  warnAt: iso(clock.warnAt),
  metAt: iso(clock.metAt),
});

/** Service levels: each case's clocks, and the supervisors' list of cases at risk. */
export const slaRoutes: FastifyPluginAsync<{ database: Database; sla: CaseSla; clock: () => Date }> = async (
  base,
  { database, sla, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['cases'];
  const purpose = 'customer service: keep cases within their service levels (880.000)';

  app.get(
    '/cases/:id/sla',
    {
      schema: {
        tags,
        summary: "A case's first-response and resolution clocks",
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ClocksSchema, ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      try {
        const clocks = await withPrincipal(database.db, principal, (trx) => sla.clocksOf(trx, principal, request.params.id, clock()));
        return { firstResponse: clockJson(clocks.firstResponse), resolution: clockJson(clocks.resolution) } as never;
      } catch (error) {
        if (error instanceof CaseNotFound || error instanceof AccessDenied)
          throw new ProblemError(404, problemTypes.notFound, 'Not found', 'No such case, or not one you may see.');
        throw error;
      }
    },
  );

  app.get(
    '/workload',
    {
      schema: {
        tags,
        summary: 'Queues and workload: open cases by business area and assignee, with the oldest (supervisors; your areas only)',
        response: { 200: Type.Array(WorkloadSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const rows = await withPrincipal(database.db, principal, (trx) => caseWorkload(trx, principal));
      return rows.map((r) => ({ ...r, oldestCreatedAt: r.oldestCreatedAt.toISOString() })) as never;
    },
  );

  app.get(
    '/sla/at-risk',
    {
      schema: {
        tags,
        summary: 'Open cases whose service level warns or is breached, most overdue first (supervisors; your areas only)',
        response: { 200: Type.Array(AtRiskSchema), ...problemResponses },
      },
      config: { purpose },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const cases = await withPrincipal(database.db, principal, (trx) => sla.atRisk(trx, principal, clock()));
      return cases.map((c) => ({ ...c, dueAt: c.dueAt.toISOString() })) as never;
    },
  );
};
