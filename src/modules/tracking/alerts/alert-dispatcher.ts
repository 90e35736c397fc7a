import { appendAudit, systemPrincipal, type AuditDetail } from '../../../access/index.ts';
import { agencyTimeZone } from '../../../catalog/index.ts';
import type { Vault } from '../../../crypto/index.ts';
import { withPrincipal, type Database, type Tx } from '../../../db/index.ts';
import { sendFailureOf } from '../../mail-out/index.ts';
import { TextNotSent, type TextGateway } from '../../text-messages/index.ts';
import { renderAlert, type RenderedAlert } from './render-alert.ts';
import {
  claimSubscription,
  releaseClaim,
  selectLiveIds,
  selectPieceHistory,
  updateAlerted,
  updateFailed,
  type SubscriptionRow,
} from './tracking-alert-repository.ts';
import { trackingAlertRecordType } from './tracking-alert-service.ts';
import { isAlerted } from './tracking-alert.ts';

/** Sends an alert e-mail through the relay (the portal's mailer has this shape); resolves once the relay took it. */
export interface AlertMailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export interface AlertDispatcherOptions {
  readonly database: Database;
  readonly vault: Vault;
  /** Null while outbound mail is not set up: e-mail subscriptions wait, their events kept. */
  readonly mailer: AlertMailer | null;
  /** Null while no text gateway is set up: text subscriptions wait likewise. */
  readonly texts: TextGateway | null;
  readonly clock: () => Date;
  readonly timeZone?: string;
  /** How long a claimed subscription is held before another dispatcher may send it (default 5 min, above the SMTP timeouts). */
  readonly leaseMs?: number;
  readonly batchSize?: number;
}

export interface DispatchRound {
  /** Live subscriptions looked at. */
  readonly subscriptions: number;
  readonly emails: number;
  readonly texts: number;
  readonly failed: number;
  /** Subscriptions with news whose channel is not set up on this server. */
  readonly waiting: number;
}

export interface AlertDispatcher {
  runOnce(): Promise<DispatchRound>;
}

type Outcome = 'email' | 'text' | 'failed' | 'waiting' | 'none';

interface Prepared {
  readonly row: SubscriptionRow;
  readonly address: string;
  /** The cursor once the alert is sent: the piece's history as read, and its newest event alerted. */
  readonly done: { readonly events: readonly string[]; readonly lastEventAt: Date | null };
  readonly alert: RenderedAlert;
  readonly events: number;
}

const principal = systemPrincipal('tracking-alerts');
const purpose = 'mail tracking: tell customers of the status of the mailings they follow (820.200)';
const ctx = { requestId: null, clientAddr: null, purpose };

/**
 * Sends each live subscription the events of its piece not yet alerted. A subscription is
 * claimed in a short transaction (its piece's history read through the piece directory, its
 * address decrypted), the alert sent with no transaction open, and the cursor moved in a
 * second transaction only once the relay or the gateway has taken the message.
 * Delivery is at least once: a crash between the send and that commit sends the alert again
 * when the claim runs out, but an event is never skipped. A failed send leaves the cursor
 * where it was, so the next round tries the same events again.
 */
