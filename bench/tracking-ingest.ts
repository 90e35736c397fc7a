// node bench/tracking-ingest.ts [--pg-url postgres://…] [--events 1000000] [--loads 3]
// Loading tracking events from feeds (issue 8): NDJSON feeds of `events` scans (packages with
// IMpb numbers, some with their routing prefix, and letters with IMbs, over the last week) loaded
// through POST /api/tracking/events as an integration's API token sends them — every record
// parsed and validated, staged by COPY, stored once each — against a raw COPY of the very rows
// it stores into the same partitioned, indexed table. Then the same feed replayed (all
// duplicates), and `loads` loads back to back onto a growing table. PostgreSQL only (PGlite has
// no COPY through its adapter). Writes bench/results/tracking-ingest-postgres.md.
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createStaffUser, systemPrincipal } from '../src/access/index.ts';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { withPrincipal } from '../src/db/index.ts';
import { formatImpb, isEventRejection, stageLine, toTrackingEvent } from '../src/modules/tracking/index.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext } from './fixtures.ts';
import { commitSettings, loadAverage, loadLine, machineLine, settingsParagraph, writeReport } from './intake-bench.ts';
import { describeMachine } from './machine.ts';
import { startBenchServer } from './server.ts';

const { values: args } = parseArgs({
  options: {
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    events: { type: 'string', default: '1000000' },
    loads: { type: 'string', default: '3' },
  },
});
const events = Number(args.events);
const loads = Number(args.loads);
if (!Number.isInteger(events) || events < 10_000) throw new Error('--events must be a whole number of at least 10000');
if (!Number.isInteger(loads) || loads < 1 || loads > 20) throw new Error('--loads must be a whole number from 1 to 20');

const log = (msg: string) => console.log(`${new Date().toISOString()} ${msg}`);
const bench = await openBenchDatabase('postgres', args['pg-url']);
const ctx = await benchContext(bench);
const db = bench.database.db;
const machine = await describeMachine();
const loadBefore = loadAverage();
const now = new Date();
const dayMs = 24 * 60 * 60 * 1000;
const kinds = ['acceptance', 'processed', 'in_transit', 'out_for_delivery', 'delivered'] as const;
const facilities = ['20260', '20066', '10001', '60601', '94103', '73301', '30301', '98101'];

/**
 * Feed `seed`'s scans as NDJSON, in chunks of 10,000 lines: five scans a package, three a letter,
 * over its own hour of the last six days, in time order as scanners send them (feed 1 the
 * earliest hour).
 */
function feed(seed: number): string[] {
  const start = now.getTime() - 6 * dayMs + seed * 3_600_000;
  const chunks: string[] = [];
  let lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const piece = Math.floor(i / 5);
    const at = new Date(start + Math.floor((i / events) * 3_600_000));
    const facilityZip = facilities[(piece + i) % facilities.length]!;
    const record =
      piece % 5 === 4
        ? { imb: `00270123456${String(seed * 100_000_000 + piece).padStart(9, '0')}20260000475`, event: kinds[[1, 3, 4][i % 3]!] }
        : {
            article: `${piece % 3 === 0 ? '42020260' : ''}${formatImpb({
              applicationId: '92',
              serviceType: '001',
              mailerId: '912345678',
              serial: String(seed * 1_000_000 + piece)
                .padStart(7, '0')
                .slice(-7),
            })}`,
            event: kinds[i % 5],
          };
    lines.push(JSON.stringify({ ...record, at: at.toISOString(), facilityZip, source: i % 5 === 0 ? 'retail' : 'processing' }));
    if (lines.length === 10_000) {
      chunks.push(lines.join('\n') + '\n');
      lines = [];
    }
  }
  if (lines.length > 0) chunks.push(lines.join('\n') + '\n');
  return chunks;
}

