import nodemailer from 'nodemailer';
import { appendAudit, systemPrincipal } from '../../access/index.ts';
import type { Vault } from '../../crypto/index.ts';
import { withPrincipal, type Database, type Tx } from '../../db/index.ts';
import type { CaseService } from '../cases/index.ts';
import { outboundMarkerHeader, type IntakeLogger } from '../intake/index.ts';
import type { Threading } from './mail-outbox.ts';
import { defaultMaxAttempts, nextAttemptAt, sendFailureOf } from './retry-policy.ts';
import { markClaimed, markOutcome, selectDue, type OutboxRow } from './outbox-repository.ts';

/**
 * The slice of a pino logger the sender uses. Fields carry ids, counts and codes only:
 * addresses, subjects and bodies are personal data and never logged.
 */
export type MailLogger = IntakeLogger;

export interface MailSenderOptions {
  readonly database: Database;
  readonly vault: Vault;
  /** Records a message that failed for good in its case's history. */
  readonly cases: Pick<CaseService, 'recordMailFailure'>;
  /** The relay, as CASELINE_SMTP_RELAY gives it: smtp://host:port (smtps:// for implicit TLS); may carry credentials. */
  readonly relay: string;
  /** The From of every message (CASELINE_MAIL_FROM). */
  readonly from: string;
  readonly clock: () => Date;
  readonly logger: MailLogger;
  /** Attempts before a message is given up (default 8: the last about two days after the first). */
  readonly maxAttempts?: number;
  /** How often start() looks for due messages (default 5 s). */
  readonly pollMs?: number;
  /** How long a claimed message is held before another sender may try it (default 10 min, well above the SMTP timeouts). */
  readonly leaseMs?: number;
}

export interface SendRound {
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
}

export interface MailSender {
  /** Sends every message due by the clock, one at a time, and resolves when none is left. */
  runOnce(): Promise<SendRound>;
  /** Polls for due messages until stop(). */
  start(): void;
  /** Stops polling, lets the message being sent finish, closes the transport. */
  stop(): Promise<void>;
}

interface Claimed {
  readonly row: OutboxRow;
  readonly attempts: number;
  readonly to: string[];
  readonly subject: string;
  readonly body: string;
  readonly threading: Threading;
}

type Delivery =
  { readonly ok: true; readonly rejected: number } | { readonly ok: false; readonly code: string; readonly permanent: boolean };

const principal = systemPrincipal('mail-out');
const purpose = 'customer service: send correspondence about an inquiry by e-mail (880.000)';
const location = (column: string, rowId: string) => ({ table: 'mail_outbox', column, rowId });
// A safety stop for one round: far more than a relay takes in one poll interval.
const maxPerRound = 1000;

/**
 * The outbox's sender. Each message is claimed in a short transaction (attempt counted, row
 * leased), sent with no transaction open, and its outcome written in a second one. Delivery is
 * at least once: a crash between the relay's 250 and the second transaction sends the message
 * again when its lease runs out, with the same Message-ID, so the recipient can drop the copy.
 */
