// What the two intake throughput benches (email-intake.ts, case-creation.ts) share: the
// plaintext baseline tables, a closed-loop load runner and the report's common lines.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sql, type Kysely } from 'kysely';
import type { Tables } from '../src/db/index.ts';
import type { Machine } from './machine.ts';
import { summarise, type Latency } from './stats.ts';

/**
 * The baseline: the rows a new case writes that carry its content — the case row and its
 * first message — as plaintext, in tables with no row-level security, no audit, no
 * encryption and no index but what identifies a row (primary key, unique case number).
 * Text goes into bytea columns at its plaintext size, as the real tables hold ciphertext.
 */
export async function createPlainCaseTables(db: Kysely<Tables>): Promise<void> {
  await sql`CREATE TABLE bench_plain_cases (
    id            uuid PRIMARY KEY,
    number        text NOT NULL UNIQUE,
    customer_id   uuid,
    business_area text,
    record_type   text NOT NULL,
    channel       text NOT NULL,
    priority      text NOT NULL,
    status        text NOT NULL,
    title         bytea NOT NULL,
    tags          text[] NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE bench_plain_case_messages (
    id          uuid PRIMARY KEY,
    case_id     uuid NOT NULL,
    kind        text NOT NULL,
    channel     text NOT NULL,
    from_text   bytea,
    body        bytea NOT NULL,
    created_at  timestamptz NOT NULL
  )`.execute(db);
}

export interface PlainCase {
  readonly channel: string;
  readonly recordType: string;
  readonly title: string;
  readonly from: string | null;
  readonly body: string;
}

let plainNumbers = 0;

/** One case and its first message in a transaction of their own (BEGIN, 2 INSERTs, COMMIT). */
export async function insertPlainCase(db: Kysely<Tables>, row: PlainCase): Promise<void> {
  const id = randomUUID();
  const now = new Date();
  const number = `P-${process.pid}-${++plainNumbers}`;
  await db.transaction().execute(async (trx) => {
    await sql`INSERT INTO bench_plain_cases (id, number, record_type, channel, priority, status, title, created_at, updated_at)
      VALUES (${id}, ${number}, ${row.recordType}, ${row.channel}, 'normal', 'new', ${Buffer.from(row.title)}, ${now}, ${now})`.execute(
      trx,
    );
    await sql`INSERT INTO bench_plain_case_messages (id, case_id, kind, channel, from_text, body, created_at)
      VALUES (${randomUUID()}, ${id}, 'inbound', ${row.channel}, ${row.from === null ? null : Buffer.from(row.from)},
        ${Buffer.from(row.body)}, ${now})`.execute(trx);
  });
}

export interface Throughput {
  readonly concurrency: number;
  /** Operations completed (successfully or not) inside the measured window. */
  readonly operations: number;
  readonly errors: number;
  readonly seconds: number;
  readonly perSec: number;
  /** Per operation, as one client waits for it. */
  readonly latency: Latency;
  /** Every operation started, warm-up included: what the database should hold afterwards. */
  readonly started: number;
  /** The first error's text, for the log. */
  readonly firstError: string | null;
}

/**
 * `concurrency` clients, each issuing `op` back to back: operations started in the first
 * `warmupMs` are done but not counted; none starts after `warmupMs + durationMs`.
 */
export async function closedLoop(
  concurrency: number,
  warmupMs: number,
  durationMs: number,
  op: (client: number, n: number) => Promise<void>,
): Promise<Throughput> {
  const samples: number[] = [];
  let started = 0;
  let errors = 0;
  let firstError: string | null = null;
  const measureFrom = performance.now() + warmupMs;
  const stopAt = measureFrom + durationMs;
  const client = async (index: number) => {
    while (performance.now() < stopAt) {
      const n = started++;
      const start = performance.now();
      let failed = false;
      await op(index, n).catch((error: unknown) => {
        failed = true;
        firstError ??= error instanceof Error ? error.message : String(error);
      });
      if (start < measureFrom) continue;
      samples.push(performance.now() - start);
      if (failed) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => client(i)));
  const seconds = (performance.now() - measureFrom) / 1000;
  return {
    concurrency,
    operations: samples.length,
    errors,
    seconds: Number(seconds.toFixed(1)),
    perSec: Math.round(samples.length / seconds),
    latency: summarise(samples.length > 0 ? samples : [0]),
    started,
    firstError,
  };
}

