import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { appendAudit, authorize, systemPrincipal } from '../../access/index.ts';
import { rotateMasterKey, type MasterKeyring } from '../../crypto/index.ts';
import { withPrincipal, type Database } from '../../db/index.ts';
import { auditContext, requirePrincipal } from '../auth.ts';
import { problemResponses, problemTypes, ProblemError } from '../problem.ts';

const Rotation = Type.Object({
  state: Type.Union([Type.Literal('idle'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  activeKeyId: Type.Union([Type.String(), Type.Null()]),
  rewrapped: Type.Integer(),
  retired: Type.Array(Type.String()),
  startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
type RotationStatus = Static<typeof Rotation>;

/**
 * Master-key rotation from the running server: the way to rotate the embedded engine,
 * whose database only the server process may open. The job outlives the request; its
 * progress is the server's, not any caller's, so it lives here for the process's life.
 */
export const keyRoutes: FastifyPluginAsync<{ database: Database; keyring: MasterKeyring; clock: () => Date }> = async (
  base,
  { database, keyring, clock },
) => {
  const app = base.withTypeProvider<TypeBoxTypeProvider>();
  let status: RotationStatus = {
    state: 'idle',
    activeKeyId: await keyring.activeKeyId(),
    rewrapped: 0,
    retired: [],
    startedAt: null,
    finishedAt: null,
  };
  let job: Promise<void> = Promise.resolve();
  app.addHook('onClose', async () => {
    await job;
  });

  app.get(
    '/',
    {
      schema: { tags: ['keys'], summary: 'The active master key and the last rotation', response: { 200: Rotation, ...problemResponses } },
    },
    async (request) => {
      authorize(requirePrincipal(request), 'keys.manage');
      return { ...status, activeKeyId: status.state === 'running' ? status.activeKeyId : await keyring.activeKeyId() };
    },
  );

  app.post(
    '/rotate',
    {
      schema: {
        tags: ['keys'],
        summary: 'Rotate the master key: re-wrap every data key under a new one, without re-encrypting data',
        description:
          'Starts in the background and answers 202; poll GET /api/admin/keys. Resumes an interrupted rotation when resume is true.',
        body: Type.Object({ resume: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        response: { 202: Rotation, ...problemResponses },
      },
      config: { purpose: 'key management' },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      authorize(principal, 'keys.manage');
      if (status.state === 'running')
        throw new ProblemError(409, problemTypes.conflict, 'Rotation running', 'A rotation is already running; poll GET /api/admin/keys.');
      await withPrincipal(database.db, principal, (trx) =>
        appendAudit(trx, {
          at: clock(),
          actor: principal,
          action: 'permission_change',
          recordType: 'master_key',
          subjects: [],
          purpose: auditContext(request).purpose,
          requestId: request.id,
          clientAddr: request.ip,
          outcome: 'ok',
          detail: { change: 'rotation_started', resume: request.body.resume },
        }),
      );
      status = { state: 'running', activeKeyId: null, rewrapped: 0, retired: [], startedAt: clock().toISOString(), finishedAt: null };
      const keys = systemPrincipal('keys');
      job = rotateMasterKey((work) => withPrincipal(database.db, keys, work), keyring, {
        resume: request.body.resume,
        onBatch: (p) => {
          status = { ...status, activeKeyId: p.activeKeyId, rewrapped: p.rewrapped };
        },
      }).then(
        (result) => {
          status = {
            ...status,
            state: 'done',
            activeKeyId: result.activeKeyId,
            rewrapped: result.rewrapped,
            retired: [...result.retired],
            finishedAt: clock().toISOString(),
          };
        },
        (error: unknown) => {
          app.log.error({ err: { type: (error as Error).name } }, 'master key rotation failed; POST with resume to finish it');
          status = { ...status, state: 'failed', finishedAt: clock().toISOString() };
        },
      );
      return reply.status(202).send(status);
    },
  );
};