/** The rows a feed stores, as COPY lines, for the baseline: validated once, not timed. */
function baselineLines(chunks: readonly string[]): { lines: string[]; days: Set<string> } {
  const lines: string[] = [];
  const days = new Set<string>();
  const receivedAt = now.toISOString();
  for (const chunk of chunks) {
    let batch = '';
    for (const line of chunk.split('\n')) {
      if (line === '') continue;
      const event = toTrackingEvent(JSON.parse(line), now);
      if (isEventRejection(event)) throw new Error(`the generated feed has an invalid record: ${JSON.stringify(event)}`);
      days.add(`${event.class}|${event.day}`);
      batch += stageLine(event, receivedAt);
    }
    lines.push(batch);
  }
  return { lines, days };
}

async function emptyTable(): Promise<void> {
  await sql`TRUNCATE tracking_events`.execute(db);
  await sql`CHECKPOINT`.execute(db);
}

/** The baseline: the same rows COPYed straight into tracking_events, no parsing, no staging, no duplicate check. */
async function rawCopy(lines: readonly string[], days: Set<string>): Promise<number> {
  const system = systemPrincipal('bench');
  await withPrincipal(db, system, async (trx) => {
    for (const key of days) {
      const [trackingClass, day] = key.split('|');
      await sql`SELECT caseline.tracking_partition(${trackingClass}, ${day}::date, ${now.toISOString().slice(0, 10)}::date)`.execute(trx);
    }
  });
  // As the tables' owner: PostgreSQL refuses COPY into a table under row-level security.
  const { client } = await bench.database.connectBulk();
  const started = performance.now();
  try {
    await pipeline(
      Readable.from(lines),
      client.query(
        copyFrom(
          'COPY tracking_events (class, event_day, event_id, piece, zip11, mailer_id, service_type, event, event_at, facility_zip, source, received_at) FROM STDIN',
        ),
      ),
    );
  } finally {
    client.release();
  }
  return performance.now() - started;
}

log('starting the server and an integration account (administrator, token scoped to tracking.ingest)');
const server = await startBenchServer(ctx);
const username = 'bench-feed';
const password = 'bench feed pass phrase, long enough';
await withPrincipal(db, systemPrincipal('bench'), (trx) =>
  createStaffUser(
    trx,
    systemPrincipal('bench'),
    { username, displayName: 'Benchmark feed', password, roles: ['administrator'], businessAreas: [], mustChangePassword: false },
    ctx.audit,
    new Date(),
  ),
);
const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const session = {
  cookie: `caseline_session=${login.cookies.find((c) => c.name === 'caseline_session')!.value}`,
  'x-csrf-token': String(login.json().csrfToken),
};
const tokenAnswer = await server.app.inject({
  method: 'POST',
  url: '/api/tokens',
  headers: session,
  payload: { name: 'feed', scopes: ['tracking.ingest'], expiresInDays: 1 },
});
const token = String(tokenAnswer.json().token);

