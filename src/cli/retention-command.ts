import { Command, Option } from 'commander';
import { systemPrincipal } from '../access/index.ts';
import type { Config } from '../config.ts';
import { withPrincipal } from '../db/index.ts';
import {
  createRelationshipEnds,
  InvalidRelationshipEnd,
  retentionCheck,
  retentionForecast,
  SubjectNotFound,
  type ForecastLine,
} from '../modules/privacy/index.ts';
import { openRuntime } from '../runtime.ts';
import { createServices } from '../services.ts';
import { CliError, type Io } from './io.ts';

const day = 24 * 60 * 60 * 1000;

function positiveInteger(option: string, value: string, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > max) throw new CliError(`${option}: must be a whole number from 1 to ${max}`);
  return n;
}

function forecastLines(io: Io, lines: readonly ForecastLine[]): void {
  if (lines.length === 0) {
    io.out('  nothing');
    return;
  }
  for (const line of lines) {
    io.out(
      `  ${`${line.recordTable} ${line.recordType}`.padEnd(52)} ${String(line.due).padStart(8)} due ${String(line.held).padStart(6)} held  (${line.rule}; due ${line.dueFrom.toISOString().slice(0, 10)} to ${line.dueTo.toISOString().slice(0, 10)})`,
    );
  }
}

export function retentionCommand(config: () => Config, io: Io): Command {
  const retention = new Command('retention').description("each record's retention under its notice: disposal runs, forecast and check");
  retention
    .command('run')
    .description('dispose of every record past its retention that no legal hold covers, and print the disposal certificate')
    .option('--dry-run', 'dispose of nothing: list what a run would dispose of now')
    .addOption(new Option('--batch-size <n>', 'records per transaction').default('5000'))
    .addOption(new Option('--concurrency <n>', 'transactions at once (a backlog on a server with cores to spare)').default('1'))
    .action(async (options: { dryRun?: boolean; batchSize: string; concurrency: string }) => {
      const batchSize = positiveInteger('--batch-size', options.batchSize, 100_000);
      const concurrency = positiveInteger('--concurrency', options.concurrency, 16);
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const now = runtime.clock();
        if (options.dryRun) {
          const principal = systemPrincipal('retention-cli');
          const lines = await withPrincipal(runtime.database.db, principal, (trx) => retentionForecast(trx, principal, now));
          io.out(`retention run (dry run) at ${now.toISOString()}: would dispose of`);
          forecastLines(io, lines);
          return;
        }
        const services = createServices({ config: runtime.config, vault: runtime.vault, keyring: runtime.keyring, clock: runtime.clock });
        const result = await services.retention.run(runtime.database, now, { batchSize, concurrency, job: 'retention-cli' });
        io.out(`disposal certificate ${result.runId}, ${result.startedAt.toISOString()}`);
        if (result.lines.length === 0) io.out('  nothing was due');
        for (const line of result.lines) {
          io.out(
            `  ${`${line.recordTable} ${line.recordType}`.padEnd(52)} ${String(line.records).padStart(8)} records, ${line.files} files, ${line.keysDestroyed} keys destroyed`,
          );
          io.out(`    rule: ${line.rule}; due ${line.dueFrom.toISOString()} to ${line.dueTo.toISOString()}; ids sha256 ${line.idsSha256}`);
        }
        io.out(`  attachment files removed: ${result.filesRemoved}`);
      } finally {
        await runtime.close();
      }
    });
  retention
    .command('forecast')
    .description('what falls due for disposal in the next N days, by record type and rule, held records apart')
    .addOption(new Option('--days <n>', 'how far ahead').default('30'))
    .action(async (options: { days: string }) => {
      const days = positiveInteger('--days', options.days, 36_600);
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const principal = systemPrincipal('retention-cli');
        const until = new Date(runtime.clock().getTime() + days * day);
        const lines = await withPrincipal(runtime.database.db, principal, (trx) => retentionForecast(trx, principal, until));
        io.out(`due by ${until.toISOString()}:`);
        forecastLines(io, lines);
      } finally {
        await runtime.close();
      }
    });
  retention
    .command('check')
    .description('PCI DSS style check that nothing past its retention still exists unless held (exit 1 if something does)')
    .addOption(new Option('--grace-hours <n>', 'how long past its date a record may wait for the scheduled sweep').default('24'))
    .action(async (options: { graceHours: string }) => {
      const graceHours = positiveInteger('--grace-hours', options.graceHours, 24 * 366);
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const principal = systemPrincipal('retention-cli');
        const check = await withPrincipal(runtime.database.db, principal, (trx) =>
          retentionCheck(trx, principal, runtime.clock(), graceHours * 3600_000),
        );
        io.out(`retention check at ${check.checkedAt.toISOString()}: ${check.passed ? 'PASSED' : 'FAILED'}`);
        io.out('overdue (past retention, not held):');
        forecastLines(io, check.overdue);
        io.out('kept by legal holds:');
        forecastLines(io, check.held);
        if (!check.passed) throw new CliError('records past their retention still exist: run `caseline retention run`');
      } finally {
        await runtime.close();
      }
    });
  retention
    .command('relationship-end')
    .description(
      "record the day a customer's relationship ended (or that it lasts again): their records under a rule from that end are rescheduled",
    )
    .argument('<subject-id>', "the customer's id (their data subject)")
    .option('--on <date>', 'the day it ended, YYYY-MM-DD, in the agency’s time zone')
    .option('--resume', 'the relationship lasts again: those records wait for its end once more')
    .action(async (subjectId: string, options: { on?: string; resume?: boolean }) => {
      if ((options.on === undefined) === (options.resume !== true)) throw new CliError('give either --on <date> or --resume');
      const runtime = await openRuntime(config(), { migrate: false });
      try {
        const principal = systemPrincipal('retention-cli');
        const ends = createRelationshipEnds({ timeZone: runtime.config.timeZone });
        const ctx = { requestId: null, clientAddr: null, purpose: 'records management: the end of a customer relationship (CLI)' };
        const recorded = await withPrincipal(runtime.database.db, principal, (trx) =>
          ends.record(trx, principal, subjectId, options.on ?? null, ctx, runtime.clock()),
        ).catch((error: unknown) => {
          if (error instanceof InvalidRelationshipEnd) throw new CliError(`--on: ${error.reason}`);
          if (error instanceof SubjectNotFound) throw new CliError('<subject-id>: no such customer or data subject');
          throw error;
        });
        io.out(
          `${recorded.subjectId}: ${recorded.endedOn ? `relationship ended on ${recorded.endedOn}` : 'relationship lasts'}; ${recorded.rescheduled} records rescheduled`,
        );
      } finally {
        await runtime.close();
      }
    });
  return retention;
}
