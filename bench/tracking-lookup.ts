// node bench/tracking-lookup.ts [--pg-url postgres://…] [--per-day 500000] [--queries 2000]
//   [--package-days 90] [--mail-days 30] [--report tracking-lookup-postgres.md]
// Tracking lookups at scale (issue 8): `per-day` events a day for each class — 90 days of
// packages, 30 of letters, as retention keeps them — generated in the database, then lookups by
// article number, by IMb, by delivery point and day, and by Mailer ID and day, through the
// tracking service (principal, row-level security, the piece directory, the audit entry) and as
// the bare SQL a table without any of that would need. p50/p99 warm, then after PostgreSQL is
// restarted (its cache empty; the OS cache is dropped too when the machine allows). Writes
// bench/results/tracking-lookup-postgres.md, with the sizes and B-tree depths that the
// extrapolation to a billion events rests on. Fewer days at a billion's daily volume
// (--per-day 8333325 --package-days 6 --mail-days 4) give partitions of the size a billion
// stored events would have, on a disk that cannot hold the billion.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { staffPrincipal } from '../src/access/index.ts';
import { withPrincipal } from '../src/db/index.ts';
import { formatImpb, lookupTracking, type TrackingQuery } from '../src/modules/tracking/index.ts';
import { openBenchDatabase } from './engines.ts';
import { loadAverage, loadLine, machineLine, ms, writeReport } from './intake-bench.ts';
import { describeMachine } from './machine.ts';
import { summarise } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'per-day': { type: 'string', default: '500000' },
    queries: { type: 'string', default: '2000' },
    'package-days': { type: 'string', default: '90' },
    'mail-days': { type: 'string', default: '30' },
    report: { type: 'string', default: 'tracking-lookup-postgres.md' },
  },
});
const perDay = Number(args['per-day']);
const queries = Number(args.queries);
if (!Number.isInteger(perDay) || perDay < 10_000 || perDay % 15 !== 0)
  throw new Error('--per-day must be a whole multiple of 15, at least 10000');
if (!Number.isInteger(queries) || queries < 100) throw new Error('--queries must be a whole number of at least 100');
const classes = { package: Number(args['package-days']), mail: Number(args['mail-days']) } as const;
if (!Object.values(classes).every((days) => Number.isInteger(days) && days >= 3 && days <= 90))
  throw new Error('--package-days and --mail-days must be whole numbers from 3 to 90');

const log = (msg: string) => console.log(`${new Date().toISOString()} ${msg}`);
const bench = await openBenchDatabase('postgres', args['pg-url']);
const db = bench.database.db;
const machine = await describeMachine();
const loadBefore = loadAverage();
const dayMs = 24 * 60 * 60 * 1000;
const today = new Date(Math.floor(Date.now() / dayMs) * dayMs);
const dayOf = (k: number) => new Date(today.getTime() - k * dayMs).toISOString().slice(0, 10);
// Five scans a package over three days (two, one, two); three a letter over two (two, one).
const piecesPerDay = { package: perDay / 5, mail: perDay / 3 } as const;
const mailers = 1000;
const deliveryPoints = 1_000_000;
const fmt = (n: number) => n.toLocaleString('en-US');

// An IMpb number in SQL, for the generator: MOD 10 with weights 3 and 1 from the right, in
// integer arithmetic written out digit by digit (a string loop per row made generation slow).
// The body is "92001", the 9-digit mailer id (positions 8 to 21 from the right), the serial (1 to 7).
const prefixTerms = Array.from({ length: 14 }, (_, j) => `(v / ${10 ** j} % 10) * ${j % 2 === 1 ? 3 : 1}`).join(' + ');
const serialTerms = Array.from({ length: 7 }, (_, j) => `(sn / ${10 ** j} % 10) * ${j % 2 === 0 ? 3 : 1}`).join(' + ');
await sql
  .raw(
    `CREATE FUNCTION bench_impb(serial bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
       SELECT v::text || lpad(sn::text, 7, '0') || ((10 - (${prefixTerms} + ${serialTerms}) % 10) % 10)::text
       FROM (SELECT 92001000000000 + 912345678 + serial / 10000000 AS v, serial % 10000000 AS sn) x $$`,
  )
  .execute(db);
