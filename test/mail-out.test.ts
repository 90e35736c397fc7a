import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { staffPrincipal, systemPrincipal } from '../src/access/index.ts';
import { withPrincipal, type Database } from '../src/db/index.ts';
import { createCaseService, type CaseDetail, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerFinder } from '../src/modules/customers/index.ts';
import { createEmailIntake, startSmtpListener, type IntakeLogger, type SmtpListener } from '../src/modules/intake/index.ts';
import { createMailOutbox, createMailSender, type MailLogger, type MailSender } from '../src/modules/mail-out/index.ts';
import { testDatabase } from './support/database.ts';
import { startTestRelay, type TestRelay } from './support/relay.ts';
import { testVault } from './support/vault.ts';

// Outbound e-mail with real protocol peers: replies and acknowledgements go through the outbox
// and nodemailer to an smtp-server relay in this process; answers come back through
// Caseline's own SMTP listener and e-mail intake. The clock is set by hand: retries are due
// when it says so, nothing sleeps.
const from = 'Customer Care <care@caseline.example.gov>';
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'mail-out test' };
const quiet: IntakeLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let cases: CaseService;
let sender: MailSender;
let listener: SmtpListener;
let relay: TestRelay;
let intake: ReturnType<typeof createEmailIntake>;

const clock = { now: new Date('2026-03-02T15:00:00Z') };
const now = () => new Date(clock.now);
const advance = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));

/** What the relay was handed: every attempt, accepted or not, and the reply it gave. */
const attempts: { raw: Buffer; code: number }[] = [];
/** Reply codes for the next messages' DATA, in order; 250 once empty. */
const refusals: number[] = [];
const delivered = () => attempts.filter((a) => a.code === 250);

const logLines: string[] = [];
const recordingLogger: MailLogger = {
  info: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
  warn: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
  error: (fields, message) => logLines.push(JSON.stringify({ ...fields, message })),
};

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  cases = createCaseService(keys.vault, { mailer: createMailOutbox(keys.vault, { from }) });
  intake = createEmailIntake({
    database,
    cases,
    finder: createCustomerFinder(keys.vault),
    clock: now,
    recordType: 'usps-880/usps-com-care',
  });
  listener = await startSmtpListener({
    port: 0,
    acceptedRecipients: ['care@caseline.example.gov'],
    maxMessageBytes: 1024 * 1024,
    logger: quiet,
    onMessage: async (raw, envelope) => {
      await intake(raw, envelope.mailFrom);
    },
  });
  relay = await startTestRelay((raw) => {
    const code = refusals.shift() ?? 250;
    attempts.push({ raw, code });
    if (code !== 250) throw Object.assign(new Error(code < 500 ? 'Try again later' : 'Mailbox unavailable'), { responseCode: code });
  });
  sender = createMailSender({
    database,
    vault: keys.vault,
    cases,
    relay: relay.url,
    from,
    clock: now,
    logger: recordingLogger,
  });
});

afterAll(async () => {
  await sender?.stop();
  await listener?.close();
  await relay?.close();
  await database?.close();
  await keys?.remove();
});

/** A customer writing to Caseline's SMTP listener. */
function customerWrites(mail: Mail.Options) {
  return nodemailer
    .createTransport({ host: '127.0.0.1', port: listener.port, secure: false, ignoreTLS: true })
    .sendMail({ to: 'care@caseline.example.gov', ...mail });
}

const as = <T>(fn: (trx: Parameters<Parameters<typeof withPrincipal<T>>[2]>[0]) => Promise<T>) => withPrincipal(database.db, system, fn);

async function caseDetail(id: string): Promise<CaseDetail> {
  const read = await as((trx) => cases.get(trx, system, id, ctx, now()));
  if (!('case' in read)) throw new Error('case not readable');
  return read.case;
}

async function allCases() {
  return as((trx) => cases.list(trx, system, { limit: 1000 }, ctx, now()));
}

