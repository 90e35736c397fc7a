import { randomUUID } from 'node:crypto';
import { appendAudit, systemPrincipal } from '../../../access/index.ts';
import { withPrincipal, type Database, type SystemPrincipal, type Tx } from '../../../db/index.ts';
import { insertEvent, selectRequests } from './request-repository.ts';
import { nextDeadline } from './request-service.ts';

export interface ReminderResult {
  readonly dueSoon: number;
  readonly overdue: number;
}

/**
 * Reminds the privacy office of every open request whose running deadline (acknowledgement,
 * then decision) is 3 business days away or past: a 'reminder' event in the request's history,
 * once per deadline and state, so the request page and the due-soon and overdue lists say
 * when the office was told. Codes and dates only.
 */
export async function remindOfDeadlines(trx: Tx, principal: SystemPrincipal, now: Date): Promise<ReminderResult> {
  const rows = await selectRequests(trx, { openOnly: true }, 5000);
  const due = rows.flatMap((row) => {
    const deadline = nextDeadline(row, now);
    return deadline && (deadline.status === 'due_soon' || deadline.status === 'overdue') ? [{ row, deadline }] : [];
  });
  if (due.length === 0) return { dueSoon: 0, overdue: 0 };
  const told = new Set(
    (
      await trx
        .selectFrom('privacy_request_events')
        .select(['request_id', 'detail'])
        .where('kind', '=', 'reminder')
        .where(
          'request_id',
          'in',
          due.map((d) => d.row.id),
        )
        .execute()
    ).map((e) => {
      const detail = (typeof e.detail === 'string' ? JSON.parse(e.detail) : e.detail) as { deadline?: string; status?: string };
      return `${e.request_id}/${detail.deadline}/${detail.status}`;
    }),
  );
  let dueSoon = 0;
  let overdue = 0;
  const subjects = new Set<string>();
  for (const { row, deadline } of due) {
    if (told.has(`${row.id}/${deadline.name}/${deadline.status}`)) continue;
    await insertEvent(trx, {
      id: randomUUID(),
      request: row,
      kind: 'reminder',
      actor: principal.id,
      at: now,
      detail: { deadline: deadline.name, status: deadline.status, due_at: deadline.dueAt.toISOString() },
    });
    subjects.add(row.subject_id);
    if (deadline.status === 'overdue') overdue++;
    else dueSoon++;
  }
  if (subjects.size > 0)
    await appendAudit(trx, {
      at: now,
      actor: principal,
      action: 'update',
      recordType: 'privacy_request',
      subjects: [...subjects],
      purpose: 'privacy_act.deadlines',
      requestId: null,
      clientAddr: null,
      outcome: 'ok',
      detail: { reminders_due_soon: dueSoon, reminders_overdue: overdue },
    });
  return { dueSoon, overdue };
}

export interface RequestReminders {
  runOnce(): Promise<ReminderResult>;
  stop(): Promise<void>;
}

/** The server's reminders, every interval (hourly in `serve`); runs never overlap. */
export function startRequestReminders(options: {
  readonly database: Database;
  readonly clock: () => Date;
  readonly intervalMs: number;
  readonly log: (event: { msg: string; dueSoon?: number; overdue?: number; error?: string }) => void;
}): RequestReminders {
  const principal = systemPrincipal('privacy-reminders');
  let running: Promise<ReminderResult> | null = null;
  const runOnce = (): Promise<ReminderResult> => {
    running ??= withPrincipal(options.database.db, principal, (trx) => remindOfDeadlines(trx, principal, options.clock())).finally(() => {
      running = null;
    });
    return running;
  };
  const timer = setInterval(() => {
    runOnce().then(
      (result) => {
        if (result.dueSoon + result.overdue > 0) options.log({ msg: 'Privacy Act request deadlines near or past', ...result });
      },
      (error: unknown) => options.log({ msg: 'Privacy Act reminders failed', error: error instanceof Error ? error.name : 'unknown' }),
    );
  }, options.intervalMs);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