interface Load {
  readonly ms: number;
  readonly summary: { received: number; stored: number; duplicates: number; rejected: number };
}
async function post(chunks: readonly string[]): Promise<Load> {
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${server.port}/api/tracking/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
    body: Readable.toWeb(Readable.from(chunks)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const body = await response.json();
  if (response.status !== 200) throw new Error(`the feed answered ${response.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, summary: body };
}

const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);
const fmt = (n: number) => n.toLocaleString('en-US');

log(`generating a feed of ${fmt(events)} events`);
const first = feed(1);
const baseline = baselineLines(first);

// Alternated, each on an empty table: the raw COPY, then the feed, twice.
const pairs: { raw: number; ours: Load }[] = [];
for (let round = 0; round < 2; round++) {
  await emptyTable();
  log(`round ${round + 1}: raw COPY`);
  const raw = await rawCopy(baseline.lines, baseline.days);
  await emptyTable();
  log(`round ${round + 1}: POST /api/tracking/events`);
  const ours = await post(first);
  if (ours.summary.stored !== events) throw new Error(`stored ${ours.summary.stored} of ${events}`);
  pairs.push({ raw, ours });
}
log('replaying the feed (every event a duplicate)');
const replay = await post(first);

log(`${loads} loads back to back onto a growing table: raw COPY, then the feed`);
const later = Array.from({ length: loads }, (_, n) => feed(n + 2));
const laterBaseline = later.map((chunks) => baselineLines(chunks));
await emptyTable();
const sustainedRaw: number[] = [];
for (const b of laterBaseline) sustainedRaw.push(await rawCopy(b.lines, b.days));
await emptyTable();
const sustained: Load[] = [];
for (const chunks of later) sustained.push(await post(chunks));
const stored = await withPrincipal(db, systemPrincipal('bench'), (trx) =>
  sql<{ n: number }>`SELECT count(*)::int AS n FROM tracking_events`.execute(trx),
);
const size = await sql<{ bytes: string }>`
  SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_inherits i
  JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent IN ('tracking_events_mail'::regclass, 'tracking_events_package'::regclass)`.execute(db);
const settings = await commitSettings(db);
const loadAfter = loadAverage();
await server.close();
await bench.close();

const best = (xs: number[]) => Math.min(...xs);
const rawBest = best(pairs.map((p) => p.raw));
const oursBest = best(pairs.map((p) => p.ours.ms));
const sustainedEvents = sustained.reduce((sum, l) => sum + l.summary.stored, 0);
const sustainedMs = sustained.reduce((sum, l) => sum + l.ms, 0);
const sustainedRawMs = sustainedRaw.reduce((sum, ms) => sum + ms, 0);
const gib = (Number(size.rows[0]!.bytes) / 1024 ** 3).toFixed(2);

const report = `# Tracking event ingestion, PostgreSQL

${machineLine(bench.version, new Date().toISOString(), machine)}
${loadLine(loadBefore, loadAfter, machine.cores)}
${settingsParagraph(settings)}
A feed of ${fmt(events)} scans (packages with IMpb numbers, a third with the \`420\`+ZIP prefix, five
scans each; letters with IMbs, three scans each; an hour of scans in time order, as scanners send them), sent as NDJSON
to \`POST /api/tracking/events\` with an API token over HTTP on this machine: parsed, validated
(check digits, IMb fields, event, source, time within retention), staged by COPY and stored once
each in one transaction. The baseline COPYs the very rows it stores (already converted) straight
into the same partitioned table with the same four indexes. Each run on an empty table,
alternated; best of two.

| load | time | events/s | ratio to raw COPY |
| --- | --- | --- | --- |
| raw COPY of the stored rows (baseline) | ${(rawBest / 1000).toFixed(1)} s | **${fmt(perSecond(events, rawBest))}** | 1.00 |
| the feed through the API | ${(oursBest / 1000).toFixed(1)} s | **${fmt(perSecond(events, oursBest))}** | ${(rawBest / oursBest).toFixed(2)} |
| the same feed again (${fmt(replay.summary.duplicates)} duplicates, ${replay.summary.stored} stored) | ${(replay.ms / 1000).toFixed(1)} s | ${fmt(perSecond(events, replay.ms))} | ${(rawBest / replay.ms).toFixed(2)} |
| ${loads} raw COPYs back to back onto a growing table (baseline) | ${(sustainedRawMs / 1000).toFixed(1)} s | ${fmt(perSecond(sustainedEvents, sustainedRawMs))} | 1.00 |
| ${loads} feeds back to back onto a growing table (to ${fmt(stored.rows[0]!.n)} events) | ${(sustainedMs / 1000).toFixed(1)} s | **${fmt(perSecond(sustainedEvents, sustainedMs))}** | ${(sustainedRawMs / sustainedMs).toFixed(2)} |

Rounds: ${pairs.map((p, i) => `${i + 1}: raw ${(p.raw / 1000).toFixed(1)} s, feed ${(p.ours.ms / 1000).toFixed(1)} s`).join('; ')}. Back to back, raw: ${sustainedRaw.map((ms) => `${fmt(perSecond(events, ms))}/s`).join(', ')}; feeds: ${sustained
  .map((l) => `${fmt(perSecond(l.summary.stored, l.ms))}/s`)
  .join(', ')}.
Stored: ${gib} GiB for ${fmt(stored.rows[0]!.n)} events with their indexes.
`;
await writeReport('tracking-ingest-postgres.md', report);
