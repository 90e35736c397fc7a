import { Writable } from 'node:stream';
import { createStaffAuth, fileCheckpointSink, loadSigningKey, startSealer, type AuditSigner } from '../src/access/index.ts';
import { loadConfig, type Config } from '../src/config.ts';
import { createSecretBox } from '../src/crypto/index.ts';
import { buildApp, type App } from '../src/http/app.ts';
import type { BenchContext } from './fixtures.ts';
import { selectPlain } from './plain-table.ts';

export interface BenchServer {
  readonly app: App;
  readonly port: number;
  readonly signer: AuditSigner;
  /** The sealer as the server runs it (src/main.ts); returns its stop function. */
  startSealer(): () => Promise<void>;
  readonly sealerErrors: unknown[];
  close(): Promise<void>;
}

/** The production log level, written nowhere: per-request logging is part of the cost measured. */
const discard = new Writable({ write: (_chunk, _encoding, done) => done() });

/**
 * The real app (buildApp) on 127.0.0.1 and a random port, plus one route of the bench's
 * own, GET /bench/plain/:id: a single pooled primary-key SELECT on the plaintext table,
 * through the same server, hooks and pool, with no principal, no decryption and no audit.
 * `addRoutes` adds a bench's own baseline routes before the server listens.
 */
export async function startBenchServer(
  ctx: BenchContext,
  addRoutes?: (app: App) => void,
  overrides: Partial<Config> = {},
): Promise<BenchServer> {
  const { database } = ctx.bench;
  const config = { ...loadConfig({ CASELINE_DATA: ctx.dataDir }), host: '127.0.0.1', port: 0, signInRateLimit: 1000, ...overrides };
  const clock = () => new Date();
  const signer = await loadSigningKey(config.dataDir);
  const staffAuth = createStaffAuth({
    db: database.db,
    statements: database.statements,
    secrets: createSecretBox(ctx.keyring),
    clock,
    idleMinutes: config.sessionIdleMinutes,
  });
  const app = await buildApp({
    config,
    database,
    staffAuth,
    clock,
    publicKey: signer.publicKey,
    logStream: discard,
    vault: ctx.vault,
    keyring: ctx.keyring,
  });
  app.get<{ Params: { id: string } }>('/bench/plain/:id', { config: { auth: 'public' } }, async (request, reply) => {
    const row = await selectPlain(database.db, request.params.id);
    return row ? row : reply.status(404).send({ status: 404 });
  });
  addRoutes?.(app);
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the server did not listen on a TCP port');
  const sealerErrors: unknown[] = [];
  return {
    app,
    port: address.port,
    signer,
    sealerErrors,
    startSealer: () =>
      startSealer(database.db, {
        batchSize: 500,
        now: clock,
        signer,
        checkpointEvery: config.auditCheckpointEvery,
        sinks: [fileCheckpointSink(config.auditCheckpointFile)],
        onError: (error) => sealerErrors.push(error),
      }),
    close: () => app.close(),
  };
}
