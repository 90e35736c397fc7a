import { Command } from 'commander';
import type { Config } from '../config.ts';
import { parseArticleNumber, type ArticleNumber, type Routing, type ValidArticleNumber } from '../modules/tracking/index.ts';
import { CliError, readStdin, type Io } from './io.ts';

const kindNames = { impb: 'IMpb', legacy20: 'legacy 20-digit', s10: 'UPU S10' } as const;
// The one-line form keeps every field a single word, so that `--stdin` output splits on spaces.
const shortKindNames = { impb: 'IMpb', legacy20: 'legacy20', s10: 'S10' } as const;

type Part = readonly [label: string, short: string, value: string, shortValue?: string];

function partsOf(number: ValidArticleNumber): Part[] {
  switch (number.kind) {
    case 'impb': {
      const parts: Part[] = [
        ['application identifier', 'AI', number.applicationId],
        ['service type code', 'STC', number.serviceType],
      ];
      if (number.sourceId !== undefined) parts.push(['source identifier', 'source', number.sourceId]);
      parts.push(
        ['mailer ID', 'MID', number.mailerId ?? 'none (USPS retail)', number.mailerId ?? 'none'],
        ['serial number', 'serial', number.serial],
        ['check digit', 'check', String(number.checkDigit)],
      );
      if (number.routing !== undefined) parts.push(['routing ZIP', 'ZIP', zipOf(number.routing)]);
      return parts;
    }
    case 'legacy20':
      return [
        ['application identifier', 'AI', `${number.impliedApplicationId} (implied)`, number.impliedApplicationId],
        ['service type code', 'STC', number.serviceType],
        ['mailer ID', 'MID', number.mailerId],
        ['serial number', 'serial', number.serial],
        ['check digit', 'check', String(number.checkDigit)],
      ];
    case 's10':
      return [
        ['service indicator', 'service', number.serviceIndicator],
        ['serial number', 'serial', number.serial],
        ['check digit', 'check', String(number.checkDigit)],
        ['country', 'country', number.country],
      ];
  }
}

const zipOf = (routing: Routing): string => (routing.plus4 === undefined ? routing.zip : `${routing.zip}-${routing.plus4}`);

function detailLines(number: ValidArticleNumber): string[] {
  return [
    `kind: ${kindNames[number.kind]}`,
    `number: ${number.normalised}`,
    ...(number.kind === 'impb' && number.routing !== undefined ? [`package number: ${number.packageNumber}`] : []),
    ...partsOf(number).map(([label, , value]) => `${label}: ${value}`),
  ];
}

function shortLine(number: ValidArticleNumber): string {
  return [shortKindNames[number.kind], ...partsOf(number).map(([, short, value, shortValue]) => `${short} ${shortValue ?? value}`)].join(
    ' ',
  );
}

function printDetails(io: Io, result: ArticleNumber): void {
  if (result.kind === 'invalid') return io.out(`invalid: ${result.reason}`);
  if (result.kind !== 'ambiguous') return detailLines(result).forEach((line) => io.out(line));
  io.out(`ambiguous: ${result.normalised} reads ${result.readings.length} ways, each with a valid check digit`);
  result.readings.forEach((reading, i) => {
    io.out(`reading ${i + 1}:`);
    for (const line of detailLines(reading)) io.out(`  ${line}`);
  });
}

function summaryLine(input: string, result: ArticleNumber): string {
  if (result.kind === 'invalid') return `${input} invalid: ${result.reason}`;
  if (result.kind === 'ambiguous') return `${result.normalised} ambiguous: ${result.readings.map(shortLine).join(' | ')}`;
  return `${result.normalised} ${shortLine(result)}`;
}

const isValid = (result: ArticleNumber): boolean => result.kind !== 'invalid' && result.kind !== 'ambiguous';

async function checkStdin(io: Io, json: boolean): Promise<void> {
  const inputs = (await readStdin(io.stdin))
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let failed = 0;
  for (const input of inputs) {
    const result = parseArticleNumber(input);
    if (!isValid(result)) failed++;
    io.out(json ? JSON.stringify({ input, ...result }) : summaryLine(input, result));
  }
  if (failed > 0) throw new CliError(`${failed} of ${inputs.length} lines are not valid article numbers`);
}

// Tracking numbers are checked offline against Publication 199 and UPU S10: no database, so config goes unused.
export function trackingCommand(_config: () => Config, io: Io): Command {
  const tracking = new Command('tracking').description('mail article numbers: USPS IMpb (Publication 199), legacy 20-digit and UPU S10');
  tracking
    .command('check')
    .description('check an article number and print its parts; exits 1 if it is invalid or can be read more than one way')
    .argument('[number]', 'the article number; spaces and hyphens are ignored')
    .option('--stdin', 'read one number per line from standard input and print one result per line (blank lines skipped)')
    .option('--json', 'print JSON (with --stdin, one object per line)')
    .action(async (number: string | undefined, options: { stdin?: boolean; json?: boolean }) => {
      if (options.stdin) {
        if (number !== undefined) throw new CliError('give either NUMBER or --stdin, not both', 2);
        return checkStdin(io, options.json === true);
      }
      if (number === undefined) throw new CliError('give an article number, or --stdin to read them one per line', 2);
      const result = parseArticleNumber(number);
      if (options.json) io.out(JSON.stringify(result, null, 2));
      else printDetails(io, result);
      if (result.kind === 'ambiguous') throw new CliError('ambiguous article number: compare the ZIP Codes with the label');
      if (result.kind === 'invalid') throw new CliError('not a valid article number');
    });
  return tracking;
}
