import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import { sql } from 'kysely';
import { migrationStatus, type Database } from '../../db/index.ts';
import type { Metrics } from '../metrics.ts';

const Health = Type.Object({
  status: Type.String(),
  engine: Type.Optional(Type.String()),
  pendingMigrations: Type.Optional(Type.Integer()),
});

export const healthRoutes: FastifyPluginAsync<{ database: Database; metrics: Metrics }> = async (app, { database, metrics }) => {
  app.get(
    '/healthz',
    {
      schema: { tags: ['operations'], summary: 'Liveness: the process answers', response: { 200: Health } },
      config: { auth: 'public' },
    },
    async () => ({ status: 'ok' }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['operations'],
        summary: 'Readiness: database reachable and migrations current',
        response: { 200: Health, 503: Health },
      },
      config: { auth: 'public' },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(database.db);
        const status = await migrationStatus(database.db);
        const ready = status.pending.length === 0;
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'migrations pending', engine: database.kind, pendingMigrations: status.pending.length });
      } catch {
        return reply.status(503).send({ status: 'database unreachable', engine: database.kind });
      }
    },
  );

  app.get(
    '/metrics',
    {
      schema: { tags: ['operations'], summary: 'Prometheus metrics', hide: true },
      config: { auth: 'public' },
    },
    async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    },
  );
};
