import { Command, InvalidArgumentError } from 'commander';
import { systemPrincipal } from '../access/index.ts';
import type { Config } from '../config.ts';
import { rotateMasterKey } from '../crypto/index.ts';
import { withPrincipal } from '../db/index.ts';
import { openRuntime } from '../runtime.ts';
import type { Io } from './io.ts';

function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError('must be an integer from 1 to 100000');
  return n;
}

export function keysCommand(config: () => Config, io: Io): Command {
  const keys = new Command('keys').description('the master keys that wrap every data subject’s key');
  keys
    .command('rotate')
    .description(
      'add a new master key and re-wrap every data key under it, without re-encrypting data; safe while a PostgreSQL-backed server runs',
    )
    .option('--resume', 'finish an interrupted rotation instead of adding another master key')
    .option('--batch-size <n>', 'data keys re-wrapped per transaction', positive, 500)
    .action(async (options: { resume?: boolean; batchSize: number }) => {
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const principal = systemPrincipal('keys');
        const result = await rotateMasterKey((work) => withPrincipal(runtime.database.db, principal, work), runtime.keyring, {
          resume: options.resume ?? false,
          batchSize: options.batchSize,
          onBatch: (p) => io.out(`re-wrapped ${p.rewrapped} data keys under ${p.activeKeyId}`),
        });
        io.out(
          `master key ${result.activeKeyId} is active; ${result.rewrapped} data keys re-wrapped; retired: ${result.retired.join(', ') || 'none'}`,
        );
      } finally {
        await runtime.close();
      }
    });
  return keys;
}
