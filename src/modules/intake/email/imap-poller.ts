import { ImapFlow } from 'imapflow';
import type { IntakeLogger } from './intake-logger.ts';
import { MessageRejected } from './message-rejected.ts';

export interface ImapPollerOptions {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (IMAPS, usually port 993); otherwise STARTTLS when offered. */
  readonly secure: boolean;
  readonly auth: { readonly user: string; readonly pass: string };
  /** Defaults to INBOX. */
  readonly mailbox?: string;
  /** Taken messages are moved here (created when missing); without it they stay, marked \Seen. */
  readonly processedMailbox?: string;
  /** Pause between the end of one round and the start of the next. */
  readonly intervalMs: number;
  /** At most this many messages per round, so that stop() never waits long. Defaults to 50. */
  readonly maxPerRound?: number;
  readonly logger: IntakeLogger;
  /**
   * Takes one message for good (stores it). It is marked \Seen only once this resolves; if it
   * throws, the message stays unseen and is offered again next round. Throw MessageRejected to
   * give up on a message for good: it is then marked \Seen and `$CaselineRejected`.
   */
  readonly onMessage: (raw: Buffer, meta: { readonly uid: number }) => Promise<void>;
}

export interface ImapPoller {
  /** Ends polling after the message in hand, then logs out. */
  stop(): Promise<void>;
}

/** The keyword on messages the handler refused for good, for an operator to look at. */
export const rejectedKeyword = '$CaselineRejected';

type Outcome = 'taken' | 'rejected' | 'failed' | 'gone';

/**
 * Polls one IMAP mailbox for UNSEEN messages (each round a fresh SEARCH, so nothing depends on
 * remembered UIDs). Delivery to the handler is at least once: a crash between the handler's
 * commit and the \Seen flag offers the message again, so the handler dedupes by Message-ID.
 */
export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  const { logger, onMessage } = options;
  const mailbox = options.mailbox ?? 'INBOX';
  const maxPerRound = options.maxPerRound ?? 50;
  let client: ImapFlow | null = null;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<void> = Promise.resolve();

  const connected = async (): Promise<ImapFlow> => {
    if (client?.usable) return client;
    const fresh = new ImapFlow({ host: options.host, port: options.port, secure: options.secure, auth: options.auth, logger: false });
    // Without a listener a dropped connection would crash the process; the next round reconnects.
    fresh.on('error', (error: Error & { code?: string }) => logger.warn({ error: error.code ?? error.name }, 'imap connection error'));
    await fresh.connect();
    if (options.processedMailbox) await fresh.mailboxCreate(options.processedMailbox).catch(() => undefined);
    client = fresh;
    return fresh;
  };

  const take = async (imap: ImapFlow, uid: number): Promise<Outcome> => {
    const message = await imap.fetchOne(String(uid), { source: true }, { uid: true });
    if (!message || !message.source) return 'gone';
    try {
      await onMessage(message.source, { uid });
    } catch (error) {
      const name = error instanceof Error ? error.name : 'unknown';
      if (error instanceof MessageRejected) {
        await imap.messageFlagsAdd(String(uid), ['\\Seen', rejectedKeyword], { uid: true });
        logger.warn({ uid, bytes: message.source.length, error: name }, 'imap message refused by handler');
        return 'rejected';
      }
      logger.error({ uid, bytes: message.source.length, error: name }, 'imap message handler failed; left unseen for the next round');
      return 'failed';
    }
    await imap.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
    if (options.processedMailbox) await imap.messageMove(String(uid), options.processedMailbox, { uid: true });
    logger.info({ uid, bytes: message.source.length }, 'imap message taken');
    return 'taken';
  };

  const pollOnce = async (): Promise<void> => {
    try {
      const imap = await connected();
      const lock = await imap.getMailboxLock(mailbox);
      try {
        const unseen = (await imap.search({ seen: false }, { uid: true })) || [];
        const outcomes: Outcome[] = [];
        for (const uid of unseen.slice(0, maxPerRound)) {
          if (stopping) break;
          outcomes.push(await take(imap, uid));
        }
        const count = (outcome: Outcome) => outcomes.filter((o) => o === outcome).length;
        if (unseen.length > 0)
          logger.info(
            { unseen: unseen.length, taken: count('taken'), rejected: count('rejected'), failed: count('failed') },
            'imap round done',
          );
      } finally {
        lock.release();
      }
    } catch (error) {
      logger.warn(
        { error: (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'unknown') },
        'imap round failed; retrying next round',
      );
      client?.close();
      client = null;
    }
  };

  const schedule = () => {
    if (stopping) return;
    timer = setTimeout(() => {
      round = pollOnce().then(schedule);
    }, options.intervalMs);
  };
  round = pollOnce().then(schedule);

  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await round;
      await client?.logout().catch(() => client?.close());
      client = null;
    },
  };
}
