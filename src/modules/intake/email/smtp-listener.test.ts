import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { afterEach, describe, expect, it } from 'vitest';
import { composeMail, samplePdf } from './compose-mail.test-support.ts';
import type { IntakeLogger } from './intake-logger.ts';
import { MessageRejected } from './message-rejected.ts';
import { parseInbound } from './parse-inbound.ts';
import { startSmtpListener, type SmtpEnvelope, type SmtpListener, type SmtpListenerOptions } from './smtp-listener.ts';

type Handler = SmtpListenerOptions['onMessage'];

const logLines: unknown[] = [];
const recordingLogger: IntakeLogger = {
  info: (fields, message) => logLines.push({ level: 'info', ...fields, message }),
  warn: (fields, message) => logLines.push({ level: 'warn', ...fields, message }),
  error: (fields, message) => logLines.push({ level: 'error', ...fields, message }),
};

const listeners: SmtpListener[] = [];
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.close()));
  logLines.length = 0;
});

async function listen(onMessage: Handler, options: Partial<SmtpListenerOptions> = {}): Promise<SmtpListener> {
  const listener = await startSmtpListener({
    port: 0,
    acceptedRecipients: ['intake@cases.example.gov', 'faxes.example.gov'],
    maxMessageBytes: 64 * 1024,
    logger: recordingLogger,
    onMessage,
    ...options,
  });
  listeners.push(listener);
  return listener;
}

function send(port: number, mail: Mail.Options, transport: object = {}) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...transport }).sendMail(mail);
}

/** What a rejected nodemailer send reports: the SMTP reply code and line. */
async function refusal(sending: Promise<unknown>): Promise<{ responseCode: number; response: string }> {
  const error = (await sending.then(
    () => null,
    (e: unknown) => e,
  )) as { responseCode: number; response: string } | null;
  if (error === null) throw new Error('expected the send to be refused');
  return { responseCode: error.responseCode, response: error.response };
}

