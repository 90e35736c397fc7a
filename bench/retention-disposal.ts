// node bench/retention-disposal.ts [--pg-url postgres://…] [--records 1000000] [--batch-size 5000] [--concurrency 2] [--scattered]
// Disposal of expired records by the retention sweep (issue 6): `records` cases resolved
// years ago (each with its data subject and key, a message and two events), all long past
// their rule, disposed of by services.retention.run on PostgreSQL: records per second, and
// the latency of a case read over the HTTP API while the sweep runs against the same
// reads on a quiet server. Writes bench/results/retention-disposal-postgres.md.
// The cases are written in the order they were created, as the server writes them, so the
// order they fall due in is close to the order of their pages; --scattered writes every
// 300th case on the same day instead (a batch's rows then lie on as many pages as it has
// rows), the layout of the measurements before 2026-11-26.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { systemPrincipal } from '../src/access/index.ts';
import { loadConfig } from '../src/config.ts';
import { withPrincipal } from '../src/db/index.ts';
import { createServices } from '../src/services.ts';
import { agentApiToken } from './agent-token.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext } from './fixtures.ts';
import {
  closedLoop,
  latencyCells,
  loadAverage,
  loadLine,
  machineLine,
  settingsParagraph,
  commitSettings,
  writeReport,
  type Throughput,
} from './intake-bench.ts';
import { describeMachine } from './machine.ts';
import { startBenchServer } from './server.ts';

const { values: args } = parseArgs({
  options: {
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    records: { type: 'string', default: '1000000' },
    'batch-size': { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '2' },
    scattered: { type: 'boolean', default: false },
  },
});
const records = Number(args.records);
const batchSize = Number(args['batch-size']);
const concurrency = Number(args.concurrency);
if (!Number.isInteger(records) || records < 1000) throw new Error('--records must be a whole number of at least 1000');
if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch-size must be a positive whole number');
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)
  throw new Error('--concurrency must be a whole number from 1 to 16');

const bench = await openBenchDatabase('postgres', args['pg-url']);
const ctx = await benchContext(bench);
const db = bench.database.db;
const log = (msg: string) => console.log(`${new Date().toISOString()} ${msg}`);

// The expired cases, written straight into the tables as the owner (the bench's own set-up,
// not the API): bytes of the size of the app's AES-GCM ciphertexts, below PostgreSQL's
// compression threshold, so stored as the real ones are.
log(`generating ${records.toLocaleString('en-US')} expired cases`);
const chunk = 100_000;
for (let from = 0; from < records; from += chunk) {
  const to = Math.min(records, from + chunk) - 1;
  await sql`
    WITH n AS (SELECT g, gen_random_uuid() AS subject, gen_random_uuid() AS case_id,
                      timestamptz '2020-01-02 15:00:00+00' + ${args.scattered ? sql`(g % 300) * interval '1 day'` : sql`(g::float8 * 300 / ${records}) * interval '1 day'`} AS created
               FROM generate_series(${from}::int, ${to}::int) g),
    s AS (INSERT INTO data_subjects (id, kind, business_area, record_type, created_at, dispose_after)
          SELECT subject, 'person', NULL, 'usps-880/inquiry', created, NULL FROM n),
    k AS (INSERT INTO subject_keys (subject_id, business_area, master_key_id, wrapped_key)
          SELECT subject, NULL, 'bench', decode(repeat(md5(g::text || 'k'), 4), 'hex') FROM n),
    c AS (INSERT INTO cases (id, number, subject_id, record_type, channel, priority, status, title_ct, created_at, updated_at, resolved_at, closed_at, dispose_after)
          SELECT case_id, 'C-2020-B' || lpad(g::text, 8, '0'), subject, 'usps-880/inquiry', 'email', 'normal', 'closed', decode(repeat(md5(g::text || 't'), 4), 'hex'),
                 created, created + interval '2 days', created + interval '2 days', created + interval '9 days', created + interval '2 years 3 days' FROM n),
    m AS (INSERT INTO case_messages (id, case_id, subject_id, kind, channel, author, from_ct, body_ct, created_at)
          SELECT gen_random_uuid(), case_id, subject, 'inbound', 'email', 'customer', decode(repeat(md5(g::text || 'f'), 3), 'hex'), decode(repeat(md5(g::text || 'b'), 50), 'hex'), created FROM n)
    INSERT INTO case_events (id, case_id, subject_id, at, actor, kind, detail)
    SELECT gen_random_uuid(), case_id, subject, created + e * interval '1 day', 'system:bench', CASE e WHEN 0 THEN 'opened' ELSE 'status_changed' END, '{}'::jsonb
    FROM n, generate_series(0, 1) e`.execute(db);
}
await sql`ANALYZE`.execute(db);
log('generated');

