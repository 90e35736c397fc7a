// npm run bench:lookup -- --engine pglite|postgres --customers N [--samples 2000] [--seed S]
//   [--pg-url postgres://…] [--pg-database bench_customers] [--data-dir bench/data]
// Lookup latency per retrieval key over a registry of N synthetic customers, against a
// primary-key SELECT on the same engine (issue 4). Generates the registry first unless the
// store already holds it (see generation.ts); writes bench/results/lookup-<engine>-<N>.md.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCustomerStore } from './customer-store.ts';
import { ensureCustomers } from './generation.ts';
import { keyLookups } from './key-lookups.ts';
import { engineSettings, lookupReport, type KeyFigure } from './lookup-report.ts';
import { describeMachine } from './machine.ts';
import { compare } from './stats.ts';
import { parseArgs, parseStoreArgs, storeArgOptions } from './store-args.ts';
import { syntheticCustomers } from './synthetic-customers.ts';
import { interleave } from './timing.ts';

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const { values } = parseArgs({ options: { ...storeArgOptions, samples: { type: 'string', default: '2000' } } });
const args = parseStoreArgs(values, log);
const samples = Number(values.samples);
const resultsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

const store = await openCustomerStore(args.engine, args.store);
try {
  log(`${store.version}, ${store.location}: ensuring ${args.customers.toLocaleString('en-US')} customers`);
  const generation = await ensureCustomers(store, args.customers, args.generation);
  log(`store holds ${generation.customers.toLocaleString('en-US')} customers; measuring ${samples} lookups per key`);
  const people = syntheticCustomers(args.generation.seed);
  const lookups = keyLookups(store);
  // Each round draws fresh customers over the whole registry, so that no key is warmed by reuse.
  let draws = 0x2545f491;
  const draw = (accepts: (n: number) => boolean = () => true): number => {
    for (;;) {
      draws = (Math.imul(draws, 1_103_515_245) + 12_345) >>> 0;
      const n = Math.floor((draws / 4_294_967_296) * generation.customers);
      if (accepts(n)) return n;
    }
  };
  const found = new Map<string, number>();
  const ops = Object.fromEntries([
    ['primary key', () => lookups.primaryKey(people.customer(draw()))],
    ...lookups.kinds.map((kind) => [
      kind.key,
      async () => {
        const c = people.customer(draw((n) => kind.accepts?.(people.customer(n)) ?? true));
        const count = await kind.run(c);
        found.set(kind.key, (found.get(kind.key) ?? 0) + count);
      },
    ]),
  ]) as Record<string, () => Promise<void>>;
  const warmup = Math.min(100, samples);
  const figures = await interleave(ops, { warmup, iterations: samples, maxMs: 30 * 60_000 });
  const baseline = figures['primary key']!;
  const keys: KeyFigure[] = lookups.kinds.map((kind) => ({
    key: kind.key,
    query: kind.query,
    targetP99Ms: kind.targetP99Ms,
    meanFound: found.get(kind.key)! / (warmup + figures[kind.key]!.count),
    ...compare(figures[kind.key]!, baseline),
  }));
  const report = lookupReport({
    engine: args.engine,
    version: store.version,
    customers: generation.customers,
    generation,
    settings: await engineSettings(store.database.db),
    machine: await describeMachine(),
    measuredAt: new Date().toISOString(),
    baseline,
    keys,
  });
  await fs.mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `lookup-${args.engine}-${generation.customers}.md`);
  await fs.writeFile(file, report);
  console.log(`\n${report}\nwritten to ${path.relative(process.cwd(), file)}`);
} finally {
  await store.close();
}
