import fs from 'node:fs/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { KeyObject } from 'node:crypto';
import { Type } from 'typebox';
import { auditActions, authorize, searchAuditLog, verifyAudit } from '../../access/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses } from '../problem.ts';

const Entry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorKind: Type.String(),
  actorId: Type.String(),
  actorRole: Type.String(),
  action: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  subjects: Type.Array(Type.String(), { description: 'ids of the data subjects whose personal data the work carried; never values' }),
  purpose: Type.String(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  clientAddr: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
  chainPos: Type.Union([Type.Integer(), Type.Null()], {
    description: 'position in the hash chain; null until sealed (within about a second)',
  }),
});
const Verification = Type.Object({
  ok: Type.Boolean(),
  entries: Type.Optional(Type.Integer()),
  sealedHead: Type.Optional(Type.Union([Type.Object({ chainPos: Type.Integer(), hash: Type.String() }), Type.Null()])),
  checkpointsChecked: Type.Optional(Type.Integer()),
  unsealed: Type.Optional(Type.Integer()),
  problem: Type.Optional(Type.Object({ kind: Type.String(), chainPos: Type.Integer(), message: Type.String() })),
});

export interface AuditRouteDeps {
  readonly database: Database;
  readonly clock: () => Date;
  readonly publicKey: KeyObject;
  readonly checkpointFile: string;
}

export const auditRoutes: FastifyPluginAsync<AuditRouteDeps> = async (base, deps) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['audit'];

  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Search the audit log (auditors, privacy officers)',
        querystring: Type.Object(
          {
            actor: Type.Optional(Type.String({ maxLength: 100 })),
            subject: Type.Optional(Type.String({ format: 'uuid' })),
            recordType: Type.Optional(Type.String({ maxLength: 100 })),
            recordId: Type.Optional(Type.String({ maxLength: 100 })),
            action: Type.Optional(Type.Enum([...auditActions])),
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            before: Type.Optional(Type.Integer({ minimum: 1 })),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(Entry), ...problemResponses },
      },
      config: { purpose: 'audit review' },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const q = request.query;
      const rows = await withPrincipal(deps.database.db, principal, (trx) =>
        searchAuditLog(
          trx,
          principal,
          {
            ...q,
            from: q.from ? new Date(q.from) : undefined,
            to: q.to ? new Date(q.to) : undefined,
          },
          auditContext(request),
          deps.clock(),
        ),
      );
      return rows.map((r) => ({ ...r, at: r.at.toISOString(), subjects: [...r.subjects] }));
    },
  );

  app.get(
    '/verify',
    {
      schema: {
        tags,
        summary: 'Verify the hash chain and the signed checkpoints (including the exported checkpoint file)',
        response: { 200: Verification, ...problemResponses },
      },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'audit.verify');
      const exported = await fs.access(deps.checkpointFile).then(
        () => deps.checkpointFile,
        () => undefined,
      );
      const result = await verifyAudit(deps.database.db, { publicKey: deps.publicKey, ...(exported ? { checkpoints: exported } : {}) });
      return result.ok ? { ...result } : { ok: false, problem: result.problem };
    },
  );
};
