import fs from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { publicKeyFile, sealPending, verifyAudit } from '../access/index.ts';
import type { Config } from '../config.ts';
import { openRuntime } from '../runtime.ts';
import { CliError, type Io } from './io.ts';

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

export function auditCommand(config: () => Config, io: Io): Command {
  const audit = new Command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('walk the hash chain and the signed checkpoints; report the first broken link (exit 1 if any)')
    .option(
      '-c, --checkpoints <file>',
      'exported checkpoints, JSON Lines (default: CASELINE_AUDIT_CHECKPOINTS or <data>/audit-checkpoints.jsonl, if present)',
    )
    .option('-k, --public-key <file>', `the checkpoint signing public key (default: <data>/${publicKeyFile})`)
    .action(async (options: { checkpoints?: string; publicKey?: string }) => {
      const c = config();
      const checkpointFile = options.checkpoints ?? ((await exists(c.auditCheckpointFile)) ? c.auditCheckpointFile : undefined);
      if (options.checkpoints && !(await exists(options.checkpoints)))
        throw new CliError(`--checkpoints: no such file ${options.checkpoints}`);
      const keyFile = options.publicKey ?? path.join(c.dataDir, publicKeyFile);
      const publicKey = await fs.readFile(keyFile, 'utf8').catch(() => {
        throw new CliError(`--public-key: cannot read ${keyFile}`);
      });
      const runtime = await openRuntime(c, { migrate: false });
      try {
        const result = await verifyAudit(runtime.database.db, { publicKey, ...(checkpointFile ? { checkpoints: checkpointFile } : {}) });
        if (!result.ok) {
          io.err(`audit log: BROKEN at chain position ${result.problem.chainPos} (${result.problem.kind}): ${result.problem.message}`);
          throw new CliError('audit verification failed');
        }
        io.out(
          `audit log: intact. ${result.entries} sealed entries, head at position ${result.sealedHead?.chainPos ?? 'none'}, ${result.checkpointsChecked} signed checkpoints checked${checkpointFile ? ` (including ${checkpointFile})` : ' (no exported checkpoint file)'}; ${result.unsealed} entries not yet sealed.`,
        );
      } finally {
        await runtime.close();
      }
    });
  audit
    .command('seal')
    .description('seal pending entries now (the server does this every second)')
    .action(async () => {
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        let total = 0;
        for (;;) {
          const result = await sealPending(runtime.database.db, {
            batchSize: 1000,
            now: runtime.clock,
            signer: runtime.signer,
            checkpointEvery: runtime.config.auditCheckpointEvery,
          });
          total += result.sealed;
          if (result.busy || result.sealed < 1000) break;
        }
        io.out(`sealed ${total} entries`);
      } finally {
        await runtime.close();
      }
    });
  return audit;
}
