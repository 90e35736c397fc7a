import fs from 'node:fs';
import { Command, Option } from 'commander';
import { systemPrincipal } from '../access/index.ts';
import type { Config } from '../config.ts';
import {
  FeedRefused,
  ingestFeed,
  isEventRejection,
  maxEventsPerLoad,
  maxReportedErrors,
  parseArticleNumber,
  readFeed,
  toTrackingEvent,
  type ArticleNumber,
  type FeedError,
  type FeedFormat,
  type FeedRecord,
  type Routing,
  type ValidArticleNumber,
} from '../modules/tracking/index.ts';
import { openRuntime } from '../runtime.ts';
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

/** Up to `size` records of a feed being read, leaving the rest for the next part. */
async function* part(records: AsyncIterator<FeedRecord>, size: number, done: { value: boolean }): AsyncGenerator<FeedRecord> {
  for (let n = 0; n < size; n++) {
    const next = await records.next();
    if (next.done) {
      done.value = true;
      return;
    }
    yield next.value;
  }
}

function formatOf(file: string, given: string | undefined): FeedFormat {
  const format = given ?? (/\.csv$/i.test(file) ? 'csv' : /\.(nd)?jsonl?$/i.test(file) ? 'ndjson' : undefined);
  if (format !== 'csv' && format !== 'ndjson') throw new CliError('--format: say csv or ndjson (the file name does not tell)', 2);
  return format;
}

function printErrors(io: Io, errors: readonly FeedError[], rejected: number): void {
  for (const e of errors) io.err(`line ${e.line}: ${e.field}: ${e.reason}`);
  if (rejected > errors.length) io.err(`… and ${rejected - errors.length} more`);
}

/**
 * The file loader: streams a feed file into tracking_events in parts of `--part` records, each
 * its own transaction. With --invalid reject (the default) the whole file is checked first and
 * nothing is stored if any record is invalid; every part is then committed as it loads, and a
 * load interrupted part-way can be run again: what was stored is counted as duplicates.
 */
async function loadFile(config: Config, io: Io, file: string, options: { format?: string; invalid: string; part: string }): Promise<void> {
  const format = formatOf(file, options.format);
  if (options.invalid !== 'reject' && options.invalid !== 'skip') throw new CliError('--invalid: say reject or skip', 2);
  const size = Number(options.part);
  if (!Number.isInteger(size) || size < 1 || size > maxEventsPerLoad)
    throw new CliError(`--part: a whole number from 1 to ${maxEventsPerLoad}`, 2);
  const open = () => fs.createReadStream(file);
  if (!fs.existsSync(file)) throw new CliError(`<file>: no such file: ${file}`);
  const runtime = await openRuntime(config, { migrate: false });
  try {
    const now = runtime.clock();
    if (options.invalid === 'reject') {
      const errors: FeedError[] = [];
      let rejected = 0;
      for await (const record of readFeed(open(), format)) {
        const event = 'unreadable' in record ? { field: 'line', reason: record.unreadable } : toTrackingEvent(record.fields, now);
        if (!isEventRejection(event)) continue;
        rejected++;
        if (errors.length < maxReportedErrors) errors.push({ line: record.line, field: event.field, reason: event.reason });
      }
      if (rejected > 0) {
        printErrors(io, errors, rejected);
        throw new CliError(`${rejected} records are invalid; nothing was stored (correct them, or load with --invalid skip)`);
      }
    }
    const principal = systemPrincipal('tracking-load');
    const ctx = { requestId: null, clientAddr: null, purpose: 'mail tracking: record where mail and packages are (820.200)' };
    const records = readFeed(open(), format)[Symbol.asyncIterator]();
    const done = { value: false };
    const total = { received: 0, stored: 0, duplicates: 0, rejected: 0 };
    for (let n = 1; !done.value; n++) {
      let summary;
      try {
        summary = await ingestFeed(
          runtime.database,
          principal,
          part(records, size, done),
          { invalid: options.invalid },
          ctx,
          runtime.clock,
        );
      } catch (error) {
        if (error instanceof FeedRefused) {
          printErrors(io, error.summary.errors, error.summary.rejected);
          throw new CliError(`part ${n} was refused and nothing of it stored; parts before it were stored`);
        }
        throw error;
      }
      if (summary.received === 0) break;
      io.out(
        `part ${n}: ${summary.received} records, ${summary.stored} stored, ${summary.duplicates} already stored, ${summary.rejected} left out`,
      );
      printErrors(io, summary.errors, summary.rejected);
      total.received += summary.received;
      total.stored += summary.stored;
      total.duplicates += summary.duplicates;
      total.rejected += summary.rejected;
    }
    io.out(`${file}: ${total.received} records, ${total.stored} stored, ${total.duplicates} already stored, ${total.rejected} left out`);
  } finally {
    await runtime.close();
  }
}

export function trackingCommand(config: () => Config, io: Io): Command {
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
  tracking
    .command('load')
    .description('load tracking events from a feed file (NDJSON or CSV), streamed, each event stored once')
    .argument('<file>', 'the feed: .ndjson/.jsonl or .csv (or say which with --format)')
    .addOption(new Option('--format <format>', 'ndjson or csv').choices(['ndjson', 'csv']))
    .addOption(
      new Option('--invalid <mode>', 'reject: store nothing if any record is invalid; skip: store the rest')
        .choices(['reject', 'skip'])
        .default('reject'),
    )
    .addOption(new Option('--part <n>', 'records per transaction').default(String(maxEventsPerLoad)))
    .action((file: string, options: { format?: string; invalid: string; part: string }) => loadFile(config(), io, file, options));
  return tracking;
}