const article = (serial: number) =>
  formatImpb({
    applicationId: '92',
    serviceType: '001',
    mailerId: String(912345678 + Math.floor(serial / 10_000_000)),
    serial: String(serial % 10_000_000).padStart(7, '0'),
  });
const imb = (serial: number) => `00270${String(100000 + (serial % mailers)).padStart(6, '0')}${String(serial).padStart(9, '0')}`;

async function generateDay(trackingClass: keyof typeof classes, k: number): Promise<void> {
  const day = dayOf(k);
  const name = `tracking_events_${trackingClass}_p${day.replaceAll('-', '')}`;
  const pieces = piecesPerDay[trackingClass];
  const offsets = trackingClass === 'package' ? [0, 0, 1, 2, 2] : [0, 0, 1];
  await sql.raw(`CREATE TABLE ${name} (LIKE tracking_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`).execute(db);
  // Day k holds the scans of pieces that started on k (offset 0), k+1 (offset 1) and k+2 (offset 2).
  await sql`
    INSERT INTO ${sql.table(name)} (class, event_day, event_id, piece, zip11, mailer_id, service_type, event, event_at, facility_zip, source, received_at)
    SELECT ${trackingClass}, ${day}::date, (random() * 9e18)::bigint,
           CASE WHEN ${trackingClass} = 'package' THEN bench_impb(p) ELSE '00270' || (100000 + p % ${mailers})::text || lpad(p::text, 9, '0') END,
           lpad(((p * 7919) % ${deliveryPoints} * 100003 % 100000000000)::text, 11, '0'),
           CASE WHEN ${trackingClass} = 'package' THEN 912345678 + p / 10000000 ELSE 100000 + p % ${mailers} END,
           1, (ARRAY['acceptance','processed','in_transit','out_for_delivery','delivered'])[1 + (p + o) % 5],
           (${day}::date::timestamp AT TIME ZONE 'UTC') + make_interval(secs => (p * 37 + o * 3600) % 86400), '20260', 'processing', now()
    FROM unnest(${offsets}::int[]) o, generate_series(0, ${pieces - 1}) q,
         LATERAL (SELECT (${k} + o)::bigint * ${pieces} + q AS p) s
    WHERE ${k} + o < ${classes[trackingClass]}`.execute(db);
  await sql
    .raw(
      `ALTER TABLE ${name} ADD CHECK (class = '${trackingClass}' AND event_day >= '${day}' AND event_day < '${day}'::date + 1);
       ALTER TABLE tracking_events_${trackingClass} ATTACH PARTITION ${name} FOR VALUES FROM ('${day}') TO ('${day}'::date + 1)`,
    )
    .execute(db);
}

const daysLine = `${classes.package} days of packages, ${classes.mail} of letters`;
log(`generating ${fmt(perDay)} events a day: ${daysLine}`);
const generationStart = performance.now();
for (const trackingClass of ['package', 'mail'] as const) {
  for (let k = 0; k < classes[trackingClass]; k++) {
    await generateDay(trackingClass, k);
    if (k % 10 === 9) log(`${trackingClass}: ${k + 1} days`);
  }
}
log('the piece directory');
await sql`INSERT INTO tracking_pieces (class, piece, first_day, last_day)
  SELECT class, piece, min(event_day), max(event_day) FROM tracking_events GROUP BY class, piece`.execute(db);
await sql`VACUUM ANALYZE tracking_events`.execute(db);
await sql`VACUUM ANALYZE tracking_pieces`.execute(db);
const generationSeconds = (performance.now() - generationStart) / 1000;
const stored = Number((await sql<{ n: string }>`SELECT count(*)::text AS n FROM tracking_events`.execute(db)).rows[0]!.n);
const sizes = await sql<{ heap: string; indexes: string; directory: string }>`
  SELECT sum(pg_table_size(c.oid))::text AS heap, sum(pg_indexes_size(c.oid))::text AS indexes,
         (pg_total_relation_size('tracking_pieces'))::text AS directory
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
  WHERE i.inhparent IN ('tracking_events_mail'::regclass, 'tracking_events_package'::regclass)`.execute(db);
