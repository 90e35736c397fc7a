import type { Insertable, Selectable } from 'kysely';
import type { PendingInsert, Tables, Tx } from '../../db/index.ts';

type MailOutboxTable = Tables['mail_outbox'];
export type OutboxRow = Selectable<MailOutboxTable>;

/** The INSERT of an outbox row, not sent yet: it goes with the case message it copies. */
export function insertOutbox(trx: Tx, row: Insertable<MailOutboxTable>): PendingInsert {
  return trx.insertInto('mail_outbox').values(row);
}

/** The case's earlier e-mails, oldest first: what a reply's References are built from. */
export function selectThread(trx: Tx, caseId: string): Promise<Pick<OutboxRow, 'id' | 'subject_id' | 'message_id' | 'threading_ct'>[]> {
  return trx
    .selectFrom('mail_outbox')
    .select(['id', 'subject_id', 'message_id', 'threading_ct'])
    .where('case_id', '=', caseId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * The message due first, locked for this transaction; rows another sender holds are skipped,
 * not waited for:
 *   SELECT * FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= $now
 *   ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED
 */
export function selectDue(trx: Tx, now: Date): Promise<OutboxRow | undefined> {
  return trx
    .selectFrom('mail_outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

/** Counts the attempt and leases the row until `until`: a sender that dies mid-send leaves it due again then. */
export async function markClaimed(trx: Tx, id: string, attempts: number, until: Date): Promise<void> {
  await trx.updateTable('mail_outbox').set({ attempts, next_attempt_at: until }).where('id', '=', id).execute();
}

/**
 * The outcome of attempt `attempts`, written only if the row is still that attempt's (a sender
 * whose lease ran out while it waited on the relay must not overwrite a newer attempt).
 * Delivered and failed rows lose their recipients, subject and body: the case keeps its copy.
 */
export async function markOutcome(
  trx: Tx,
  id: string,
  attempts: number,
  outcome:
    | { readonly status: 'sent'; readonly at: Date; readonly note: string | null }
    | { readonly status: 'queued'; readonly retryAt: Date; readonly error: string }
    | { readonly status: 'failed'; readonly error: string },
): Promise<boolean> {
  const changes =
    outcome.status === 'sent'
      ? { status: 'sent' as const, sent_at: outcome.at, last_error: outcome.note, to_ct: null, subject_ct: null, body_ct: null }
      : outcome.status === 'queued'
        ? { next_attempt_at: outcome.retryAt, last_error: outcome.error }
        : { status: 'failed' as const, last_error: outcome.error, to_ct: null, subject_ct: null, body_ct: null };
  const result = await trx
    .updateTable('mail_outbox')
    .set(changes)
    .where('id', '=', id)
    .where('attempts', '=', attempts)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
