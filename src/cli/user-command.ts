import { randomBytes } from 'node:crypto';
import { Command, Option } from 'commander';
import {
  createStaffUser,
  DuplicateUsername,
  listStaffUsers,
  staffRoles,
  systemPrincipal,
  UnknownBusinessArea,
  usernamePattern,
  WeakPasswordError,
  type StaffRole,
} from '../access/index.ts';
import type { Config } from '../config.ts';
import { withPrincipal } from '../db/index.ts';
import { openRuntime } from '../runtime.ts';
import { CliError, readStdin, type Io } from './io.ts';

const cliContext = { requestId: null, clientAddr: null, purpose: 'user administration from the command line' };

export function userCommand(config: () => Config, io: Io): Command {
  const user = new Command('user').description('staff accounts');
  user
    .command('add')
    .description('create a staff account; prints a one-time password the user must change at first sign-in')
    .argument('<username>', 'lower-case letters, digits, dot, dash, underscore')
    .addOption(new Option('-r, --role <roles...>', 'one or more roles').choices([...staffRoles]).makeOptionMandatory())
    .option('-a, --area <areas...>', 'business areas (need-to-know scope); create them with `caseline area add`', [])
    .option('-n, --name <display name>', 'the name shown in the console (default: the username)')
    .option('--password-stdin', 'read the initial password from standard input instead of generating one')
    .action(async (username: string, options: { role: StaffRole[]; area: string[]; name?: string; passwordStdin?: boolean }) => {
      if (!new RegExp(usernamePattern).test(username))
        throw new CliError('<username>: use 2-63 lower-case letters, digits, dot, dash or underscore, starting with a letter');
      const password = options.passwordStdin ? (await readStdin(io.stdin)).replace(/\r?\n$/, '') : randomBytes(15).toString('base64url');
      const runtime = await openRuntime(config(), { migrate: true });
      try {
        const principal = systemPrincipal('cli');
        const created = await withPrincipal(runtime.database.db, principal, (trx) =>
          createStaffUser(
            trx,
            principal,
            {
              username,
              displayName: options.name ?? username,
              password,
              roles: options.role,
              businessAreas: options.area,
              mustChangePassword: true,
            },
            cliContext,
            runtime.clock(),
          ),
        ).catch((error: unknown) => {
          if (error instanceof WeakPasswordError) throw new CliError(`password: ${error.message}`);
          if (error instanceof DuplicateUsername) throw new CliError(`<username>: ${username} is taken`);
          if (error instanceof UnknownBusinessArea) throw new CliError(`--area: ${error.message}`);
          throw error;
        });
        io.out(
          `created ${created.username} (${created.roles.join(', ')}${created.businessAreas.length ? `; areas ${created.businessAreas.join(', ')}` : ''})`,
        );
        if (!options.passwordStdin) io.out(`one-time password (shown once, must be changed at first sign-in): ${password}`);
      } finally {
        await runtime.close();
      }
    });
  user
    .command('list')
    .description('list staff accounts')
    .action(async () => {
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const principal = systemPrincipal('cli');
        const users = await withPrincipal(runtime.database.db, principal, (trx) => listStaffUsers(trx, principal));
        for (const u of users) {
          const flags = [
            u.disabled ? 'disabled' : null,
            u.totpEnabled ? 'totp' : null,
            u.mustChangePassword ? 'must change password' : null,
          ].filter(Boolean);
          io.out(`${u.username.padEnd(20)} ${u.roles.join(',').padEnd(30)} ${u.businessAreas.join(',').padEnd(20)} ${flags.join(', ')}`);
        }
      } finally {
        await runtime.close();
      }
    });
  return user;
}
