import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { auditCommand } from './audit-command.ts';
import { keysCommand } from './keys-command.ts';
import { migrateCommand } from './migrate-command.ts';
import { piaCommand } from './pia-command.ts';
import { serveCommand } from './serve-command.ts';
import { retentionCommand } from './retention-command.ts';
import { sornCommand } from './sorn-command.ts';
import { userCommand } from './user-command.ts';
import { areaCommand } from './area-command.ts';
import { trackingCommand } from './tracking-command.ts';
import { imbCommand } from './imb-command.ts';
import { CliError, type Io } from './io.ts';

export function program(io: Io): Command {
  const root = new Command('caseline')
    .description('Caseline: customer contact and case management that obeys its own System of Records Notice.')
    .addHelpText(
      'after',
      '\nConfiguration comes from environment variables (see README, "Configuration"); DATABASE_URL selects a PostgreSQL server, otherwise the embedded database in CASELINE_DATA (./data).',
    )
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
  const config = () => loadConfig(io.env);
  for (const command of [
    serveCommand,
    migrateCommand,
    userCommand,
    areaCommand,
    auditCommand,
    sornCommand,
    keysCommand,
    piaCommand,
    retentionCommand,
    trackingCommand,
    imbCommand,
  ]) {
    root.addCommand(command(config, io));
  }
  // addCommand does not pass these on: without them a subcommand's --help or usage error would exit the process.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.copyInheritedSettings(command);
      inherit(sub);
    }
  };
  inherit(root);
  return root;
}

/** Runs the CLI and returns the exit status: 0 done, 1 failed (the reason on stderr), 2 usage error. */
export async function main(
  argv: readonly string[],
  io: Io = { out: console.log, err: console.error, env: process.env, stdin: process.stdin },
): Promise<number> {
  try {
    await program(io).parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError) {
      io.err(`caseline: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.err(`caseline: configuration: ${error.message}`);
      return 1;
    }
    io.err(`caseline: ${(error as Error).message}`);
    return 1;
  }
}
