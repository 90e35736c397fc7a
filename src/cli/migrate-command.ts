import { Command } from 'commander';
import type { Config } from '../config.ts';
import { migrate, migrationStatus, openDatabase } from '../db/index.ts';
import type { Io } from './io.ts';

export function migrateCommand(config: () => Config, io: Io): Command {
  return new Command('migrate')
    .description('apply pending database migrations (the server also does this at start)')
    .option('--status', 'list applied and pending migrations without applying any')
    .action(async (options: { status?: boolean }) => {
      const c = config();
      const database = await openDatabase(
        c.databaseUrl ? { kind: 'postgres', url: c.databaseUrl, poolSize: 1 } : { kind: 'pglite', dataDir: c.dataDir },
      );
      try {
        if (options.status) {
          const status = await migrationStatus(database.db);
          io.out(`applied: ${status.applied.length}`);
          for (const m of status.pending) io.out(`pending: ${String(m.version).padStart(4, '0')}_${m.name}`);
          if (status.pending.length === 0) io.out('the database is up to date');
          return;
        }
        const applied = await migrate(database.db);
        for (const m of applied) io.out(`applied ${String(m.version).padStart(4, '0')}_${m.name}`);
        io.out(applied.length === 0 ? 'the database is up to date' : `${applied.length} migrations applied`);
      } finally {
        await database.close();
      }
    });
}
