import { Command } from 'commander';
import { listBusinessAreas, systemPrincipal, upsertBusinessArea } from '../access/index.ts';
import type { Config } from '../config.ts';
import { withPrincipal } from '../db/index.ts';
import { openRuntime } from '../runtime.ts';
import { CliError, type Io } from './io.ts';

export function areaCommand(config: () => Config, io: Io): Command {
  const area = new Command('area').description('business areas: the need-to-know scopes cases are routed to');
  area
    .command('add')
    .description('create (or rename) a business area')
    .argument('<id>', 'short id: lower-case letters, digits and dashes, e.g. trademarks')
    .argument('<name>', 'the name staff see, e.g. "Trademark Assistance Center"')
    .option('-d, --description <text>', 'what the area handles', '')
    .action(async (id: string, name: string, options: { description: string }) => {
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id)) throw new CliError('<id>: use lower-case letters, digits and dashes (at most 63)');
      const runtime = await openRuntime(config(), { migrate: true });
      try {
        const principal = systemPrincipal('cli');
        await withPrincipal(runtime.database.db, principal, (trx) =>
          upsertBusinessArea(
            trx,
            principal,
            { id, name, description: options.description },
            { requestId: null, clientAddr: null, purpose: 'settings from the command line' },
            runtime.clock(),
          ),
        );
        io.out(`business area ${id}: ${name}`);
      } finally {
        await runtime.close();
      }
    });
  area
    .command('list')
    .description('list business areas')
    .action(async () => {
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const areas = await withPrincipal(runtime.database.db, systemPrincipal('cli'), (trx) => listBusinessAreas(trx));
        for (const a of areas) io.out(`${a.id.padEnd(24)} ${a.name}`);
      } finally {
        await runtime.close();
      }
    });
  return area;
}
