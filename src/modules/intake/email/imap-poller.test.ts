import fs from 'node:fs';
import { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { composeMail } from './compose-mail.test-support.ts';
import { dovecotBinary, startDovecot, type DovecotServer } from './dovecot-server.test-support.ts';
import { rejectedKeyword, startImapPoller, type ImapPoller, type ImapPollerOptions } from './imap-poller.ts';
import type { IntakeLogger } from './intake-logger.ts';
import { MessageRejected } from './message-rejected.ts';

const dovecotAvailable = fs.existsSync(dovecotBinary);
if (!dovecotAvailable)
  console.warn(`[caseline tests] IMAP poller tests SKIPPED: no Dovecot at ${dovecotBinary} (apt-get install dovecot-imapd)`);

const logLines: unknown[] = [];
const recordingLogger: IntakeLogger = {
  info: (fields, message) => logLines.push({ ...fields, message }),
  warn: (fields, message) => logLines.push({ ...fields, message }),
  error: (fields, message) => logLines.push({ ...fields, message }),
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.skipIf(!dovecotAvailable)('startImapPoller against Dovecot', () => {
  let dovecot: DovecotServer;
  let mailbox: ImapFlow;
  const pollers: ImapPoller[] = [];
  let box = 0;
  let current = '';

  beforeAll(async () => {
    dovecot = await startDovecot();
    mailbox = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      logger: false,
    });
    await mailbox.connect();
  });
  afterAll(async () => {
    await mailbox?.logout();
    await dovecot?.stop();
  });
  afterEach(async () => {
    await Promise.all(pollers.splice(0).map((p) => p.stop()));
    logLines.length = 0;
  });

  // Each test polls its own mailbox, so no test sees another's mail.
  const freshMailbox = async () => {
    current = `Intake${++box}`;
    await mailbox.mailboxCreate(current);
    return current;
  };
  const deliver = async (subject: string, flags: string[] = []) => {
    const raw = await composeMail({ from: 'ada@example.org', to: 'intake@cases.example.gov', subject, text: 'Hello' });
    await mailbox.append(current, raw, flags);
    return raw;
  };
  const unseen = async (path = current) =>
    (await mailbox.status(path, { unseen: true, messages: true })) as { unseen?: number; messages?: number };
  const poll = (onMessage: ImapPollerOptions['onMessage'], options: Partial<ImapPollerOptions> = {}) => {
    const poller = startImapPoller({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.pass },
      mailbox: current,
      intervalMs: 50,
      logger: recordingLogger,
      onMessage,
      ...options,
    });
    pollers.push(poller);
    return poller;
  };

  it('hands over each unseen message exactly as stored, and marks it \\Seen only after the handler resolves', async () => {
    await freshMailbox();
    await deliver('already read', ['\\Seen']);
    const raw = await deliver('new mail');
    const commit = deferred();
    const received: { raw: Buffer; uid: number }[] = [];
    poll(async (message, { uid }) => {
      received.push({ raw: message, uid });
      await commit.promise;
    });

    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]!.raw.equals(raw)).toBe(true);
    expect((await unseen()).unseen).toBe(1);

    commit.resolve();
    await vi.waitFor(async () => expect((await unseen()).unseen).toBe(0));
    expect(received).toHaveLength(1);
  });

  it('leaves a message unseen when the handler fails, and takes it next round: one commit', async () => {
    await freshMailbox();
    await deliver('flaky');
    let calls = 0;
    const committed: Buffer[] = [];
    poll(async (raw) => {
      if (++calls === 1) throw new Error('crash between parse and commit');
      committed.push(raw);
    });

    await vi.waitFor(async () => expect((await unseen()).unseen).toBe(0));
    expect(calls).toBe(2);
    expect(committed).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(committed).toHaveLength(1);
  });

  it('moves taken messages to the processed mailbox', async () => {
    const inbox = await freshMailbox();
    await deliver('one');
    await deliver('two');
    const received: number[] = [];
    poll(async (_raw, { uid }) => void received.push(uid), { processedMailbox: `${inbox}-done` });

    await vi.waitFor(async () => expect((await unseen(`${inbox}-done`)).messages).toBe(2));
    expect((await unseen()).messages).toBe(0);
    expect(received).toEqual([1, 2]);
  });

  it('gives up for good on a message the handler rejects, marking it for an operator', async () => {
    await freshMailbox();
    await deliver('poison');
    let calls = 0;
    poll(async () => {
      calls++;
      throw new MessageRejected('unusable');
    });

    await vi.waitFor(async () => expect((await unseen()).unseen).toBe(0));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(1);
    const lock = await mailbox.getMailboxLock(current);
    try {
      const message = await mailbox.fetchOne('1', { flags: true }, { uid: true });
      expect(message && [...(message.flags ?? [])]).toEqual(expect.arrayContaining(['\\Seen', rejectedKeyword]));
    } finally {
      lock.release();
    }
  });

  it('stop() lets the message in hand finish and polls no more', async () => {
    await freshMailbox();
    await deliver('first');
    const commit = deferred();
    const received: number[] = [];
    const poller = poll(async (_raw, { uid }) => {
      received.push(uid);
      await commit.promise;
    });
    await vi.waitFor(() => expect(received).toHaveLength(1));

    const stopping = poller.stop();
    await deliver('after stop');
    commit.resolve();
    await stopping;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([1]);
    expect((await unseen()).unseen).toBe(1);
  });

  it('logs uids, sizes and counts, never addresses or subjects', async () => {
    await freshMailbox();
    await deliver('Private subject line');
    let calls = 0;
    poll(async () => {
      if (++calls === 1) throw new Error('failure mentioning ada@example.org');
    });
    await vi.waitFor(async () => expect((await unseen()).unseen).toBe(0));
    const logged = JSON.stringify(logLines);
    expect(logged).toContain('"bytes"');
    expect(logged).not.toMatch(/@|Private subject|example\.org/);
  });
});
