import { Command, Option } from 'commander';
import { systemPrincipal } from '../access/index.ts';
import { describeRetention, findNotice, noticeToJson, notices, renderNotice, renderNoticeDiff } from '../catalog/index.ts';
import type { Notice } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { withPrincipal, type Database } from '../db/index.ts';
import { openRuntime } from '../runtime.ts';
import { CliError, type Io } from './io.ts';
import { isAltered, NothingToPublish, publishNotice, reviewNotice, type PublishedNotice } from '../modules/privacy/index.ts';

const idHelp = "the notice: 880.000, 820.200, 890.000, PAT-TM-20 (or 'USPS 880.000', …)";
// The operator's CLI records and reads publications as the system.
const operator = systemPrincipal('sorn');
const purpose = 'Privacy Act systems of records notices (5 U.S.C. 552a(e)(4), (e)(11))';

function noticeOf(id: string): Notice {
  const notice = findNotice(id);
  if (!notice) throw new CliError(`<id>: no notice "${id}"; known: ${notices.map((n) => n.id).join(', ')}`);
  return notice;
}

async function withDatabase<T>(config: () => Config, work: (database: Database, now: Date) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config(), { migrate: false });
  try {
    return await work(runtime.database, runtime.clock());
  } finally {
    await runtime.close();
  }
}

function describeVersion(published: PublishedNotice): string {
  return `version ${published.version}, published ${published.publishedAt.toISOString()} by ${published.publishedBy}`;
}

function warnIfAltered(io: Io, notice: Notice, published: PublishedNotice): void {
  if (isAltered(published)) {
    io.err(
      `warning: the stored ${notice.designation} ${describeVersion(published)} does not match its recorded SHA-256: it was changed after publication`,
    );
  }
}

async function printDiff(config: () => Config, io: Io, notice: Notice): Promise<void> {
  const review = await withDatabase(config, (database) =>
    withPrincipal(database.db, operator, (trx) => reviewNotice(trx, operator, notice)),
  );
  const { latest, diff } = review;
  if (latest === null || diff === null) {
    io.out(`${notice.designation} has not been published yet: everything in it is new.`);
    io.out(review.requiredAction);
    io.out(`Once it is sent for publication, record it with \`caseline sorn publish ${notice.id}\`.`);
    return;
  }
  warnIfAltered(io, notice, latest);
  io.out(
    diff.changes.length === 0
      ? `${notice.designation}: no changes since ${describeVersion(latest)}.`
      : `${notice.designation}: ${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'} since ${describeVersion(latest)}.`,
  );
  for (const line of renderNoticeDiff(diff)) io.out(line);
}

export function sornCommand(config: () => Config, io: Io): Command {
  const sorn = new Command('sorn').description('the systems of records notices Caseline obeys, generated from its catalog');
  sorn
    .command('list')
    .description('list the notices and their record types with retention rules')
    .action(() => {
      for (const notice of notices) {
        io.out(`${notice.id.padEnd(10)} ${notice.designation}, ${notice.name} (${notice.recordTypes.length} record types)`);
        for (const t of notice.recordTypes) io.out(`    ${t.id.padEnd(44)} ${describeRetention(t.retention)}`);
      }
    });
  sorn
    .command('show')
    .description('print one notice in the Federal Register layout (Markdown) or as JSON')
    .argument('<id>', idHelp)
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .option('--diff', 'after the notice, print what changed since its last published version (as `sorn diff`)')
    .action(async (id: string, options: { format: 'markdown' | 'json'; diff?: boolean }) => {
      const notice = noticeOf(id);
      if (options.diff && options.format === 'json') {
        throw new CliError('--diff: prints Markdown after the notice; not with --format json (use `caseline sorn diff <id>`)', 2);
      }
      io.out(options.format === 'json' ? JSON.stringify(noticeToJson(notice), null, 2) : renderNotice(notice, 'markdown'));
      if (options.diff) {
        io.out('');
        io.out('## Changes since the last published version');
        io.out('');
        await printDiff(config, io, notice);
      }
    });
  sorn
    .command('diff')
    .description(
      'what changed in the catalog since the notice was last published, and what that requires (new notice, 30 days for routine uses, or revision)',
    )
    .argument('<id>', idHelp)
    .action(async (id: string) => {
      await printDiff(config, io, noticeOf(id));
    });
  sorn
    .command('publish')
    .description('record the catalog’s current version of a notice as published (the next version number); refuses when nothing changed')
    .argument('<id>', idHelp)
    .action(async (id: string) => {
      const notice = noticeOf(id);
      const context = { requestId: null, clientAddr: null, purpose };
      const published = await withDatabase(config, (database, now) => publishNotice(database, operator, notice, context, now)).catch(
        (error: unknown) => {
          if (error instanceof NothingToPublish)
            throw new CliError(`<id>: ${notice.designation} has not changed since ${describeVersion(error.latest)}; nothing to publish`);
          throw error;
        },
      );
      io.out(`${notice.designation}: recorded ${describeVersion(published)} (SHA-256 ${published.sha256.toString('hex')})`);
    });
  return sorn;
}