export function createMailSender(options: MailSenderOptions): MailSender {
  const { database, vault, cases, clock, logger } = options;
  const maxAttempts = options.maxAttempts ?? defaultMaxAttempts;
  const leaseMs = options.leaseMs ?? 10 * 60_000;
  const pollMs = options.pollMs ?? 5_000;
  const transport = nodemailer.createTransport({
    url: options.relay,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  const open = async (trx: Tx, row: OutboxRow, column: 'to_ct' | 'subject_ct' | 'body_ct' | 'threading_ct') => {
    const value = row[column];
    return value === null ? null : (await vault.decryptFor(trx, row.subject_id, location(column, row.id), value)).toString('utf8');
  };

  /** The next due message, claimed; null when none is due. A message that cannot be read is failed on the spot. */
  async function claim(): Promise<Claimed | 'skipped' | null> {
    return withPrincipal(database.db, principal, async (trx) => {
      const now = clock();
      const row = await selectDue(trx, now);
      if (!row) return null;
      const attempts = row.attempts + 1;
      await markClaimed(trx, row.id, attempts, new Date(now.getTime() + leaseMs));
      let claimed: Claimed;
      try {
        const [to, subject, body, threading] = await Promise.all([
          open(trx, row, 'to_ct'),
          open(trx, row, 'subject_ct'),
          open(trx, row, 'body_ct'),
          open(trx, row, 'threading_ct'),
        ]);
        if (to === null || subject === null || body === null) throw new Error('outbox row without its message');
        claimed = {
          row,
          attempts,
          to: JSON.parse(to) as string[],
          subject,
          body,
          threading: threading === null ? { inReplyTo: null, references: [] } : (JSON.parse(threading) as Threading),
        };
      } catch (error) {
        // An erased subject's key is gone: the message can never be sent (and must not be).
        await finish(trx, row, attempts, { ok: false, code: 'unreadable', permanent: true }, now);
        logger.warn({ outbox_id: row.id, case_id: row.case_id, error: (error as Error).name }, 'outbound e-mail unreadable, dropped');
        return 'skipped';
      }
      await appendAudit(trx, {
        at: now,
        actor: principal,
        action: 'read',
        recordType: null,
        recordId: row.id,
        subjects: [row.subject_id],
        purpose,
        outcome: 'ok',
        detail: { case_id: row.case_id, mail: row.kind, attempt: attempts },
      });
      return claimed;
    });
  }

  async function deliver(message: Claimed): Promise<Delivery> {
    const { row, threading } = message;
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.body,
        messageId: `<${row.message_id}>`,
        ...(threading.inReplyTo ? { inReplyTo: `<${threading.inReplyTo}>` } : {}),
        ...(threading.references.length > 0 ? { references: threading.references.map((id) => `<${id}>`) } : {}),
        headers: {
          [outboundMarkerHeader]: row.case_number,
          // RFC 3834: an automatic answer says so, and asks other robots not to answer it.
          ...(row.kind === 'acknowledgement' ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' } : {}),
        },
      });
      // nodemailer resolves only once the relay answered the message's data with 2yz.
      return { ok: true, rejected: Array.isArray(info.rejected) ? info.rejected.length : 0 };
    } catch (error) {
      const failure = sendFailureOf(error);
      return { ok: false, ...failure };
    }
  }

  async function finish(
    trx: Tx,
    row: OutboxRow,
    attempts: number,
    delivery: Delivery,
    now: Date,
  ): Promise<'sent' | 'retried' | 'failed' | 'stale'> {
    if (delivery.ok) {
      const note = delivery.rejected > 0 ? `rejected-${delivery.rejected}` : null;
      return (await markOutcome(trx, row.id, attempts, { status: 'sent', at: now, note })) ? 'sent' : 'stale';
    }
    const retryAt = nextAttemptAt(attempts, delivery, now, maxAttempts);
    if (retryAt !== null)
      return (await markOutcome(trx, row.id, attempts, { status: 'queued', retryAt, error: delivery.code })) ? 'retried' : 'stale';
    if (!(await markOutcome(trx, row.id, attempts, { status: 'failed', error: delivery.code }))) return 'stale';
    await cases.recordMailFailure(trx, principal, row.case_id, { caseMessageId: row.case_message_id, error: delivery.code, attempts }, now);
    return 'failed';
  }

  async function runOnce(): Promise<SendRound> {
    const round = { sent: 0, retried: 0, failed: 0 };
    for (let i = 0; i < maxPerRound && !stopping; i++) {
      const message = await claim();
      if (message === null) break;
      if (message === 'skipped') {
        round.failed++;
        continue;
      }
      const delivery = await deliver(message);
      const outcome = await withPrincipal(database.db, principal, (trx) => finish(trx, message.row, message.attempts, delivery, clock()));
      const fields = { outbox_id: message.row.id, case_id: message.row.case_id, kind: message.row.kind, attempt: message.attempts };
      if (outcome === 'sent') {
        round.sent++;
        logger.info(
          { ...fields, ...(delivery.ok && delivery.rejected > 0 ? { rejected: delivery.rejected } : {}) },
          'outbound e-mail sent',
        );
      } else if (outcome === 'retried') {
        round.retried++;
        logger.warn({ ...fields, error: delivery.ok ? '' : delivery.code }, 'outbound e-mail deferred, will retry');
      } else if (outcome === 'failed') {
        round.failed++;
        logger.error({ ...fields, error: delivery.ok ? '' : delivery.code }, 'outbound e-mail failed for good');
      } else {
        logger.warn(fields, 'outbound e-mail outcome not recorded: another attempt had taken the message over');
      }
    }
    return round;
  }

  let stopping = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();

  const tick = () => {
    timer = null;
    running = runOnce()
      .catch((error: unknown) => logger.error({ error: (error as Error).name }, 'outbound e-mail round failed'))
      .finally(() => {
        if (!stopping) timer = setTimeout(tick, pollMs);
      });
  };

  return {
    runOnce,
    start() {
      if (timer !== null || stopping) return;
      timer = setTimeout(tick, 0);
    },
    async stop() {
      stopping = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      await running;
      transport.close();
    },
  };
}
