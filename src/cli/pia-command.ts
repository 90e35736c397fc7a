import fs from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { Config } from '../config.ts';
import { buildAssessment, piaConfigurationOf, renderPiaMarkdown, renderPiaPdf } from '../modules/privacy/index.ts';
import { CliError, type Io } from './io.ts';

type PiaFormat = 'markdown' | 'pdf';

export function piaCommand(config: () => Config, io: Io, now: () => Date = () => new Date()): Command {
  return new Command('pia')
    .description('a privacy impact assessment (PTA/PIA) generated from the catalog and the running configuration')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'pdf']).default('markdown'))
    .option('--output <file>', 'write to this file instead of standard output (required for pdf)')
    .action(async (options: { format: PiaFormat; output?: string }) => {
      if (options.format === 'pdf' && options.output === undefined) {
        throw new CliError('--output: a PDF is written to a file; give one, e.g. --format pdf --output pia.pdf', 2);
      }
      const assessment = buildAssessment({ configuration: piaConfigurationOf(config()), generatedAt: now() });
      const body = options.format === 'pdf' ? await renderPiaPdf(assessment) : renderPiaMarkdown(assessment);
      if (options.output === undefined) {
        io.out(String(body).trimEnd());
        return;
      }
      try {
        await fs.writeFile(options.output, body);
      } catch (error) {
        throw new CliError(
          `--output: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
        );
      }
      io.err(`caseline: wrote the ${options.format === 'pdf' ? 'PDF' : 'Markdown'} assessment to ${options.output}`);
    });
}