// A live customer and case the reads go to while the sweep runs.
const server = await startBenchServer(ctx);
const stopSealer = server.startSealer();
const token = await agentApiToken(server.app, ctx);
const services = createServices({
  config: loadConfig({ CASELINE_DATA: ctx.dataDir }),
  vault: ctx.vault,
  keyring: ctx.keyring,
  clock: () => new Date(),
});
const system = systemPrincipal('bench');
const live = await withPrincipal(db, system, (trx) =>
  services.cases.open(
    trx,
    system,
    {
      sender: { name: 'Casimir Wentworth-Abara' },
      channel: 'phone',
      recordType: 'usps-880/call-center-contact',
      title: 'Live case',
      body: 'Still open.',
    },
    ctx.audit,
    new Date(),
  ),
);
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
const readCase = () =>
  new Promise<void>((resolve, reject) => {
    http
      .get(
        { host: '127.0.0.1', port: server.port, path: `/api/cases/${live.case.id}`, agent, headers: { authorization: `Bearer ${token}` } },
        (response) => {
          response.resume();
          response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error(`status ${response.statusCode}`))));
        },
      )
      .on('error', reject);
  });

const machine = await describeMachine();
const loadBefore = loadAverage();
log('reads on a quiet server');
const quiet = await closedLoop(4, 2000, 15_000, () => readCase());

log('sweeping');
let sweepSeconds = 0;
let disposed = 0;
let keys = 0;
let during: Throughput | null = null;
const sweepDone = (async () => {
  const started = performance.now();
  const result = await services.retention.run(bench.database, new Date(), { batchSize, concurrency, job: 'bench' });
  sweepSeconds = (performance.now() - started) / 1000;
  disposed = result.lines.filter((line) => line.recordTable === 'cases').reduce((n, line) => n + line.records, 0);
  keys = result.lines.reduce((n, line) => n + line.keysDestroyed, 0);
})();
// Reads for as long as the sweep takes (at least its first 10 s), measured after 2 s.
const readsDone = (async () => {
  let finished = false;
  void sweepDone.finally(() => (finished = true));
  const samples: Throughput[] = [];
  while (!finished) samples.push(await closedLoop(4, samples.length === 0 ? 2000 : 0, 10_000, () => readCase()));
  during = samples.reduce((a, b) => (a.latency.p99Ms >= b.latency.p99Ms ? a : b));
})();
await Promise.all([sweepDone, readsDone]);
const loadAfter = loadAverage();
const left = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM cases WHERE dispose_after < now()`.execute(db)).rows[0]!.n);
const keysLeft = Number(
  (await sql<{ n: string }>`SELECT count(*) AS n FROM subject_keys WHERE master_key_id = 'bench'`.execute(db)).rows[0]!.n,
);
log(
  `disposed ${disposed} cases in ${sweepSeconds.toFixed(1)} s: ${Math.round(disposed / sweepSeconds)} records/s; ${left} expired left, ${keysLeft} keys left`,
);

const perSec = Math.round(disposed / sweepSeconds);
const duringReads = during as Throughput | null;
const report = `# Retention disposal: PostgreSQL

${machineLine(bench.version, new Date().toISOString(), machine)}
${loadLine(loadBefore, loadAfter, machine.cores)}

${records.toLocaleString('en-US')} cases of record type usps-880/inquiry, resolved in 2020 and long past their rule (2 years
from resolution), each with its own data subject and wrapped key, one message (~0.8 kB of ciphertext) and two
events: ${(records * 6).toLocaleString('en-US')} rows, ${args.scattered ? "every 300th written on the same day (a batch's rows on as many pages as it has rows)" : 'written in the order they were created, as the server writes them'}. \`services.retention.run\` disposes of them in batches of ${batchSize.toLocaleString('en-US')}, ${concurrency} transaction${concurrency === 1 ? '' : 's'} at a time, one
batch each (claim with SKIP LOCKED, delete the cases and with each statement their messages and events, drop stale
blind-index entries, erase the subjects left with nothing: index entries, subject row, key; certificate line and
audit entries), while 4 keep-alive clients read a live case (\`GET /api/cases/:id\`: token, RLS, decryption, audit).

| measure | value |
| --- | --- |
| records disposed | ${disposed.toLocaleString('en-US')} cases (${(disposed * 4).toLocaleString('en-US')} rows with their messages and events), ${keys.toLocaleString('en-US')} subject keys destroyed |
| time | ${sweepSeconds.toFixed(1)} s |
| **records per second** | **${perSec.toLocaleString('en-US')}** (target ≥ 50,000: ${perSec >= 50_000 ? '**met**' : '**missed**'}) |
| expired cases left afterwards | ${left} (keys left: ${keysLeft}) |

| case reads (4 clients) | per s | p50 ms | p99 ms |
| --- | --- | --- | --- |
| quiet server | ${quiet.perSec} | ${latencyCells(quiet)} |
| while the sweep runs (its worst 10 s window) | ${duringReads?.perSec ?? '—'} | ${duringReads ? latencyCells(duringReads) : '— | —'} |

${settingsParagraph(await commitSettings(db))}
`;
await writeReport(
  `retention-disposal-postgres${args.scattered ? '-scattered' : ''}${concurrency === 1 ? '-concurrency-1' : ''}.md`,
  report,
);
await stopSealer();
agent.destroy();
await server.close();
await ctx.close();
await bench.close();
