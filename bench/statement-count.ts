// node bench/statement-count.ts [--engine pglite|postgres] [--pg-url postgres://…] [--verbose]
// SQL statements per operation on the two intake paths of issue 5, counted where every
// statement leaves the process (node-postgres' Client.query, which both engines go
// through): BEGIN, COMMIT and the principal's settings included. Unlike a throughput run
// it is deterministic, so it can be taken on a busy machine. "Waits" counts the round trips:
// on the PostgreSQL server `begin` and no-wait statements leave with the next statement
// (src/db/preparing-client.ts). --verbose lists the statements.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { createStaffAuth, loadSigningKey, systemPrincipal } from '../src/access/index.ts';
import { loadConfig } from '../src/config.ts';
import { createSecretBox } from '../src/crypto/index.ts';
import { noWait, withPrincipal, type EngineKind } from '../src/db/index.ts';
import { buildApp } from '../src/http/app.ts';
import { createEmailIntake } from '../src/modules/intake/index.ts';
import { createServices } from '../src/services.ts';
import { agentCredentials, openCaseScopes } from './agent-token.ts';
import { openBenchDatabase } from './engines.ts';
import { benchContext } from './fixtures.ts';

/** Every statement text sent since the last take(), in order. */
function statementLog() {
  let texts: string[] = [];
  const query = pg.Client.prototype.query;
  // The pool's clients are pg.Client on both engines (PGlite only swaps the connection under it).
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string };
    texts.push(typeof first === 'string' ? first : (first.text ?? '?'));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  return {
    take(): string[] {
      const taken = texts;
      texts = [];
      return taken;
    },
    restore: () => void (pg.Client.prototype.query = query),
  };
}

const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function mailFrom(from: string, n: number): Promise<Buffer> {
  const info = await composer.sendMail({
    from,
    to: 'help@caseline.example.gov',
    subject: `Parcel ${n} missing`,
    text: 'My parcel never arrived. It was sent two weeks ago and the tracking stopped at the regional facility.',
    messageId: `<statement-count-${n}@example.org>`,
  });
  return info.message as Buffer;
}

interface Counted {
  readonly operation: string;
  readonly statements: string[];
}

/** BEGIN 1, SELECT 4, … in order of first appearance. */
function byKind(statements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const text of statements) {
    const kind = text.replace(noWait, '').trim().split(/\s+/, 1)[0]!.toUpperCase();
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return [...counts].map(([kind, n]) => `${kind} ${n}`).join(', ');
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      engine: { type: 'string', default: 'pglite' },
      'pg-url': { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
      verbose: { type: 'boolean', default: false },
    },
  });
  if (!['pglite', 'postgres'].includes(args.engine)) throw new Error('--engine must be pglite or postgres');
  const bench = await openBenchDatabase(args.engine as EngineKind, args['pg-url']);
  const ctx = await benchContext(bench);
  const log = statementLog();
  const results: Counted[] = [];
  try {
    const { database } = bench;
    const config = { ...loadConfig({ CASELINE_DATA: ctx.dataDir, CASELINE_LOG_LEVEL: 'warn' }), signInRateLimit: 1000 };
    const clock = () => new Date();
    const signer = await loadSigningKey(config.dataDir);
    const staffAuth = createStaffAuth({ db: database.db, secrets: createSecretBox(ctx.keyring), clock, idleMinutes: 60 });
    const services = createServices({ config, vault: ctx.vault, keyring: ctx.keyring, clock });
    const app = await buildApp({
      config,
      database,
      staffAuth,
      clock,
      publicKey: signer.publicKey,
      vault: ctx.vault,
      keyring: ctx.keyring,
      services,
    });
    await app.ready();
    const { token, session } = await agentCredentials(app, ctx, openCaseScopes);
    const system = systemPrincipal('bench');
    const known = ctx.nextPerson();
    await withPrincipal(database.db, system, (trx) => ctx.customers.create(trx, system, known.input, ctx.audit, new Date()));
    const intake = createEmailIntake({
      database,
      cases: services.cases,
      finder: services.finder,
      attachments: services.attachments,
      clock,
      recordType: 'usps-880/usps-com-care',
    });

    let n = 0;
    const postCase = async (headers: Record<string, string>) => {
      n += 1;
      const response = await app.inject({
        method: 'POST',
        url: '/api/cases',
        headers,
        payload: {
          sender: { name: `Caller ${n}`, email: `caller.${n}@example.net`, phone: '(202) 555-0142' },
          channel: 'phone',
          recordType: 'usps-880/call-center-contact',
          title: `Parcel ${n} not delivered`,
          body: 'The caller says the parcel was marked delivered but never arrived; asks for a search.',
        },
      });
      if (response.statusCode !== 201) throw new Error(`POST /api/cases answered ${response.statusCode}: ${response.body}`);
    };
    const measure = async (operation: string, work: () => Promise<unknown>) => {
      // Once unmeasured: the first use of a token or session writes its last-use time, later ones within a minute do not.
      await work();
      log.take();
      await work();
      results.push({ operation, statements: log.take() });
    };

    await measure('POST /api/cases, unknown sender, API token', () => postCase({ authorization: `Bearer ${token}` }));
    await measure('POST /api/cases, unknown sender, session cookie', () => postCase(session));
    await measure('e-mail → case, unknown sender', async () => {
      n += 1;
      await intake(await mailFrom(`sender.${n}@example.net`, n));
    });
    await measure('e-mail → case, known customer', async () => {
      n += 1;
      await intake(await mailFrom(known.email, n));
    });
    const agent = ctx.agent;
    await measure('CaseService.open in withPrincipal, unknown sender', () =>
      withPrincipal(database.db, agent, (trx) => {
        n += 1;
        return services.cases.open(
          trx,
          agent,
          {
            sender: { name: `Caller ${n}`, email: `caller.${n}@example.net` },
            channel: 'phone',
            recordType: 'usps-880/call-center-contact',
            title: `Parcel ${n}`,
            body: 'Not delivered.',
          },
          { ...ctx.audit, requestId: randomUUID() },
          new Date(),
        );
      }),
    );
    await measure('withPrincipal with an empty unit of work', () => withPrincipal(database.db, agent, async () => undefined));
    await app.close();
  } finally {
    log.restore();
    await bench.close();
    await ctx.close();
  }

  console.log(`\nSQL statements per operation (${bench.version}), BEGIN and COMMIT included\n`);
  const pipelined = args.engine === 'postgres';
  const waits = (statements: readonly string[]) =>
    pipelined ? statements.filter((text) => text !== 'begin' && !text.startsWith(noWait)).length : statements.length;
  console.log('| Operation | statements | waits | of which |');
  console.log('| --- | --- | --- | --- |');
  for (const r of results) console.log(`| ${r.operation} | ${r.statements.length} | ${waits(r.statements)} | ${byKind(r.statements)} |`);
  if (args.verbose)
    for (const r of results) {
      console.log(`\n${r.operation}:`);
      r.statements.forEach((text, i) => console.log(`  ${String(i + 1).padStart(2)}. ${text.replace(/\s+/g, ' ').slice(0, 160)}`));
    }
}

await main();
