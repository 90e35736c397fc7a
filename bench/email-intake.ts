// npm run bench:intake -- [--engine postgres|pglite] [--pg-url postgres://…] [--connections 8]
//   [--seconds 60] [--baseline-seconds 20] [--customers 500]
// E-mails per second end to end: nodemailer (in a worker thread) sends over SMTP to the
// intake as `serve` starts it (startEmailIntake: parse, sender lookup, a case with encrypted
// title and message, audit entries, commit before the 250), with the audit sealer running;
// against plain INSERTs of the same rows on the same engine (issue 5). Writes
// bench/results/intake-email-<engine>.md.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { fileCheckpointSink, loadSigningKey, startSealer, systemPrincipal } from '../src/access/index.ts';
import { loadConfig } from '../src/config.ts';
import { withPrincipal, type EngineKind } from '../src/db/index.ts';
import { createServices } from '../src/services.ts';
import {
  defaultIntakeRecordType,
  defaultSmtpMaxBytes,
  startEmailIntake,
  startSmtpListener,
  type IntakeLogger,
} from '../src/modules/intake/index.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext } from './fixtures.ts';
import {
  closedLoop,
  loadAverage,
  loadLine,
  commitSettings,
  createPlainCaseTables,
  inquiryText,
  insertPlainCase,
  machineLine,
  settingsParagraph,
  throughputRow,
  throughputFromWorker,
  writeReport,
  type Throughput,
} from './intake-bench.ts';
import { engineSettings } from './lookup-report.ts';
import { describeMachine } from './machine.ts';
import { createPlainTable } from './plain-table.ts';
import { timeToDrain, watchBacklog } from './sealer-lag.ts';
import { seedCustomers } from './seed.ts';

interface SendJob {
  readonly port: number;
  readonly connections: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly recipient: string;
  /** Registered customers' addresses: every other e-mail comes from one of them. */
  readonly knownSenders: readonly string[];
}

/** The worker: `connections` SMTP connections, each sending one e-mail after another. */
async function sendMail(job: SendJob): Promise<Throughput> {
  const transports = Array.from({ length: job.connections }, () =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port: job.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 1,
      maxMessages: Number.POSITIVE_INFINITY,
    }),
  );
  try {
    return await closedLoop(job.connections, job.warmupMs, job.durationMs, async (client, n) => {
      const { title, body } = inquiryText(n);
      const from = n % 2 === 0 ? job.knownSenders[(n / 2) % job.knownSenders.length]! : `sender.${n}@example.net`;
      const info = await transports[client]!.sendMail({ from, to: job.recipient, subject: title, text: body });
      if (!info.response.startsWith('250')) throw new Error(`answered ${info.response}`);
    });
  } finally {
    for (const transport of transports) transport.close();
  }
}

const sendFromWorker = (job: SendJob): Promise<Throughput> => throughputFromWorker(new URL(import.meta.url), job, 'mail');

