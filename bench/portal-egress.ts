// node bench/portal-egress.ts [--engine postgres|pglite] [--pg-url postgres://…] [--concurrency 8] [--seconds 20]
// What the portal's egress guard and response-level audit cost (issue 7, target ≤ 10 %): the
// same portal routes, the same signed-in customer and the same queries, once as served
// (/portal/api: every record checked against the session's customer, one audit entry per
// response in the route's transaction) and once through a copy of the routes whose unit of
// work only runs the query as the customer (/bench/portal/api). Load from a worker thread.
// Writes bench/results/portal-egress-<engine>.md.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { customerPrincipal } from '../src/access/index.ts';
import { loadConfig } from '../src/config.ts';
import { withPrincipal, type EngineKind } from '../src/db/index.ts';
import type { App } from '../src/http/app.ts';
import { installPortalAuth, requirePortalSession, type PortalUnit } from '../src/http/portal-auth.ts';
import { portalAuthFor } from '../src/http/portal.ts';
import { portalCaseRoutes } from '../src/http/routes/portal-cases.ts';
import { createPortalCases } from '../src/modules/portal/index.ts';
import { createServices } from '../src/services.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext, type BenchContext } from './fixtures.ts';
import {
  closedLoop,
  latencyCells,
  loadAverage,
  loadLine,
  machineLine,
  throughputFromWorker,
  throughputRow,
  writeReport,
  type Throughput,
} from './intake-bench.ts';
import { describeMachine } from './machine.ts';
import { startBenchServer } from './server.ts';

interface GetJob {
  readonly port: number;
  readonly path: string;
  readonly cookie: string;
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

/** The worker: `concurrency` keep-alive clients, one GET in flight each; anything but 200 is an error. */
async function getLoop(job: GetJob): Promise<Throughput> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.concurrency });
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const request = http.get(
        { host: '127.0.0.1', port: job.port, path: job.path, agent, headers: { cookie: `caseline_portal=${job.cookie}` } },
        (response) => {
          response.resume();
          response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`answered ${response.statusCode}`))));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
    });
  try {
    return await closedLoop(job.concurrency, job.warmupMs, job.durationMs, () => get());
  } finally {
    agent.destroy();
  }
}

