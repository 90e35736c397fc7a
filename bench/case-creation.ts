// node bench/case-creation.ts [--engine postgres|pglite] [--pg-url postgres://…] [--concurrency 16]
//   [--seconds 60] [--baseline-seconds 20]
// Cases opened per second over the HTTP API: POST /api/cases on the real app (buildApp) with
// an agent's API token, from a worker thread, with the audit sealer running; against plain
// INSERTs of the same rows, through the same server and straight from the pool (issue 5).
// Writes bench/results/intake-case-creation-<engine>.md.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type EngineKind } from '../src/db/index.ts';
import type { App } from '../src/http/app.ts';
import { agentApiToken, openCaseScopes } from './agent-token.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext, type BenchContext } from './fixtures.ts';
import {
  closedLoop,
  loadAverage,
  loadLine,
  commitSettings,
  createPlainCaseTables,
  inquiryText,
  insertPlainCase,
  latencyCells,
  machineLine,
  type PlainCase,
  settingsParagraph,
  throughputRow,
  throughputFromWorker,
  writeReport,
  type Throughput,
} from './intake-bench.ts';
import { engineSettings } from './lookup-report.ts';
import { describeMachine } from './machine.ts';
import { timeToDrain, watchBacklog } from './sealer-lag.ts';
import { startBenchServer } from './server.ts';

