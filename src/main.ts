import { fileCheckpointSink, startSealer, webhookCheckpointSink } from './access/index.ts';
import type { Config } from './config.ts';
import { buildApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { startEmailIntake, type RunningEmailIntake } from './modules/intake/index.ts';
import { openRuntime } from './runtime.ts';
import { createServices } from './services.ts';

/** Starts Caseline: database created and migrated on first start, audit sealer, HTTP server. */
export async function startServer(
  config: Config,
  out: (line: string) => void = console.log,
): Promise<{ url: string; stop: () => Promise<void>; smtpPort: number | null }> {
  const runtime = await openRuntime(config, { migrate: true });
  const bootstrap = await runtime.staffAuth.bootstrapAdministrator();

  const sinks = [
    fileCheckpointSink(config.auditCheckpointFile),
    ...(config.auditWebhook ? [webhookCheckpointSink(config.auditWebhook)] : []),
  ];
  const metrics = createMetrics();
  const services = createServices({ config, vault: runtime.vault, keyring: runtime.keyring, clock: runtime.clock });
  const app = await buildApp({
    services,
    config,
    database: runtime.database,
    staffAuth: runtime.staffAuth,
    clock: runtime.clock,
    metrics,
    publicKey: runtime.signer.publicKey,
    vault: runtime.vault,
    keyring: runtime.keyring,
  });
  const stopSealer = startSealer(runtime.database.db, {
    batchSize: 500,
    now: runtime.clock,
    signer: runtime.signer,
    checkpointEvery: config.auditCheckpointEvery,
    sinks,
    onError: (error) => app.log.error({ err: { type: (error as Error).name } }, 'audit sealer round failed'),
  });

  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
  out(
    `Caseline is listening on ${url} (database: ${runtime.database.kind === 'pglite' ? `embedded, in ${config.dataDir}` : 'PostgreSQL server'})`,
  );
  out(`API documentation: ${url}/docs`);
  if (bootstrap) {
    out('');
    out('First start: an administrator account was created. Its one-time password is shown only now:');
    out(`  username: ${bootstrap.username}`);
    out(`  password: ${bootstrap.password}`);
    out(`Sign in with POST ${url}/api/auth/login and change it (see README, "Quick start").`);
    out('');
  }

  let intake: RunningEmailIntake | null = null;
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      // Mail first: messages in hand are committed before the database closes.
      await intake?.stop();
      await app.close();
      await stopSealer();
      await runtime.close();
    })();
    return stopping;
  };
  try {
    const intakeLog = app.log.child({ module: 'email-intake' });
    intake = await startEmailIntake({
      settings: config.emailIntake,
      database: runtime.database,
      cases: services.cases,
      finder: services.finder,
      attachments: services.attachments,
      clock: runtime.clock,
      logger: {
        info: (fields, message) => intakeLog.info(fields, message),
        warn: (fields, message) => intakeLog.warn(fields, message),
        error: (fields, message) => intakeLog.error(fields, message),
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  for (const line of intake?.summary ?? []) out(line);
  return { url, stop, smtpPort: intake?.smtpPort ?? null };
}