/** A bare SMTP client for what nodemailer hides: reply timing, the DATA phase of oversize mail. */
async function openSession(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffered = '';
  let waiting: (() => void) | null = null;
  socket.on('data', (chunk) => {
    buffered += chunk.toString();
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      if (/^\d{3} /.test(line)) replies.push(line);
    }
    waiting?.();
  });
  const nextReply = async (): Promise<string> => {
    while (replies.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
    return replies.shift()!;
  };
  const command = async (line: string) => {
    socket.write(`${line}\r\n`);
    return nextReply();
  };
  await nextReply();
  return { socket, command, nextReply, pending: () => replies.length };
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const message = (subject: string) => ({
  from: 'ada@example.org',
  to: 'intake@cases.example.gov',
  subject,
  text: 'Hello,\r\n.leading dot\r\n',
});

describe('startSmtpListener', () => {
  it('hands the handler the exact message and envelope, then answers 250', async () => {
    const received: { raw: Buffer; envelope: SmtpEnvelope }[] = [];
    const { port } = await listen(async (raw, envelope) => void received.push({ raw, envelope }));
    const raw = await composeMail(message('exact bytes'));

    const info = await send(port, {
      envelope: { from: 'ada@example.org', to: ['Intake@CASES.example.gov', 'desk@faxes.example.gov'] },
      raw,
    });

    expect(info.response).toMatch(/^250 2\.6\.0/);
    expect(received).toHaveLength(1);
    expect(received[0]!.raw.equals(raw)).toBe(true);
    // nodemailer lowercases the domain; the listener passes addresses on as they arrived.
    expect(received[0]!.envelope).toEqual({
      mailFrom: 'ada@example.org',
      rcptTo: ['Intake@cases.example.gov', 'desk@faxes.example.gov'],
      remoteAddress: '127.0.0.1',
    });
  });

  it('loses nothing when the handler crashes before committing: 451, the sender retries, one message kept', async () => {
    const committed: Buffer[] = [];
    let calls = 0;
    const { port } = await listen(async (raw) => {
      calls++;
      if (calls === 1) throw new Error('database went away between parse and commit');
      committed.push(raw);
    });
    const raw = await composeMail(message('retry me'));

    const failed = await refusal(send(port, { envelope: { from: 'ada@example.org', to: ['intake@cases.example.gov'] }, raw }));
    expect(failed.responseCode).toBe(451);
    expect(failed.response).toBe('451 4.3.0 Temporary failure, please try again later');
    expect(committed).toHaveLength(0);

    await send(port, { envelope: { from: 'ada@example.org', to: ['intake@cases.example.gov'] }, raw });
    expect(committed).toHaveLength(1);
    expect(committed[0]!.equals(raw)).toBe(true);
  });

  it('answers 250 only once the handler has resolved', async () => {
    const commit = deferred();
    const { port } = await listen(() => commit.promise);
    const session = await openSession(port);
    await session.command('EHLO client.example.org');
    expect(await session.command('MAIL FROM:<ada@example.org>')).toMatch(/^250/);
    expect(await session.command('RCPT TO:<intake@cases.example.gov>')).toMatch(/^250/);
    expect(await session.command('DATA')).toMatch(/^354/);
    session.socket.write('Subject: slow commit\r\n\r\nbody\r\n.\r\n');

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(session.pending()).toBe(0);
    commit.resolve();
    expect(await session.nextReply()).toMatch(/^250 2\.6\.0/);
    session.socket.destroy();
  });

  it('refuses for good what the handler rejects, without echoing its reason', async () => {
    const { port } = await listen(async () => {
      throw new MessageRejected('unusable: contains ada@example.org');
    });
    const failed = await refusal(send(port, message('refused')));
    expect(failed.response).toBe('554 5.6.0 Message refused');
  });

  it('refuses unknown recipients with 550 5.1.1', async () => {
    const received: Buffer[] = [];
    const { port } = await listen(async (raw) => void received.push(raw));
    const failed = await refusal(send(port, { ...message('wrong door'), to: 'someone@elsewhere.example.gov' }));
    expect(failed.response).toBe('550 5.1.1 Recipient not accepted here');
    expect(await refusal(send(port, { ...message('subdomain'), to: 'x@sub.faxes.example.gov' }))).toMatchObject({ responseCode: 550 });
    expect(received).toHaveLength(0);
  });

  it('announces its size limit and refuses larger mail with 552 5.3.4, declared or not', async () => {
    const received: Buffer[] = [];
    const { port } = await listen(async (raw) => void received.push(raw), { maxMessageBytes: 2048 });
    const big = { ...message('too big'), text: 'x'.repeat(4096) };

    // nodemailer declares the size (MAIL FROM ... SIZE=n) since the listener announces SIZE.
    const declared = await refusal(send(port, big));
    expect(declared.response).toMatch(/^552 5\.3\.4/);

    const session = await openSession(port);
    expect(await session.command('EHLO client.example.org')).toMatch(/^250/);
    await session.command('MAIL FROM:<ada@example.org>');
    await session.command('RCPT TO:<intake@cases.example.gov>');
    await session.command('DATA');
    session.socket.write(`Subject: undeclared\r\n\r\n${'y'.repeat(4096)}\r\n.\r\n`);
    expect(await session.nextReply()).toMatch(/^552 5\.3\.4/);
    session.socket.destroy();
    expect(received).toHaveLength(0);
  });

  it('limits recipients per message and connections at once', async () => {
    const { port } = await listen(async () => {}, { maxRecipients: 2, maxConnections: 1 });
    const session = await openSession(port);
    await session.command('EHLO client.example.org');
    await session.command('MAIL FROM:<ada@example.org>');
    expect(await session.command('RCPT TO:<a@faxes.example.gov>')).toMatch(/^250/);
    expect(await session.command('RCPT TO:<b@faxes.example.gov>')).toMatch(/^250/);
    expect(await session.command('RCPT TO:<c@faxes.example.gov>')).toMatch(/^452 4\.5\.3/);

    const second = await refusal(send(port, message('crowded')));
    expect(second.responseCode).toBe(421);
    session.socket.destroy();
  });

  it('close() stops taking mail but lets a message being handled finish with 250', async () => {
    const commit = deferred();
    const started = deferred();
    const listener = await listen(async () => {
      started.resolve();
      await commit.promise;
    });
    const sending = send(listener.port, message('in flight'));
    await started.promise;

    let closed = false;
    const closing = listener.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    await expect(send(listener.port, message('too late'))).rejects.toThrow();

    commit.resolve();
    expect((await sending).response).toMatch(/^250/);
    await closing;
    listeners.splice(listeners.indexOf(listener), 1);
  });

  it('offers STARTTLS when given a certificate', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caseline-smtp-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-keyout',
          path.join(dir, 'key.pem'),
          '-out',
          path.join(dir, 'cert.pem'),
        ],
        { stdio: 'ignore' },
      );
      const tls = { key: fs.readFileSync(path.join(dir, 'key.pem')), cert: fs.readFileSync(path.join(dir, 'cert.pem')) };
      const received: Buffer[] = [];
      const { port } = await listen(async (raw) => void received.push(raw), { tls });
      const info = await send(port, message('over tls'), { ignoreTLS: false, requireTLS: true, tls: { rejectUnauthorized: false } });
      expect(info.response).toMatch(/^250/);
      expect(received).toHaveLength(1);

      const plain = await listen(async () => {});
      await expect(send(plain.port, message('no tls here'), { ignoreTLS: false, requireTLS: true })).rejects.toThrow(/STARTTLS/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses what arrives: a reply with a case number, threading headers and a PDF', async () => {
    const parsed: Awaited<ReturnType<typeof parseInbound>>[] = [];
    const { port } = await listen(
      async (raw, envelope) => void parsed.push(await parseInbound(raw, { envelopeSender: envelope.mailFrom })),
    );
    await send(port, {
      ...message('Re: [C-2026-000777] documents'),
      inReplyTo: '<out-1@cases.example.gov>',
      references: '<out-0@cases.example.gov> <out-1@cases.example.gov>',
      attachments: [{ filename: 'proof.pdf', content: samplePdf }],
    });
    expect(parsed[0]).toMatchObject({
      caseNumbers: ['C-2026-000777'],
      inReplyTo: 'out-1@cases.example.gov',
      references: ['out-0@cases.example.gov', 'out-1@cases.example.gov'],
      autoReply: null,
      attachments: [{ filename: 'proof.pdf', contentType: 'application/pdf', size: samplePdf.length }],
    });
  });

  it('flags a bounce sent with the null envelope sender as an auto-reply', async () => {
    const parsed: Awaited<ReturnType<typeof parseInbound>>[] = [];
    const { port } = await listen(
      async (raw, envelope) => void parsed.push(await parseInbound(raw, { envelopeSender: envelope.mailFrom })),
    );
    await send(port, { envelope: { from: '', to: ['intake@cases.example.gov'] }, raw: await composeMail(message('Delivery failure')) });
    expect(parsed[0]!.autoReply).toBe('null-sender');
  });

  it('logs sizes, counts and ids, never addresses or subjects', async () => {
    let calls = 0;
    const { port } = await listen(async () => {
      if (++calls === 1) throw new Error('failure mentioning ada@example.org');
    });
    await refusal(send(port, message('Private subject line')));
    await send(port, message('Private subject line'));
    await refusal(send(port, { ...message('Private subject line'), to: 'stranger@elsewhere.example.gov' }));
    const logged = JSON.stringify(logLines);
    expect(logged).toContain('"bytes"');
    expect(logged).not.toMatch(/@|Private subject|example\.org/);
  });
});
