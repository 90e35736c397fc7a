import { Command, InvalidArgumentError } from 'commander';
import type { Config } from '../config.ts';
import { startServer } from '../main.ts';
import type { Io } from './io.ts';

export function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

export function serveCommand(config: () => Config, io: Io): Command {
  return new Command('serve')
    .description('start the server (creates and migrates the database on first start)')
    .option('-p, --port <port>', 'port to listen on (default: CASELINE_PORT or 8080)', port)
    .option('--host <host>', 'address to listen on (default: CASELINE_HOST or 0.0.0.0)')
    .action(async (options: { port?: number; host?: string }) => {
      const base = config();
      const server = await startServer({ ...base, port: options.port ?? base.port, host: options.host ?? base.host }, io.out);
      await new Promise<void>((resolve) => {
        const shutdown = () => {
          io.out('Stopping…');
          void server.stop().then(resolve);
        };
        process.once('SIGINT', shutdown);
        process.once('SIGTERM', shutdown);
      });
    });
}