/** Codes the portal e-mails, caught by a relay in this process. */
async function codeCatcher() {
  const codes = new Map<string, string>();
  const relay = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      void simpleParser(stream).then((mail) => {
        const to = Array.isArray(mail.to) ? mail.to[0]!.text : (mail.to?.text ?? '');
        const code = /\b(\d{6})\b/.exec(mail.text ?? '')?.[1];
        if (code) codes.set(to, code);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const port = (relay.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, codes, close: () => new Promise<void>((resolve) => relay.close(() => resolve())) };
}

/** The baseline: the portal's case routes under /bench/portal/api, their unit of work only the query as the customer. */
function addUnguardedRoutes(ctx: BenchContext): (app: App) => void {
  const config = loadConfig({ CASELINE_DATA: ctx.dataDir });
  const clock = () => new Date();
  const { database } = ctx.bench;
  const services = createServices({ config, vault: ctx.vault, keyring: ctx.keyring, clock });
  const portalAuth = portalAuthFor({ database, vault: ctx.vault, keyring: ctx.keyring, clock }, null);
  const unguarded: PortalUnit = (request, work) => {
    const principal = customerPrincipal(requirePortalSession(request).subjectId);
    return withPrincipal(database.db, principal, (trx) => work(trx, principal));
  };
  return (app) => {
    void app.register(
      async (scope) => {
        installPortalAuth(scope, portalAuth);
        await scope.register(portalCaseRoutes, { cases: createPortalCases(services.cases, services.surveys), unit: unguarded, clock });
      },
      { prefix: '/bench/portal/api' },
    );
  };
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      engine: { type: 'string', default: 'postgres' },
      'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      concurrency: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '20' },
      'warmup-seconds': { type: 'string', default: '3' },
    },
  });
  if (!['pglite', 'postgres'].includes(args.engine)) throw new Error('--engine must be pglite or postgres');
  const engine = args.engine as EngineKind;
  const concurrency = Number(args.concurrency);
  const durationMs = Number(args.seconds) * 1000;
  const warmupMs = Number(args['warmup-seconds']) * 1000;
  const log = (line: string) => console.log(`${new Date().toISOString()} [${engine}] ${line}`);

  const machine = await describeMachine();
  const loadBefore = loadAverage();
  const catcher = await codeCatcher();
  const bench = await openBenchDatabase(engine, args['pg-url']);
  const ctx = await benchContext(bench);
  const server = await startBenchServer(ctx, addUnguardedRoutes(ctx), {
    smtpRelay: catcher.url,
    mailFrom: 'Customer Care <care@caseline.example.gov>',
  });
  try {
    // One customer, signed in, linked to a new record, with 20 cases.
    let cookie = '';
    let csrf = '';
    const call = async (method: string, path: string, body?: object) => {
      const response = await server.app.inject({
        method: method as 'GET' | 'POST',
        url: path,
        headers: { ...(cookie ? { cookie: `caseline_portal=${cookie}` } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
        ...(body ? { payload: body } : {}),
      });
      if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode}`);
      const set = response.cookies.find((c) => c.name === 'caseline_portal');
      if (set) cookie = set.value;
      const token = response.statusCode === 200 ? (response.json() as { csrfToken?: string }).csrfToken : undefined;
      if (token) csrf = token;
      return response;
    };
    const email = 'bench.customer@example.org';
    await call('POST', '/portal/api/auth/register', { email, password: 'a long bench passphrase' });
    await call('POST', '/portal/api/auth/verify', { email, code: catcher.codes.get(email) });
    await call('POST', '/portal/api/link/new', { name: 'Bench Customer' });
    let caseId = '';
    for (let i = 0; i < 20; i++)
      caseId = (await call('POST', '/portal/api/cases', { title: `Parcel ${i}`, body: `Question ${i} about a parcel.` })).json().id;

    const run = async (path: string) => {
      log(`GET ${path}: ${concurrency} clients, ${durationMs / 1000} s`);
      const job: GetJob = { port: server.port, path, cookie, concurrency, warmupMs, durationMs };
      return throughputFromWorker(new URL(import.meta.url), job, 'load');
    };
    const rows: { route: string; guarded: Throughput; plain: Throughput }[] = [];
    for (const route of ['/cases', `/cases/${caseId}`]) {
      // Alternating twice evens out drift in the machine's load.
      const plainA = await run(`/bench/portal/api${route}`);
      const guardedA = await run(`/portal/api${route}`);
      const plainB = await run(`/bench/portal/api${route}`);
      const guardedB = await run(`/portal/api${route}`);
      const better = (a: Throughput, b: Throughput) => (a.perSec >= b.perSec ? a : b);
      rows.push({ route, guarded: better(guardedA, guardedB), plain: better(plainA, plainB) });
    }
    const audited = await withPrincipal(bench.database.db, { kind: 'system', id: 'system:bench', grants: ['audit.read:any'] }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'portal.response')
        .executeTakeFirst(),
    );

    const overhead = (row: (typeof rows)[number]) => ((1 - row.guarded.perSec / Math.max(1, row.plain.perSec)) * 100).toFixed(1);
    const p99 = (row: (typeof rows)[number]) => `${row.plain.latency.p99Ms.toFixed(1)} → ${row.guarded.latency.p99Ms.toFixed(1)} ms`;
    const report = `# Portal egress guard and response audit: ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}

${machineLine(bench.version, new Date().toISOString(), machine)}
${loadLine(loadBefore, loadAverage(), machine.cores)}

One signed-in customer (portal session cookie) with 20 cases, ${concurrency} keep-alive clients in a
worker thread, each phase ${durationMs / 1000} s after ${warmupMs / 1000} s of warm-up, run twice
alternately (the better of each kept). *Guarded* is the portal as served: the route's reads as the
customer under row-level security, every record in the answer checked against the session's
customer, and one \`portal.response\` audit entry written in the same transaction. *Without* is the
same routes, session check and queries through a unit of work that only runs the query as the
customer.

| Phase | clients | s | requests | per s | errors | p50 ms | p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- |
${rows.flatMap((row) => [throughputRow(`GET /portal/api${row.route.replace(caseId, ':id')} without guard and audit`, row.plain), throughputRow(`GET /portal/api${row.route.replace(caseId, ':id')} guarded and audited`, row.guarded)]).join('\n')}

${rows.map((row) => `- \`GET ${row.route.replace(caseId, ':id')}\`: guard and audit cost **${overhead(row)} %** of requests/s (p99 ${p99(row)}; target ≤ 10 %).`).join('\n')}
- Response audit entries written: ${Number(audited?.n ?? 0).toLocaleString('en-US')}.
- Latency cells (p50 | p99) per phase: ${rows.map((row) => `${latencyCells(row.plain)} → ${latencyCells(row.guarded)}`).join('; ')}.
`;
    await writeReport(`portal-egress-${engine}.md`, report);
    for (const row of rows)
      log(`${row.route.replace(caseId, ':id')}: ${row.plain.perSec}/s → ${row.guarded.perSec}/s (${overhead(row)} %)`);
  } finally {
    await server.close();
    await bench.close();
    await ctx.close();
    await catcher.close();
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await getLoop(workerData as GetJob));
