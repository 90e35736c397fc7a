// npm run bench -- [--engine pglite|postgres|both] [--quick] [--pg-url postgres://…]
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EngineKind } from '../src/db/index.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext } from './fixtures.ts';
import { benchHttp, type HttpOptions } from './http-load.ts';
import { benchInsert } from './insert.ts';
import { benchLookup } from './lookup.ts';
import { describeMachine, type Machine } from './machine.ts';
import { withMemoryMark, type MemoryMark } from './memory.ts';
import { createPlainTable } from './plain-table.ts';
import { markdownReport, type EngineResult } from './report.ts';
import { seedCustomers } from './seed.ts';
import type { LoopBounds } from './timing.ts';

interface Profile {
  readonly insert: LoopBounds;
  readonly seed: Record<EngineKind, number>;
  readonly lookup: LoopBounds;
  readonly http: HttpOptions;
}

// Sized so that a full run of both engines stays under ten minutes on 2 cores.
const profiles: Record<'quick' | 'full', Profile> = {
  full: {
    insert: { warmup: 50, iterations: 3000, maxMs: 20_000 },
    seed: { pglite: 5000, postgres: 20_000 },
    lookup: { warmup: 100, iterations: 5000, maxMs: 20_000 },
    http: { levels: [1, 8, 64], warmupMs: 1000, durationMs: 10_000, maxRequests: 1_000_000 },
  },
  quick: {
    insert: { warmup: 10, iterations: 300, maxMs: 3000 },
    seed: { pglite: 500, postgres: 1000 },
    lookup: { warmup: 20, iterations: 300, maxMs: 3000 },
    http: { levels: [1, 8, 64], warmupMs: 300, durationMs: 1500, maxRequests: 100_000 },
  },
};

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    quick: { type: 'boolean', default: false },
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
if (!['pglite', 'postgres', 'both'].includes(args.engine)) throw new Error('--engine must be pglite, postgres or both');
// The server first: PGlite's WebAssembly heap would otherwise stay in the RSS the PostgreSQL phases report.
const engines: EngineKind[] = args.engine === 'both' ? ['postgres', 'pglite'] : [args.engine as EngineKind];
const profileName = args.quick ? 'quick' : 'full';
const profile = profiles[profileName];
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

// An interrupted run must not leave a scratch database behind on the server.
let cleanup: (() => Promise<void>) | null = null;
process.once('SIGINT', () => {
  void (cleanup ?? (async () => undefined))().finally(() => process.exit(130));
});

async function runEngine(engine: EngineKind, machine: Machine): Promise<EngineResult> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const memory: MemoryMark[] = [];
  const log = (line: string) => console.log(`[${engine}] ${line}`);
  const bench = await openBenchDatabase(engine, args['pg-url']);
  const ctx = await benchContext(bench);
  cleanup = async () => {
    await bench.close();
    await ctx.close();
  };
  try {
    await createPlainTable(bench.database.db);
    log(`${bench.version}: insert`);
    const insert = await withMemoryMark('insert', memory, () => benchInsert(ctx, profile.insert));
    log(`seeding ${profile.seed[engine].toLocaleString('en-US')} customers`);
    const seeded = await withMemoryMark('seed', memory, () => seedCustomers(ctx, profile.seed[engine]));
    log('lookup');
    const lookup = await withMemoryMark('lookup', memory, () => benchLookup(ctx, seeded, profile.lookup));
    log(`HTTP load at ${profile.http.levels.join(', ')} clients`);
    const http = await withMemoryMark('http', memory, () => benchHttp(ctx, seeded, profile.http));
    const { ids: _ids, emails: _emails, ...seed } = seeded;
    return {
      engine,
      version: bench.version,
      profile: profileName,
      startedAt,
      seconds: Math.round((performance.now() - started) / 1000),
      machine,
      insert,
      seed,
      lookup,
      http,
      memory,
    };
  } finally {
    cleanup = null;
    await bench.close();
    await ctx.close();
  }
}

const machine = await describeMachine();
const results: EngineResult[] = [];
for (const engine of engines) results.push(await runEngine(engine, machine));

await fs.mkdir(resultsDir, { recursive: true });
const suffix = args.quick ? '-quick' : '';
for (const result of results) {
  await fs.writeFile(
    path.join(resultsDir, `${result.startedAt.slice(0, 10)}-${result.engine}${suffix}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
}
const report = markdownReport(results);
// A smoke run never overwrites the figures of a full one.
await fs.writeFile(path.join(resultsDir, args.quick ? 'latest-quick.md' : 'latest.md'), report);
console.log(`\n${report}`);
