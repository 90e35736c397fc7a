import { Command } from 'commander';
import type { Config } from '../config.ts';
import { decodeImb, encodeImb, ImbError, imbSvg, type ImbParts } from '../modules/tracking/index.ts';
import { CliError, readStdin, type Io } from './io.ts';

const trackingHelp = '20 digits: barcode id (2, the second 0–4), service type (3), mailer id and serial (15)';
const routingHelp = 'the delivery point ZIP code: 5, 9 or 11 digits (omit for none)';

// The USPS codes 09–11 are about the tracking code, 12 and 13 about the routing code.
function argumentOf(error: ImbError): string {
  return ['12', '13'].includes(error.code) ? '<routing>' : '<tracking>';
}

function asCliError(error: unknown, argument: (error: ImbError) => string): never {
  if (error instanceof ImbError) throw new CliError(`${argument(error)}: ${error.message} (error ${error.code})`);
  throw error;
}

function errorLine(error: unknown): string {
  if (error instanceof ImbError) return `error ${error.code}: ${error.message}`;
  throw error;
}

/** `TRACKING ROUTING`, `TRACKING,ROUTING` or `TRACKING` alone. */
function encodeLine(line: string): string {
  const [, tracking = '', routing = ''] = /^([^\s,]*)[\s,]*(.*)$/.exec(line) ?? [];
  return encodeImb(tracking, routing);
}

function decodeLine(line: string): string {
  const { tracking, routing } = decodeImb(line);
  return `${tracking} ${routing}`.trimEnd();
}

/** One result per non-blank line; fails (exit 1) when any line did, after printing them all. */
async function eachLine(io: Io, work: (line: string) => string): Promise<void> {
  const lines = (await readStdin(io.stdin))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  let failed = 0;
  for (const line of lines) {
    try {
      io.out(work(line));
    } catch (error) {
      failed++;
      io.out(errorLine(error));
    }
  }
  if (failed > 0) throw new CliError(`${failed} of ${lines.length} lines failed`);
}

function printParts(io: Io, parts: ImbParts): void {
  io.out(`tracking: ${parts.tracking}`);
  io.out(`routing: ${parts.routing === '' ? '(none)' : parts.routing}`);
  io.out(`barcode id: ${parts.barcodeId}`);
  io.out(`service type: ${parts.serviceType}`);
  io.out(`mailer id: ${parts.mailerId}`);
  io.out(`serial: ${parts.serial}`);
}

// The Intelligent Mail barcode is computed offline (USPS-B-3200): no database, so config goes unused.
export function imbCommand(_config: () => Config, io: Io): Command {
  const imb = new Command('imb').description('the USPS Intelligent Mail barcode (IMb, USPS-B-3200): encode to bars, decode bars');
  imb
    .command('encode')
    .description('print the 65 bars (F full, A ascender, D descender, T tracker) for a tracking and routing code')
    .argument('[tracking]', trackingHelp)
    .argument('[routing]', routingHelp)
    .option('--svg', 'print an SVG drawing of the barcode instead of the letters')
    .option('--stdin', 'read `TRACKING[ ROUTING]` or `TRACKING,ROUTING` per line; print bars or `error <code>: <message>` per line')
    .action(async (tracking: string | undefined, routing: string | undefined, options: { svg?: boolean; stdin?: boolean }) => {
      if (options.stdin) {
        if (tracking !== undefined) throw new CliError('give either TRACKING or --stdin, not both', 2);
        if (options.svg) throw new CliError('--svg: draws one barcode; not with --stdin', 2);
        return eachLine(io, encodeLine);
      }
      if (tracking === undefined) throw new CliError('give a tracking code, or --stdin to read them one per line', 2);
      try {
        const bars = encodeImb(tracking, routing);
        io.out(options.svg ? imbSvg(bars) : bars);
      } catch (error) {
        asCliError(error, argumentOf);
      }
    });
  imb
    .command('decode')
    .description('print the tracking and routing codes, and the tracking code’s parts, that 65 bars carry; damaged bars are refused')
    .argument('[bars]', '65 letters F, A, D, T, left to right')
    .option('--json', 'print the parts as JSON')
    .option('--stdin', 'read bars per line; print `TRACKING ROUTING` or `error <code>: <message>` per line')
    .action(async (bars: string | undefined, options: { json?: boolean; stdin?: boolean }) => {
      if (options.stdin) {
        if (bars !== undefined) throw new CliError('give either BARS or --stdin, not both', 2);
        if (options.json) throw new CliError('--json: prints one barcode’s parts; not with --stdin', 2);
        return eachLine(io, decodeLine);
      }
      if (bars === undefined) throw new CliError('give the bars, or --stdin to read them one per line', 2);
      try {
        const parts = decodeImb(bars);
        if (options.json) io.out(JSON.stringify(parts, null, 2));
        else printParts(io, parts);
      } catch (error) {
        asCliError(error, () => '<bars>');
      }
    });
  return imb;
}