export function createAlertDispatcher(options: AlertDispatcherOptions): AlertDispatcher {
  const { database, vault, clock } = options;
  const timeZone = options.timeZone ?? agencyTimeZone;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 500;

  const audit = (trx: Tx, row: SubscriptionRow, detail: AuditDetail, outcome: 'ok' | 'failed' = 'ok') =>
    appendAudit(trx, {
      at: clock(),
      actor: principal,
      action: 'read',
      recordType: trackingAlertRecordType,
      recordId: row.id,
      subjects: [row.subject_id],
      ...ctx,
      outcome,
      detail: { step: 'tracking_alert', channel: row.channel, ...detail },
    });

  const ready = (row: SubscriptionRow) => (row.channel === 'email' ? options.mailer !== null : options.texts !== null);

  /** The subscription's news, claimed; null when it has none to send (its cursor moved past new events not asked for). */
  async function prepare(id: string): Promise<Prepared | 'waiting' | null> {
    return withPrincipal(database.db, principal, async (trx) => {
      const now = clock();
      const row = await claimSubscription(trx, id, now, new Date(now.getTime() + leaseMs));
      if (!row) return null;
      const history = await selectPieceHistory(trx, row.class, [row.piece]);
      const seen = new Set(row.alerted_events);
      const fresh = history.filter((e) => !seen.has(e.event_id));
      if (fresh.length === 0) {
        await releaseClaim(trx, row.id);
        return null;
      }
      const wanted = fresh.filter((e) => isAlerted(row.events, e.event));
      const done = { events: history.map((e) => e.event_id), lastEventAt: wanted.at(-1)?.event_at ?? row.last_event_at };
      if (wanted.length === 0) {
        await updateAlerted(trx, row.id, { ...done, alerts: 0 });
        return null;
      }
      if (!ready(row)) {
        await updateFailed(trx, row.id, `${row.channel}-not-configured`);
        return 'waiting';
      }
      const address = (
        await vault.decryptFor(
          trx,
          row.subject_id,
          { table: 'tracking_subscriptions', column: 'address_ct', rowId: row.id },
          row.address_ct,
        )
      ).toString('utf8');
      const alert = renderAlert(
        row.class,
        row.piece,
        wanted.map((e) => ({ event: e.event, at: e.event_at, facilityZip: e.facility_zip })),
        timeZone,
      );
      return { row, address, done, alert, events: wanted.length };
    });
  }

  async function send(prepared: Prepared): Promise<string | null> {
    const { row, address, alert } = prepared;
    try {
      if (row.channel === 'email') await options.mailer!.send(address, alert.subject, alert.body);
      else await options.texts!.send(address, alert.text);
      return null;
    } catch (error) {
      // A code only: the relay's or gateway's words can quote the address or the number.
      if (error instanceof TextNotSent) return 'text-not-sent';
      return row.channel === 'email' ? sendFailureOf(error).code : 'text-gateway';
    }
  }

  async function dispatch(id: string): Promise<Outcome> {
    const prepared = await prepare(id);
    if (prepared === null) return 'none';
    if (prepared === 'waiting') return 'waiting';
    const error = await send(prepared);
    return withPrincipal(database.db, principal, async (trx) => {
      const { row } = prepared;
      if (error !== null) {
        await updateFailed(trx, row.id, error);
        await audit(trx, row, { events: prepared.events, error }, 'failed');
        return 'failed';
      }
      await updateAlerted(trx, row.id, { ...prepared.done, alerts: 1 });
      await audit(trx, row, { events: prepared.events });
      return row.channel;
    });
  }

  return {
    async runOnce() {
      const round = { subscriptions: 0, emails: 0, texts: 0, failed: 0, waiting: 0 };
      let after: string | null = null;
      for (;;) {
        const ids: string[] = await withPrincipal(database.db, principal, (trx) => selectLiveIds(trx, clock(), after, batchSize));
        for (const id of ids) {
          round.subscriptions++;
          const outcome = await dispatch(id);
          if (outcome === 'email') round.emails++;
          else if (outcome === 'text') round.texts++;
          else if (outcome === 'failed') round.failed++;
          else if (outcome === 'waiting') round.waiting++;
        }
        if (ids.length < batchSize) return round;
        after = ids.at(-1)!;
      }
    },
  };
}

export interface AlertSchedule {
  /** Runs a round soon (after a feed was loaded); one already running is followed by one more. */
  nudge(): void;
  stop(): Promise<void>;
}

/** Runs the dispatcher every interval and when nudged; rounds never overlap. Logs counts only. */
export function startAlertSchedule(
  dispatcher: AlertDispatcher,
  options: { readonly intervalMs: number; readonly log: (event: Record<string, string | number>) => void },
): AlertSchedule {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = dispatcher
      .runOnce()
      .then(
        (round) => {
          if (round.emails + round.texts + round.failed + round.waiting > 0) options.log({ msg: 'tracking alerts sent', ...round });
        },
        (error: unknown) => options.log({ msg: 'tracking alert round failed', error: error instanceof Error ? error.name : 'unknown' }),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  return {
    nudge: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