// B-tree depth (root to leaf, in pages) of the directory's key and of one day's indexes of each
// class: the pages a cold lookup may have to read, which is what grows with the stored volume.
await sql`CREATE EXTENSION IF NOT EXISTS pageinspect`.execute(db);
const depths = await sql<{ index: string; depth: number; entries: string }>`
  SELECT i.indexrelid::regclass::text AS index, (bt_metap(i.indexrelid::regclass::text)).level + 1 AS depth,
         c.reltuples::bigint::text AS entries
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam AND a.amname = 'btree'
  WHERE i.indrelid IN ('tracking_pieces'::regclass,
    ${`tracking_events_package_p${dayOf(1).replaceAll('-', '')}`}::regclass,
    ${`tracking_events_mail_p${dayOf(1).replaceAll('-', '')}`}::regclass)
  ORDER BY 1`.execute(db);
const depthRows = depths.rows.map((r) => `| ${r.index} | ${fmt(Number(r.entries))} | ${r.depth} |`).join('\n');
const gib = (bytes: string | number) => (Number(bytes) / 1024 ** 3).toFixed(1);

// What each lookup asks, for a random piece, delivery point or mailer of the stored days.
const random = (n: number) => Math.floor(Math.random() * n);
function sample(kind: TrackingQuery['by']): TrackingQuery {
  switch (kind) {
    case 'article':
      return { by: 'article', number: article(random(classes.package * piecesPerDay.package - 2 * piecesPerDay.package)) };
    case 'imb':
      return { by: 'imb', code: imb(random(classes.mail * piecesPerDay.mail - piecesPerDay.mail)) };
    case 'zip11': {
      const p = random(classes.package * piecesPerDay.package - 2 * piecesPerDay.package);
      return {
        by: 'zip11',
        zip11: String((((p * 7919) % deliveryPoints) * 100003) % 100000000000).padStart(11, '0'),
        day: dayOf(Math.floor(p / piecesPerDay.package)),
      };
    }
    case 'mailer':
      return { by: 'mailer', mailerId: String(100000 + random(mailers)), day: dayOf(random(classes.mail - 2)) };
  }
}
/** The same lookup as bare SQL on the partitioned table: no principal, no directory, no audit. */
async function bare(query: TrackingQuery): Promise<number> {
  const select = db
    .selectFrom('tracking_events')
    .select(['class', 'piece', 'event', 'event_at', 'facility_zip', 'zip11', 'mailer_id', 'source']);
  const rows =
    query.by === 'article'
      ? await select.where('class', '=', 'package').where('piece', '=', query.number).orderBy('event_at').execute()
      : query.by === 'imb'
        ? await select.where('class', '=', 'mail').where('piece', '=', query.code.slice(0, 20)).orderBy('event_at').execute()
        : query.by === 'zip11'
          ? await select.where('zip11', '=', query.zip11).where('event_day', '=', query.day).orderBy('event_at').limit(501).execute()
          : await select
              .where('mailer_id', '=', Number(query.mailerId))
              .where('event_day', '=', query.day)
              .orderBy('event_at')
              .limit(501)
              .execute();
  return rows.length;
}
const agent = staffPrincipal({ id: '00000000-0000-4000-8000-0000000000b1', roles: ['agent'], areas: [], mfaPassed: true });
const ctx = { requestId: null, clientAddr: null, purpose: 'mail tracking' };
async function served(query: TrackingQuery): Promise<number> {
  return (await withPrincipal(db, agent, (trx) => lookupTracking(trx, agent, query, ctx, new Date()))).events.length;
}

interface Timing {
  readonly p50: number;
  readonly p99: number;
  readonly found: number;
  /** Which lookups (0 the first) took longer than the 10 ms target. */
  readonly slow: readonly number[];
}
async function time(kind: TrackingQuery['by'], run: (q: TrackingQuery) => Promise<number>, n: number): Promise<Timing> {
  const samples: number[] = [];
  const slow: number[] = [];
  let found = 0;
  for (let i = 0; i < n; i++) {
    const query = sample(kind);
    const started = performance.now();
    found += await run(query);
    samples.push(performance.now() - started);
    if (samples.at(-1)! > 10) slow.push(i);
  }
  const latency = summarise(samples);
  return { p50: latency.p50Ms, p99: latency.p99Ms, found: found / n, slow };
}