interface PostJob {
  readonly port: number;
  readonly path: string;
  /** The headers of each client: client i sends headers[i % headers.length]. */
  readonly headers: readonly Readonly<Record<string, string>>[];
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

const recordType = 'usps-880/call-center-contact';

/** The n-th case an agent enters: a caller not (yet) in the registry, about a parcel. */
function newCase(n: number) {
  const { title, body } = inquiryText(n);
  return {
    sender: { name: `Caller ${n}`, email: `caller.${n}@example.net`, phone: `(202) 555-${String(n % 10_000).padStart(4, '0')}` },
    channel: 'phone',
    recordType,
    title,
    body,
  };
}

/** The worker: `concurrency` keep-alive clients, each with one POST in flight; anything but 201 is an error. */
async function postCases(job: PostJob): Promise<Throughput> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const post = (client: number, n: number) =>
    new Promise<void>((resolve, reject) => {
      const payload = JSON.stringify(newCase(n));
      const request = http.request(
        {
          host: '127.0.0.1',
          port: job.port,
          path: job.path,
          method: 'POST',
          agent,
          headers: {
            ...job.headers[client % job.headers.length],
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            response.statusCode === 201
              ? resolve()
              : reject(new Error(`answered ${response.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 300)}`)),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  try {
    return await closedLoop(job.concurrency, job.warmupMs, job.durationMs, (client, n) => post(client, n));
  } finally {
    agent.destroy();
  }
}

const postFromWorker = (job: PostJob): Promise<Throughput> => throughputFromWorker(new URL(import.meta.url), job, 'load');

/**
 * POST /bench/plain-cases on the bench server: the same JSON body into a plain INSERT of the
 * case and message rows, through the same server, hooks and pool, with no principal, no
 * encryption and no audit.
 */
function addPlainCaseRoute(ctx: BenchContext): (app: App) => void {
  return (app) => {
    app.post<{ Body: ReturnType<typeof newCase> }>('/bench/plain-cases', { config: { auth: 'public' } }, async (request, reply) => {
      const body = request.body;
      const row: PlainCase = {
        channel: body.channel,
        recordType: body.recordType,
        title: body.title,
        from: `${body.sender.name} <${body.sender.email}> ${body.sender.phone}`,
        body: body.body,
      };
      await insertPlainCase(ctx.bench.database.db, row);
      return reply.status(201).send({ ok: true });
    });
  };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      engine: { type: 'string', default: 'postgres' },
      'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      concurrency: { type: 'string', default: '16' },
      seconds: { type: 'string', default: '60' },
      'baseline-seconds': { type: 'string', default: '20' },
      'warmup-seconds': { type: 'string', default: '3' },
    },
  });
  if (!['pglite', 'postgres'].includes(args.engine)) throw new Error('--engine must be pglite or postgres');
  const engine = args.engine as EngineKind;
  const concurrency = Number(args.concurrency);
  const durationMs = Number(args.seconds) * 1000;
  const baselineMs = Number(args['baseline-seconds']) * 1000;
  const warmupMs = Number(args['warmup-seconds']) * 1000;
  const log = (line: string) => console.log(`${new Date().toISOString()} [${engine}] ${line}`);

  const machine = await describeMachine();
  const loadBefore = loadAverage();
  const bench = await openBenchDatabase(engine, args['pg-url']);
  const ctx = await benchContext(bench);
  const { db } = bench.database;
  let cleanup: (() => Promise<void>) | null = async () => {
    await bench.close();
    await ctx.close();
  };
  process.once('SIGINT', () => void (cleanup ?? (async () => undefined))().finally(() => process.exit(130)));
  try {
    await createPlainCaseTables(db);
    const server = await startBenchServer(ctx, addPlainCaseRoute(ctx));
    const closeBench = cleanup;
    cleanup = async () => {
      await server.close();
      await closeBench();
    };
    // Each client is an agent of its own: a shared transaction carries units of several principals.
    const tokens: string[] = [];
    for (let i = 0; i < concurrency; i++) tokens.push(await agentApiToken(server.app, ctx, openCaseScopes, `bench-agent-${i}`));
    const job = { port: server.port, concurrency, warmupMs };

    // 1. POST /api/cases with the sealer running, as `serve` runs it.
    const stopSealer = server.startSealer();
    const { sealerErrors } = server;
    log(`${bench.version}: POST /api/cases, ${concurrency} clients, ${durationMs / 1000} s`);
    const watch = watchBacklog(db, 500);
    const api = await postFromWorker({
      ...job,
      path: '/api/cases',
      headers: tokens.map((token) => ({ authorization: `Bearer ${token}` })),
      durationMs,
    });
    const maxUnsealed = await watch.stop();
    const drainMs = await timeToDrain(db, 60_000);
    await stopSealer();
    // The transactions that wrote them: each row's xmin (on PGlite every case is its own).
    const { cases, transactions } = await withPrincipal(db, systemPrincipal('bench'), async (trx) => {
      const row = (await sql<{ n: string; tx: string }>`SELECT count(*) AS n, count(DISTINCT xmin::text) AS tx FROM cases`.execute(trx))
        .rows[0]!;
      return { cases: Number(row.n), transactions: Number(row.tx) };
    });
    log(`${api.perSec} cases/s, ${api.errors} errors, ${cases} cases for ${api.started} requests`);
    if (api.firstError) log(`first error: ${api.firstError}`);

    // 2. The same requests into plain INSERTs through the same server (no token, RLS, encryption or audit).
    log(`POST /bench/plain-cases: ${baselineMs / 1000} s`);
    const httpPlain = await postFromWorker({ ...job, path: '/bench/plain-cases', headers: [{}], durationMs: baselineMs });
    // 3. Plain INSERTs straight from the pool, as many at once.
    log(`plain INSERT: ${baselineMs / 1000} s`);
    const plain = await closedLoop(concurrency, warmupMs, baselineMs, (_client, n) => {
      const c = newCase(n);
      return insertPlainCase(db, { ...c, from: `${c.sender.name} <${c.sender.email}> ${c.sender.phone}` });
    });

    const measuredAt = new Date().toISOString();
    const loadAfter = loadAverage();
    const settings = engine === 'postgres' ? { ...(await engineSettings(db)), ...(await commitSettings(db)) } : {};
    const target = 1000;
    const ratio = (baseline: Throughput) => (baseline.perSec / Math.max(1, api.perSec)).toFixed(1);
    const report = `# Case creation over the HTTP API: ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}

${machineLine(bench.version, measuredAt, machine)}
${loadLine(loadBefore, loadAfter, machine.cores)}

\`POST /api/cases\` on the real app (buildApp, production log level written nowhere) from
${concurrency} keep-alive clients in a worker thread, one request in flight each, each client an
agent with an API token of its own. Each request opens a phone case for a caller not in the registry (name, e-mail
address and phone as the sender, a ~1.5 kB inquiry): token check, row-level security, a data
subject with its own wrapped key, the encrypted title, sender and first message, routing,
the case event and audit entries; concurrent requests share transactions (group commit,
\`src/db/group-commit.ts\`), each request's statements under its own agent's settings. The audit sealer runs as in \`serve\`.
Warm-up ${warmupMs / 1000} s, not counted.

| Phase | clients | s | requests | per s | errors | p50 ms | p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- |
${throughputRow('POST /api/cases (encrypted, audited)', api)}
${throughputRow('POST /bench/plain-cases (same server, plain INSERTs)', httpPlain)}
${throughputRow('plain INSERT: case row + message row, one transaction', plain)}

- **${api.perSec.toLocaleString('en-US')} cases/s** against a target of ≥ ${target.toLocaleString('en-US')} on ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}: **${api.perSec >= target ? 'met' : 'missed'}**${engine === 'postgres' ? '' : ' (the target is for PostgreSQL)'}; p50 ${latencyCells(api).replace(' | ', ' ms, p99 ')} ms.
- Plain INSERTs of the same rows through the same server run ${ratio(httpPlain)}× as fast (${httpPlain.perSec.toLocaleString('en-US')}/s); straight from the pool ${ratio(plain)}× (${plain.perSec.toLocaleString('en-US')}/s).
- Cases in the database afterwards: ${cases.toLocaleString('en-US')} for ${api.started.toLocaleString('en-US')} requests, warm-up included, written by ${transactions.toLocaleString('en-US')} transactions (${(cases / Math.max(1, transactions)).toFixed(1)} cases each).
- Audit: at most ${maxUnsealed.toLocaleString('en-US')} entries waited for the sealer during the run; ${drainMs === null ? 'the backlog was **not** sealed within 60 s after it' : `all were sealed ${drainMs} ms after it`}${sealerErrors.length > 0 ? `; ${sealerErrors.length} sealer rounds failed` : ''}.
${settingsParagraph(settings)}`;
    await writeReport(`intake-case-creation-${engine}.md`, report);
  } finally {
    const done = cleanup;
    cleanup = null;
    await done?.();
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await postCases(workerData as PostJob));