/** A fictitious inquiry of realistic size (about 1.5 kB of text), different for each n. */
export function inquiryText(n: number): { title: string; body: string } {
  const article = `9400 1000 0000 ${String(100_000 + (n % 900_000)).padStart(6, '0')} ${String(n % 100).padStart(2, '0')}`;
  const title = `Parcel ${article} not delivered`;
  const body = [
    'Hello,',
    '',
    `I am writing about parcel ${article}, which the tracking page has shown as "In transit, arriving late" for nine days now.`,
    'It was sent from Portland, OR on the 3rd and contains prescription medication that I need before the end of the month.',
    'I have already checked with my neighbours and with the front desk of my building, and nobody has seen a notice or the parcel itself.',
    'Could you please tell me where the parcel is, whether it can still be delivered, and if not, how I can file a claim for it?',
    'I can be reached by e-mail at any time, or by phone in the afternoons. Thank you for your help.',
    '',
    `Reference ${n}`,
    '',
    '-- ',
    'Sent from my phone',
  ].join('\n');
  return { title, body: `${body}\n\n${body.slice(0, 500)}` };
}

export const ms = (value: number): string => (value >= 10 ? value.toFixed(1) : value.toFixed(2));

export function machineLine(version: string, measuredAt: string, machine: Machine): string {
  const cpu = machine.cpu.split(' ').slice(0, 2).join(' ');
  return `${version}; measured ${measuredAt}; ${cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}.`;
}

export function latencyCells(t: Throughput): string {
  return `${ms(t.latency.p50Ms)} | ${ms(t.latency.p99Ms)}`;
}

/** One phase's row in a report's table: clients, seconds, operations, per second, errors, p50, p99. */
export function throughputRow(name: string, t: Throughput): string {
  return `| ${name} | ${t.concurrency} | ${t.seconds} | ${t.operations.toLocaleString('en-US')} | ${t.perSec.toLocaleString('en-US')} | ${t.errors} | ${latencyCells(t)} |`;
}

/** What bounds commits per second, beyond engineSettings' planner and memory settings. */
export async function commitSettings(db: Kysely<Tables>): Promise<Record<string, string>> {
  const names = ['synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay', 'max_connections'];
  const result = await sql<{ name: string; setting: string }>`
    SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY(${names}::text[])`.execute(db);
  return Object.fromEntries(result.rows.map((row) => [row.name, row.setting]));
}

/** The 1-minute load average: on a shared machine, what else was competing for the cores. */
export const loadAverage = (): number => Number(os.loadavg()[0]!.toFixed(1));

export function loadLine(before: number, after: number, cores: number): string {
  const busy = Math.max(before, after) > cores;
  return `Load average (1 min) ${before} at the start, ${after} at the end, on ${cores} cores${busy ? ': other work was running on this machine, so the absolute figures are low; the ratios travel better' : ''}.`;
}

/** Runs `script`'s worker branch on `job` and resolves with the one result it posts back. */
export function throughputFromWorker(script: URL, job: object, what: string): Promise<Throughput> {
  const worker = new Worker(script, { workerData: job });
  return new Promise((resolve, reject) => {
    worker.once('message', (result: Throughput) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${what} worker exited (${code}) without a result`)));
  });
}

/** The report's closing settings paragraph, or nothing when there are none (PGlite). */
export function settingsParagraph(settings: Record<string, string>): string {
  if (Object.keys(settings).length === 0) return '';
  return `\nSettings: ${Object.entries(settings)
    .map(([name, value]) => `${name} = ${value}`)
    .join(', ')}.\n`;
}

/** Writes the report to bench/results/<name> and prints it. */
export async function writeReport(name: string, report: string): Promise<void> {
  const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  await fs.mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, name);
  await fs.writeFile(file, report);
  console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)}`);
}