const kinds = ['article', 'imb', 'zip11', 'mailer'] as const;
log('warm: a first pass, then the measured one');
for (const kind of kinds) await time(kind, served, Math.min(500, queries));
const warm = new Map<string, { served: Timing; bare: Timing }>();
for (const kind of kinds) warm.set(kind, { served: await time(kind, served, queries), bare: await time(kind, bare, queries) });

log('cold: PostgreSQL restarted, the OS page cache dropped if allowed');
let osCache = 'kept (dropping it needs privileges this machine does not give)';
const restart = () => {
  const cluster = execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0]!;
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', cluster, 'main', 'restart']);
};
const cold = new Map<string, Timing>();
let coldNote = '';
try {
  for (const kind of kinds) {
    restart();
    try {
      execFileSync('sync');
      await fs.writeFile('/proc/sys/vm/drop_caches', '3');
      osCache = 'dropped before each lookup kind';
    } catch {
      // A container may not write there: the page cache then stays warm, and the report says so.
    }
    // The pool's connections died with the server: the first queries find that out and reconnect.
    for (let attempt = 0; attempt < 20; attempt++) {
      const alive = await sql`SELECT 1`.execute(db).then(
        () => true,
        () => false,
      );
      if (alive) break;
    }
    cold.set(kind, await time(kind, served, queries));
  }
} catch (error) {
  coldNote = `The cold runs could not be made here: ${(error as Error).message.split('\n')[0]}.`;
}
const loadAfter = loadAverage();
await bench.close();

const label = {
  article: 'article number (package)',
  imb: 'IMb (letter)',
  zip11: 'delivery point and day',
  mailer: 'Mailer ID and day',
} as const;
const rows = kinds
  .map((kind) => {
    const w = warm.get(kind)!;
    const c = cold.get(kind);
    return `| ${label[kind]} | ${w.served.found.toFixed(1)} | ${ms(w.bare.p50)} / ${ms(w.bare.p99)} | ${ms(w.served.p50)} / ${ms(w.served.p99)} | ${c ? `${ms(c.p50)} / ${ms(c.p99)}` : '—'} |`;
  })
  .join('\n');
const slowLines = kinds
  .map((kind) => {
    const c = cold.get(kind);
    if (!c) return '';
    const shown = c.slow.slice(0, 12).map((i) => i + 1);
    return `- ${label[kind]}: ${c.slow.length} of ${queries}${shown.length > 0 ? ` (lookups number ${shown.join(', ')}${c.slow.length > shown.length ? ', …' : ''})` : ''}`;
  })
  .join('\n');
const perEvent = (Number(sizes.rows[0]!.heap) + Number(sizes.rows[0]!.indexes)) / stored;
const report = `# Tracking lookups, PostgreSQL

${machineLine(bench.version, new Date().toISOString(), machine)}
${loadLine(loadBefore, loadAfter, machine.cores)}

${fmt(stored)} events (${fmt(perDay)} a day of each class: ${daysLine}, each
day its own partition), generated in ${generationSeconds.toFixed(0)} s: ${gib(sizes.rows[0]!.heap)} GiB of rows,
${gib(sizes.rows[0]!.indexes)} GiB of indexes (${perEvent.toFixed(0)} bytes an event in all), and a piece directory of
${gib(sizes.rows[0]!.directory)} GiB. ${queries} lookups of each kind, for random pieces, delivery points and mailers;
"bare SQL" is the same SELECT on the partitioned table without principal, row-level security,
directory or audit entry. Cold: PostgreSQL restarted before each kind, the OS page cache ${osCache}.
${coldNote}

| lookup | events found | bare SQL p50 / p99 (ms), warm | the service p50 / p99, warm | the service p50 / p99, cold |
| --- | --- | --- | --- | --- |
${rows}

Cold lookups slower than 10 ms, and which they were (1 is the first after the restart):

${slowLines}

B-tree depths (pages from root to leaf) of the piece directory and of the second day's partitions:

| index | entries | depth |
| --- | --- | --- |
${depthRows}
`;
await writeReport(args.report, report);