function outboxOf(caseId: string) {
  return as((trx) => trx.selectFrom('mail_outbox').selectAll().where('case_id', '=', caseId).orderBy('created_at').execute());
}

/** A case opened directly (as the web form or an agent would), from an unknown sender who gave an address. */
async function openEmailCase(title: string, email = 'reader@example.org'): Promise<string> {
  const opened = await as((trx) =>
    cases.open(
      trx,
      system,
      { channel: 'email', recordType: 'usps-880/usps-com-care', sender: { name: 'Ada Reader', email }, title, body: 'Where is it?' },
      ctx,
      now(),
    ),
  );
  return opened.case.id;
}

const parse = (raw: Buffer): Promise<ParsedMail> => simpleParser(raw);
const header = (mail: ParsedMail, name: string) => mail.headers.get(name);

describe('outbound e-mail', () => {
  let caseId: string;
  let number: string;
  let replyMessageId: string;

  it('acknowledges a new e-mail case with its number, in reply to the customer’s message', async () => {
    await customerWrites({
      from: '"Ada Reader" <ada.reader@example.org>',
      subject: 'Parcel missing',
      text: 'My parcel 9400 never came.',
      messageId: '<first-1@mail.example.org>',
    });
    const [opened] = await allCases();
    caseId = opened!.id;
    number = opened!.number;
    const queued = await outboxOf(caseId);
    expect(queued).toMatchObject([{ kind: 'acknowledgement', status: 'queued', attempts: 0, case_number: number }]);

    expect(await sender.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const ack = await parse(delivered().at(-1)!.raw);
    expect(ack.subject).toBe(`[${number}] Re: Parcel missing`);
    expect(ack.to).toMatchObject({ value: [{ address: 'ada.reader@example.org' }] });
    expect(ack.from).toMatchObject({ value: [{ address: 'care@caseline.example.gov', name: 'Customer Care' }] });
    expect(ack.text).toContain(number);
    expect(ack.inReplyTo).toBe('<first-1@mail.example.org>');
    expect(header(ack, 'x-caseline-case')).toBe(number);
    expect(header(ack, 'auto-submitted')).toBe('auto-replied');
    expect(ack.messageId).toMatch(/@caseline\.example\.gov>$/);

    const detail = await caseDetail(caseId);
    expect(detail.messages.map((m) => m.kind)).toEqual(['inbound', 'outbound']);
    expect(detail.messages[1]).toMatchObject({ to: ['ada.reader@example.org'], body: ack.text!.trim() });
    // Automatic, so not the agent's first response.
    expect(detail.firstResponseAt).toBeNull();
    // Delivered: the row keeps no copy of the recipients, subject or body.
    expect(await outboxOf(caseId)).toMatchObject([{ status: 'sent', attempts: 1, to_ct: null, subject_ct: null, body_ct: null }]);
  });

  it('sends an agent’s reply with the case number and our headers, threaded after the acknowledgement', async () => {
    const sent = await as((trx) => cases.reply(trx, system, caseId, { to: [], body: 'We found it; it arrives tomorrow.' }, ctx, now()));
    expect(sent.to).toEqual(['ada.reader@example.org']);
    expect(await sender.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [ackRow, replyRow] = await outboxOf(caseId);
    const reply = await parse(delivered().at(-1)!.raw);
    expect(reply.subject).toBe(`[${number}] Re: Parcel missing`);
    expect(reply.text?.trim()).toBe('We found it; it arrives tomorrow.');
    expect(header(reply, 'x-caseline-case')).toBe(number);
    expect(header(reply, 'auto-submitted')).toBeUndefined();
    expect(reply.messageId).toBe(`<${replyRow!.message_id}>`);
    expect(reply.inReplyTo).toBe(`<${ackRow!.message_id}>`);
    expect(reply.references).toEqual(['<first-1@mail.example.org>', `<${ackRow!.message_id}>`]);
    replyMessageId = reply.messageId!;
    const detail = await caseDetail(caseId);
    expect(detail.firstResponseAt).not.toBeNull();
    expect(detail.events.find((e) => e.kind === 'reply')?.detail).toMatchObject({ emailed: true, recipients: 1 });
  });

  it('threads the customer’s answer into the case by In-Reply-To, though its subject lost the number', async () => {
    const before = (await allCases()).length;
    await customerWrites({
      from: 'ada.reader@example.org',
      subject: 'Thanks!',
      text: 'Great, thank you.',
      messageId: '<answer-1@mail.example.org>',
      inReplyTo: replyMessageId,
      references: ['<first-1@mail.example.org>', replyMessageId],
    });
    expect(await allCases()).toHaveLength(before);
    const detail = await caseDetail(caseId);
    expect(detail.messages.map((m) => m.body.trim())).toEqual([
      'My parcel 9400 never came.',
      expect.stringContaining(number),
      'We found it; it arrives tomorrow.',
      'Great, thank you.',
    ]);
    // An answer on an open case is not acknowledged again.
    expect(await outboxOf(caseId)).toHaveLength(2);
  });

  it('threads by References alone too (a client that dropped In-Reply-To)', async () => {
    await customerWrites({
      from: 'ada.reader@example.org',
      subject: 'One more thing',
      text: 'And the second parcel?',
      references: ['<first-1@mail.example.org>', replyMessageId],
    });
    expect((await caseDetail(caseId)).messages.at(-1)?.body.trim()).toBe('And the second parcel?');
  });

  it('never takes its own mail back as a new case (a forwarding loop)', async () => {
    const before = (await allCases()).length;
    const outcome = await intake(delivered().at(-1)!.raw, 'care@caseline.example.gov');
    expect(outcome).toEqual({ kind: 'ignored', reason: 'own-outbound' });
    expect(await allCases()).toHaveLength(before);
  });

  it('queues no acknowledgement for an auto-reply, for mail from our own address, or for a redelivery', async () => {
    const before = (await allCases()).length;
    const rowsBefore = await as((trx) => trx.selectFrom('mail_outbox').select('id').execute());
    await customerWrites({
      from: 'away@example.net',
      subject: 'Out of office',
      text: 'I am away.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await customerWrites({ from: 'news@example.net', subject: 'Newsletter', text: 'News.', headers: { Precedence: 'bulk' } });
    expect(await allCases()).toHaveLength(before);
    await customerWrites({ from: 'care@caseline.example.gov', subject: 'Internal test', text: 'Testing.' });
    expect(await allCases()).toHaveLength(before + 1);
    const redelivered = { from: 'bea@example.net', subject: 'Hello', text: 'Hi.', messageId: '<once@mail.example.net>' };
    await customerWrites(redelivered);
    await customerWrites(redelivered);
    expect(await allCases()).toHaveLength(before + 2);
    const rowsAfter = await as((trx) => trx.selectFrom('mail_outbox').select(['id', 'kind']).execute());
    // Only Bea's first message was acknowledged.
    expect(rowsAfter.length - rowsBefore.length).toBe(1);
    await sender.runOnce();
  });

  it('delivers on the third attempt when the relay answers 451 twice, backing off by the clock', async () => {
    const id = await openEmailCase('Held mail');
    await as((trx) => cases.reply(trx, system, id, { to: ['reader@example.org'], body: 'Your mail is held.' }, ctx, now()));
    const first = attempts.length;
    refusals.push(451, 451);
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await outboxOf(id)).toMatchObject([{ status: 'queued', attempts: 1, last_error: 'smtp-451' }]);
    // Not due again until a minute has passed.
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    advance(1);
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    advance(4);
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    advance(1);
    expect(await sender.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const tries = attempts.slice(first);
    expect(tries.map((t) => t.code)).toEqual([451, 451, 250]);
    // Every attempt is the same message: a copy that got through twice could be recognised.
    const ids = await Promise.all(tries.map(async (t) => (await parse(t.raw)).messageId));
    expect(new Set(ids).size).toBe(1);
    expect(await outboxOf(id)).toMatchObject([{ status: 'sent', attempts: 3, last_error: null, sent_at: clock.now }]);
    expect((await caseDetail(id)).events.filter((e) => e.kind === 'mail_failed')).toEqual([]);
  });

  it('fails a message the relay refuses with 550 at once, with one case event', async () => {
    const id = await openEmailCase('Wrong address', 'nobody@example.org');
    const sent = await as((trx) => cases.reply(trx, system, id, { to: [], body: 'Here is the answer.' }, ctx, now()));
    refusals.push(550);
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await outboxOf(id)).toMatchObject([{ status: 'failed', attempts: 1, last_error: 'smtp-550', to_ct: null, body_ct: null }]);
    advance(24 * 60);
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    const events = (await caseDetail(id)).events.filter((e) => e.kind === 'mail_failed');
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toEqual({ message_id: sent.id, error: 'smtp-550', attempts: 1 });
  });

  it('gives a message up after its last attempt when the relay cannot be reached', async () => {
    const id = await openEmailCase('Relay down');
    await as((trx) => cases.reply(trx, system, id, { to: [], body: 'Answer.' }, ctx, now()));
    // A port nothing listens on: connection refused, a transient failure.
    const closed = new SMTPServer({ logger: false });
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const down = createMailSender({
      database,
      vault: keys.vault,
      cases,
      relay: `smtp://127.0.0.1:${deadPort}`,
      from,
      clock: now,
      logger: recordingLogger,
      maxAttempts: 2,
    });
    try {
      expect(await down.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
      advance(1);
      expect(await down.runOnce()).toEqual({ sent: 0, retried: 0, failed: 1 });
    } finally {
      await down.stop();
    }
    // The connection's error code, never the relay's words.
    expect(await outboxOf(id)).toMatchObject([
      { status: 'failed', attempts: 2, last_error: expect.stringMatching(/^E(SOCKET|CONNECTION)$/) },
    ]);
    expect((await caseDetail(id)).events.filter((e) => e.kind === 'mail_failed')).toHaveLength(1);
  });

  it('sends a message again, with the same Message-ID, when its sender died after claiming it', async () => {
    const id = await openEmailCase('Crashed sender');
    await as((trx) => cases.reply(trx, system, id, { to: [], body: 'Answer.' }, ctx, now()));
    // A sender claimed the row (attempt counted, leased for 10 minutes) and was never heard of again.
    await as((trx) =>
      trx
        .updateTable('mail_outbox')
        .set({ attempts: 1, next_attempt_at: new Date(clock.now.getTime() + 10 * 60_000) })
        .where('case_id', '=', id)
        .execute(),
    );
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    advance(10);
    expect(await sender.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const [row] = await outboxOf(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect((await parse(delivered().at(-1)!.raw)).messageId).toBe(`<${row!.message_id}>`);
  });

  it('sends nothing for a reply whose transaction rolled back', async () => {
    const id = await openEmailCase('Rolled back');
    await expect(
      as(async (trx) => {
        await cases.reply(trx, system, id, { to: [], body: 'Never sent.' }, ctx, now());
        throw new Error('the request failed after the reply');
      }),
    ).rejects.toThrow('the request failed');
    expect(await outboxOf(id)).toEqual([]);
    expect((await caseDetail(id)).messages.map((m) => m.kind)).toEqual(['inbound']);
    expect(await sender.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('records a phone case’s reply without e-mailing it, and refuses a non-address on an e-mail case', async () => {
    const phone = await as((trx) =>
      cases.open(
        trx,
        system,
        { channel: 'phone', recordType: 'usps-880/call-center-contact', sender: { name: 'Caller' }, title: 'Call', body: 'Called.' },
        ctx,
        now(),
      ),
    );
    await as((trx) => cases.reply(trx, system, phone.case.id, { to: [], body: 'Told the caller.' }, ctx, now()));
    expect(await outboxOf(phone.case.id)).toEqual([]);
    const id = await openEmailCase('Bad recipient');
    const refused = await as((trx) =>
      cases.reply(trx, system, id, { to: ['reader@example.org', 'not an address'], body: 'x' }, ctx, now()),
    ).then(
      () => null,
      (error: unknown) => error as { field?: string },
    );
    expect(refused?.field).toBe('to/1');
    expect(await outboxOf(id)).toEqual([]);
  });

  it('starts with the server and stops cleanly', async () => {
    const id = await openEmailCase('Polling');
    await as((trx) => cases.reply(trx, system, id, { to: [], body: 'Sent by the poller.' }, ctx, now()));
    const polling = createMailSender({
      database,
      vault: keys.vault,
      cases,
      relay: relay.url,
      from,
      clock: now,
      logger: recordingLogger,
      pollMs: 20,
    });
    const before = delivered().length;
    polling.start();
    // Wait for the poller's round (real time, bounded): the row turns sent.
    for (let i = 0; i < 200 && (await outboxOf(id))[0]?.status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 25));
    await polling.stop();
    expect((await outboxOf(id))[0]?.status).toBe('sent');
    expect(delivered().length).toBe(before + 1);
  });

  it('sends each message once when two senders run at the same time (rows claimed with SKIP LOCKED)', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => openEmailCase(`Concurrent ${n}`)));
    for (const id of ids) await as((trx) => cases.reply(trx, system, id, { to: [], body: 'Answer.' }, ctx, now()));
    const second = createMailSender({
      database,
      vault: keys.vault,
      cases,
      relay: relay.url,
      from,
      clock: now,
      logger: recordingLogger,
    });
    const before = delivered().length;
    try {
      const rounds = await Promise.all([sender.runOnce(), second.runOnce()]);
      expect(rounds[0]!.sent + rounds[1]!.sent).toBe(6);
    } finally {
      await second.stop();
    }
    const messageIds = await Promise.all(
      delivered()
        .slice(before)
        .map(async (a) => (await parse(a.raw)).messageId),
    );
    expect(new Set(messageIds).size).toBe(6);
    expect(messageIds).toHaveLength(6);
  });

  it('shows a business area’s outbox only to that area’s staff (row-level security)', async () => {
    const opened = await as((trx) =>
      cases.open(
        trx,
        system,
        {
          channel: 'email',
          recordType: 'usps-880/usps-com-care',
          businessArea: 'north',
          sender: { email: 'north@example.org' },
          title: 'Area case',
          body: 'Hello.',
        },
        ctx,
        now(),
      ),
    );
    await as((trx) => cases.reply(trx, system, opened.case.id, { to: [], body: 'Answer.' }, ctx, now()));
    const rowsFor = (areas: string[]) =>
      withPrincipal(database.db, staffPrincipal({ id: randomUUID(), roles: ['agent'], areas, mfaPassed: true }), (trx) =>
        trx.selectFrom('mail_outbox').select('id').where('case_id', '=', opened.case.id).execute(),
      );
    expect(await rowsFor(['north'])).toHaveLength(1);
    expect(await rowsFor(['south'])).toHaveLength(0);
    await sender.runOnce();
  });

  it('writes nothing personal to its log', () => {
    expect(logLines.length).toBeGreaterThan(5);
    const log = logLines.join('\n');
    for (const personal of ['example.org', 'example.net', 'Ada', 'Parcel', 'parcel', 'arrives tomorrow', 'Held mail', 'held']) {
      expect(log).not.toContain(personal);
    }
    expect(logLines.map((line) => Object.keys(JSON.parse(line) as object).sort())).toContainEqual(
      ['attempt', 'case_id', 'kind', 'message', 'outbox_id'].sort(),
    );
  });
});