/** Log lines as the server's would cost to build, written nowhere (fields are sizes and ids only). */
const discardLogger: IntakeLogger = {
  info: (fields, message) => void JSON.stringify({ ...fields, message }),
  warn: (fields, message) => void JSON.stringify({ ...fields, message }),
  error: (fields, message) => void JSON.stringify({ ...fields, message }),
};

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      engine: { type: 'string', default: 'postgres' },
      'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      connections: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '60' },
      'baseline-seconds': { type: 'string', default: '20' },
      'warmup-seconds': { type: 'string', default: '3' },
      customers: { type: 'string', default: '500' },
    },
  });
  if (!['pglite', 'postgres'].includes(args.engine)) throw new Error('--engine must be pglite or postgres');
  const engine = args.engine as EngineKind;
  const connections = Number(args.connections);
  const durationMs = Number(args.seconds) * 1000;
  const baselineMs = Number(args['baseline-seconds']) * 1000;
  const warmupMs = Number(args['warmup-seconds']) * 1000;
  const customers = Number(args.customers);
  const log = (line: string) => console.log(`${new Date().toISOString()} [${engine}] ${line}`);
  const recipient = 'help@caseline.example.gov';

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
    await createPlainTable(db);
    await createPlainCaseTables(db);
    log(`${bench.version}: seeding ${customers} customers (every other e-mail comes from one)`);
    const seeded = await seedCustomers(ctx, customers);

    // 1. The intake as `serve` runs it, with the audit sealer as `serve` runs it.
    const signer = await loadSigningKey(ctx.dataDir);
    const sealerErrors: unknown[] = [];
    const stopSealer = startSealer(db, {
      batchSize: 500,
      now: () => new Date(),
      signer,
      checkpointEvery: 1000,
      sinks: [fileCheckpointSink(path.join(ctx.dataDir, 'audit-checkpoints.jsonl'))],
      onError: (error) => sealerErrors.push(error),
    });
    // The services as `serve` wires them: routing, acknowledgements (queued, no relay here), surveys, attachments.
    const services = createServices({
      config: loadConfig({ CASELINE_DATA: ctx.dataDir }),
      vault: ctx.vault,
      keyring: ctx.keyring,
      clock: () => new Date(),
    });
    const intake = await startEmailIntake({
      settings: {
        smtp: { host: '127.0.0.1', port: 0, recipients: [recipient], maxBytes: defaultSmtpMaxBytes },
        imap: null,
        recordType: defaultIntakeRecordType,
        faxGateways: [],
      },
      database: bench.database,
      cases: services.cases,
      finder: services.finder,
      attachments: services.attachments,
      clock: () => new Date(),
      logger: discardLogger,
    });
    const countCases = () =>
      withPrincipal(db, systemPrincipal('bench'), async (trx) =>
        Number((await sql<{ n: string }>`SELECT count(*) AS n FROM cases WHERE channel = 'email'`.execute(trx)).rows[0]!.n),
      );
    log(`SMTP → intake: ${connections} connections, ${durationMs / 1000} s`);
    const watch = watchBacklog(db, 500);
    const job = { port: intake!.smtpPort!, connections, warmupMs, recipient, knownSenders: seeded.emails };
    const measured = await sendFromWorker({ ...job, durationMs });
    const maxUnsealed = await watch.stop();
    await intake!.stop();
    const drainMs = await timeToDrain(db, 60_000);
    await stopSealer();
    const cases = await countCases();
    log(`${measured.perSec} e-mails/s, ${measured.errors} errors, ${cases} cases for ${measured.started} e-mails sent`);
    if (measured.firstError) log(`first error: ${measured.firstError}`);

    // 2. The same SMTP traffic into plain INSERTs (no parsing, lookup, encryption or audit): the protocol's share.
    const plainListener = await startSmtpListener({
      port: 0,
      acceptedRecipients: [recipient],
      maxMessageBytes: defaultSmtpMaxBytes,
      logger: discardLogger,
      onMessage: (raw) =>
        insertPlainCase(db, {
          channel: 'email',
          recordType: defaultIntakeRecordType,
          title: 'x'.repeat(40),
          from: null,
          body: raw.toString('utf8'),
        }),
    });
    log(`SMTP → plain INSERT: ${baselineMs / 1000} s`);
    const smtpPlain = await sendFromWorker({ ...job, port: plainListener.port, durationMs: baselineMs });
    await plainListener.close();

    // 3. Plain INSERTs of the same rows straight from the pool, as many at once as there are connections.
    log(`plain INSERT: ${baselineMs / 1000} s`);
    const plain = await closedLoop(connections, warmupMs, baselineMs, (_client, n) => {
      const { title, body } = inquiryText(n);
      return insertPlainCase(db, {
        channel: 'email',
        recordType: defaultIntakeRecordType,
        title,
        from: n % 2 === 0 ? seeded.emails[(n / 2) % seeded.emails.length]! : `sender.${n}@example.net`,
        body,
      });
    });

    const measuredAt = new Date().toISOString();
    const loadAfter = loadAverage();
    const settings = engine === 'postgres' ? { ...(await engineSettings(db)), ...(await commitSettings(db)) } : {};
    const target = 200;
    const ratio = (baseline: Throughput) => (baseline.perSec / Math.max(1, measured.perSec)).toFixed(1);
    const report = `# E-mail intake throughput: ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}

${machineLine(bench.version, measuredAt, machine)}
${loadLine(loadBefore, loadAfter, machine.cores)}

E-mails are sent by nodemailer from a worker thread over ${connections} SMTP connections held
open (one message in flight on each), each a ~1.5 kB plain-text inquiry, every other one from
the address of one of ${customers} registered customers and the rest from unknown senders. The
intake is the one \`serve\` starts (startEmailIntake): MIME parsing, the sender's lookup by
blind index, a new case with its encrypted title and first message under the sender's data
key, audit entries, and the commit before the 250; the audit sealer runs as in \`serve\`.
Warm-up ${warmupMs / 1000} s, not counted.

| Phase | connections | s | e-mails | e-mails/s | errors | p50 ms | p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- |
${throughputRow('SMTP → intake (cases, encrypted, audited)', measured)}
${throughputRow('SMTP → plain INSERT (no parsing, lookup, encryption or audit)', smtpPlain)}
${throughputRow('plain INSERT: case row + message row, one transaction', plain)}

- **${measured.perSec} e-mails/s** against a target of ≥ ${target} on ${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'}: **${measured.perSec >= target ? 'met' : 'missed'}**${engine === 'postgres' ? '' : ' (the target is for PostgreSQL)'}.
- Plain INSERTs of the same rows run ${ratio(plain)}× as fast (${plain.perSec.toLocaleString('en-US')}/s); the same SMTP traffic into plain INSERTs ${ratio(smtpPlain)}× (${smtpPlain.perSec.toLocaleString('en-US')}/s).
- Cases in the database afterwards: ${cases.toLocaleString('en-US')} for ${measured.started.toLocaleString('en-US')} e-mails sent, warm-up included (${cases === measured.started - measured.errors ? 'one per accepted e-mail' : '**not one per accepted e-mail**'}).
- Audit: at most ${maxUnsealed.toLocaleString('en-US')} entries waited for the sealer during the run; ${drainMs === null ? 'the backlog was **not** sealed within 60 s after it' : `all were sealed ${drainMs} ms after it`}${sealerErrors.length > 0 ? `; ${sealerErrors.length} sealer rounds failed` : ''}.
${settingsParagraph(settings)}`;
    await writeReport(`intake-email-${engine}.md`, report);
  } finally {
    const done = cleanup;
    cleanup = null;
    await done?.();
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await sendMail(workerData as SendJob));
