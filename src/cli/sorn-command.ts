import { Command, Option } from 'commander';
import { actorOf, systemPrincipal } from '../access/index.ts';
import { describeRetention, diffNotices, findNotice, noticeToJson, notices, renderNotice, renderNoticeDiff } from '../catalog/index.ts';
import type { Notice } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { withPrincipal, type Tx } from '../db/index.ts';
import { openRuntime } from '../runtime.ts';
import { CliError, type Io } from './io.ts';
import { insertPublished, noticeDigest, selectLatestPublished, type PublishedNotice } from '../modules/privacy/index.ts';

const idHelp = "the notice: 880.000, 820.200, 890.000, PAT-TM-20 (or 'USPS 880.000', …)";

function noticeOf(id: string): Notice {
  const notice = findNotice(id);
  if (!notice) throw new CliError(`<id>: no notice "${id}"; known: ${notices.map((n) => n.id).join(', ')}`);
  return notice;
}

/** Runs `work` against the database as the system (the operator's CLI records and reads publications). */
async function withDatabase<T>(config: () => Config, work: (trx: Tx, now: Date) => Promise<T>): Promise<T> {
  const runtime = await openRuntime(config(), { migrate: false });
  try {
    return await withPrincipal(runtime.database.db, systemPrincipal('sorn'), (trx) => work(trx, runtime.clock()));
  } finally {
    await runtime.close();
  }
}

function describeVersion(published: PublishedNotice): string {
  return `version ${published.version}, published ${published.publishedAt.toISOString()} by ${published.publishedBy}`;
}

/** A stored version whose JSON no longer matches the digest recorded with it was changed after publication. */
function warnIfAltered(io: Io, notice: Notice, published: PublishedNotice): void {
  if (!published.sha256.equals(noticeDigest(published.notice))) {
    io.err(
      `warning: the stored ${notice.designation} ${describeVersion(published)} does not match its recorded SHA-256: it was changed after publication`,
    );
  }
}

async function printDiff(config: () => Config, io: Io, notice: Notice): Promise<void> {
  const latest = await withDatabase(config, (trx) => selectLatestPublished(trx, notice.id));
  if (latest === null) {
    io.out(`${notice.designation} has not been published yet: everything in it is new.`);
    io.out(
      "Required action: a new notice in the Federal Register (5 U.S.C. 552a(e)(4)), with 30 days' notice for comment on its routine uses (5 U.S.C. 552a(e)(11)).",
    );
    io.out(`Once it is sent for publication, record it with \`caseline sorn publish ${notice.id}\`.`);
    return;
  }
  warnIfAltered(io, notice, latest);
  const diff = diffNotices(latest.notice, noticeToJson(notice));
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
      const current = noticeToJson(notice);
      const principal = systemPrincipal('sorn');
      const published = await withDatabase(config, async (trx, now) => {
        const latest = await selectLatestPublished(trx, notice.id);
        if (latest !== null && noticeDigest(latest.notice).equals(noticeDigest(current))) {
          throw new CliError(`<id>: ${notice.designation} has not changed since ${describeVersion(latest)}; nothing to publish`);
        }
        return insertPublished(trx, {
          noticeId: notice.id,
          previous: latest?.version ?? 0,
          publishedAt: now,
          publishedBy: actorOf(principal),
          notice: current,
        });
      });
      io.out(`${notice.designation}: recorded ${describeVersion(published)} (SHA-256 ${published.sha256.toString('hex')})`);
    });
  return sorn;
}
