import { Command, Option } from 'commander';
import { describeRetention, findNotice, noticeToJson, notices, renderNotice } from '../catalog/index.ts';
import type { Config } from '../config.ts';
import { CliError, type Io } from './io.ts';

export function sornCommand(_config: () => Config, io: Io): Command {
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
    .argument('<id>', "the notice: 880.000, 820.200, 890.000, PAT-TM-20 (or 'USPS 880.000', …)")
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
    .action((id: string, options: { format: 'markdown' | 'json' }) => {
      const notice = findNotice(id);
      if (!notice) throw new CliError(`<id>: no notice "${id}"; known: ${notices.map((n) => n.id).join(', ')}`);
      io.out(options.format === 'json' ? JSON.stringify(noticeToJson(notice), null, 2) : renderNotice(notice, 'markdown'));
    });
  return sorn;
}
