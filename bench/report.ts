import type { EngineKind } from '../src/db/index.ts';
import type { HttpResult } from './http-load.ts';
import type { LookupResult } from './lookup.ts';
import type { Machine } from './machine.ts';
import type { MemoryMark } from './memory.ts';
import type { Seeded } from './seed.ts';
import type { Comparison, Latency } from './stats.ts';

/** One engine's run: what bench/results/<date>-<engine>.json holds. */
export interface EngineResult {
  readonly engine: EngineKind;
  readonly version: string;
  readonly profile: 'quick' | 'full';
  readonly startedAt: string;
  readonly seconds: number;
  readonly machine: Machine;
  readonly insert: Comparison;
  readonly seed: Omit<Seeded, 'ids' | 'emails'>;
  readonly lookup: LookupResult;
  readonly http: HttpResult;
  readonly memory: readonly MemoryMark[];
}

const engineName: Record<EngineKind, string> = { pglite: 'PGlite', postgres: 'PostgreSQL' };

function num(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

const latencyCells = (l: Latency) => [num(l.meanMs), num(l.p50Ms), num(l.p95Ms), num(l.opsPerSec)];

function latencyTable(results: readonly EngineResult[]): string {
  const rows = results.flatMap((r) => {
    const row = (what: string, baseline: string, c: Comparison) => [
      engineName[r.engine],
      what,
      ...latencyCells(c.measured),
      baseline,
      ...latencyCells(c.baseline),
      `${num(c.ratio.mean)}×`,
      `${num(c.ratio.p95)}×`,
    ];
    return [
      row('customers.create (encrypt + blind index + audit, 1 per tx)', 'plaintext INSERT, 1 per tx', r.insert),
      row(`finder.search by e-mail (${r.lookup.customers.toLocaleString('en-US')} customers)`, 'SELECT by primary key', r.lookup.search),
      row('… of which vault.findByIndex alone (in withPrincipal)', 'SELECT by primary key', r.lookup.blindIndex),
      row('… of which an empty withPrincipal transaction', 'SELECT by primary key', r.lookup.principalOnly),
    ];
  });
  return table(
    [
      'Engine',
      'Caseline operation',
      'mean ms',
      'p50 ms',
      'p95 ms',
      'ops/s',
      'Baseline',
      'mean ms',
      'p50 ms',
      'p95 ms',
      'ops/s',
      '× mean',
      '× p95',
    ],
    rows,
  );
}

function seedTable(results: readonly EngineResult[]): string {
  return table(
    ['Engine', 'Bulk intake: customers.create, per s', 'plaintext multi-row INSERT, per s', 'Batch', '×'],
    results.map((r) => [
      engineName[r.engine],
      num(r.seed.protectedPerSec),
      num(r.seed.plainPerSec),
      String(r.seed.batch),
      `${num(r.seed.plainPerSec / r.seed.protectedPerSec)}×`,
    ]),
  );
}

function httpTable(results: readonly EngineResult[]): string {
  const rows = results.flatMap((r) => [
    ...r.http.levels.map((l) => [
      engineName[r.engine],
      String(l.concurrency),
      num(l.healthz.requestsPerSec),
      num(l.plain.requestsPerSec),
      num(l.audited.requestsPerSec),
      `${num(l.audited.latency.p50Ms)} / ${num(l.audited.latency.p95Ms)}`,
      `${num(l.ratio)}×`,
      String(l.audited.maxUnsealed),
      l.audited.drainMs === null ? 'not within 30 s' : `${l.audited.drainMs} ms`,
      String(l.healthz.errors + l.plain.errors + l.audited.errors),
    ]),
    [
      engineName[r.engine],
      `${r.http.sealerOff.concurrency}, sealer stopped`,
      '',
      '',
      num(r.http.sealerOff.requestsPerSec),
      `${num(r.http.sealerOff.latency.p50Ms)} / ${num(r.http.sealerOff.latency.p95Ms)}`,
      '',
      '',
      '',
      String(r.http.sealerOff.errors),
    ],
  ]);
  return table(
    [
      'Engine',
      'Clients',
      '/healthz req/s',
      'plain SELECT req/s',
      'audited GET req/s',
      'audited p50 / p95 ms',
      'plain ÷ audited',
      'max unsealed',
      'drained after load',
      'errors',
    ],
    rows,
  );
}

function sealingFindings(results: readonly EngineResult[]): string {
  return results
    .map((r) => {
      const h = r.http;
      const middle = h.levels.find((l) => l.concurrency === h.sealerOff.concurrency)!;
      const on = middle.audited.requestsPerSec;
      const off = h.sealerOff.requestsPerSec;
      return [
        `- **${engineName[r.engine]}**: ${h.note}`,
        `  1 → ${middle.concurrency} clients scales audited requests ${num(h.scaling.audited)}× (plain SELECT route ${num(h.scaling.plain)}×, /healthz ${num(h.scaling.healthz)}×).`,
        `  At ${middle.concurrency} clients: ${num(on)} req/s with the sealer running, ${num(off)} req/s with it stopped (${num((on / off) * 100)} %).`,
        `  Sealer lag: at most ${Math.max(...h.levels.map((l) => l.audited.maxUnsealed))} unsealed entries observed; after each level the backlog drained in ${h.levels.map((l) => (l.audited.drainMs === null ? '>30 s' : `${l.audited.drainMs} ms`)).join(' / ')} (sealer round every 1 s, batches of 500).`,
        `  Catch-up: ${h.catchUp.entries.toLocaleString('en-US')} pending entries sealed in ${num(h.catchUp.ms)} ms (${num(h.catchUp.perSec)} entries/s); sealer errors: ${h.sealerErrors}.`,
      ].join('\n');
    })
    .join('\n');
}

function memoryTable(results: readonly EngineResult[]): string {
  return table(
    ['Engine', 'Phase', 'RSS before MB', 'RSS after MB'],
    results.flatMap((r) => r.memory.map((m) => [engineName[r.engine], m.phase, String(m.rssBeforeMb), String(m.rssAfterMb)])),
  );
}

/** The Markdown summary: machine, then every figure with its baseline and ratio. */
export function markdownReport(results: readonly EngineResult[]): string {
  const machine = results[0]!.machine;
  const profile = results[0]!.profile;
  return [
    `# Caseline benchmarks (${profile} run, ${results[0]!.startedAt.slice(0, 10)})`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}; Node ${machine.node}; ` +
      results.map((r) => r.version).join('; ') +
      '. Database, server and load generator share the machine. Ratios are Caseline over the unprotected baseline on the same engine (>1: slower).',
    '',
    '## Latency, one client',
    '',
    latencyTable(results),
    '',
    '## Bulk intake',
    '',
    seedTable(results),
    '',
    '## Audited HTTP requests',
    '',
    'GET /api/customers/:id with an API token (token check, row-level security, decryption, one audit entry) on random seeded customers; baselines on the same server: /healthz (no database) and a bench-only route doing one pooled primary-key SELECT on the plaintext table.',
    '',
    httpTable(results),
    '',
    '### Does sealing serialise requests?',
    '',
    sealingFindings(results),
    '',
    '## Memory',
    '',
    "Resident set of the benchmark process: PGlite lives in it, a PostgreSQL server does not; during the HTTP phase it also holds the load generator's worker thread." +
      (results.length > 1
        ? " The engines ran one after the other in this process, so the later one's figures start from what the earlier one left."
        : ''),
    '',
    memoryTable(results),
    '',
  ].join('\n');
}
