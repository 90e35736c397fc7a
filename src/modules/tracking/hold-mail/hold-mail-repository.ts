import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tables, Tx } from '../../../db/index.ts';
import { verificationColumns, type WithVerification } from '../change-of-address/change-of-address-repository.ts';

export type HoldMailRow = Selectable<Tables['hold_mail_requests']>;
export type HoldMailWithVerification = WithVerification<HoldMailRow>;

export async function insertHoldMail(trx: Tx, row: Insertable<Tables['hold_mail_requests']>): Promise<void> {
  await trx.insertInto('hold_mail_requests').values(row).execute();
}

export interface HoldScreeningCounts {
  readonly movedAway: number;
  readonly otherHolds: number;
}

/**
 * Changes of address away from the address and other customers' holds at it, across every
 * business area, through the SECURITY DEFINER function of migration 0028 (counts only):
 *   SELECT * FROM caseline.hold_mail_screening_counts($customer, $address, $at, $moved, $recent)
 */
export async function selectHoldScreeningCounts(
  trx: Tx,
  keys: { customerId: string; addressKey: Buffer; at: Date; movedMs: number; recentMs: number },
): Promise<HoldScreeningCounts> {
  const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;
  const { rows } = await sql<Record<string, number | string>>`
    SELECT * FROM caseline.hold_mail_screening_counts(
      ${keys.customerId}::uuid, ${keys.addressKey}, ${keys.at}::timestamptz, ${interval(keys.movedMs)}, ${interval(keys.recentMs)})`.execute(
    trx,
  );
  const row = rows[0];
  // No row: the caller is neither staff, a customer nor Caseline itself.
  if (!row) throw new Error('the hold mail screen counts are for staff, customer and system principals');
  return { movedAway: Number(row.moved_away), otherHolds: Number(row.other_holds) };
}

/**
 * Holds with their verification:
 *   SELECT h.*, v.method AS v_method, … FROM hold_mail_requests h
 *   LEFT JOIN coa_identity_verifications v ON v.id = h.verification_id WHERE …
 * Row-level security filters both tables.
 */
function withVerification(trx: Tx) {
  return trx
    .selectFrom('hold_mail_requests as h')
    .leftJoin('coa_identity_verifications as v', 'v.id', 'h.verification_id')
    .selectAll('h')
    .select(verificationColumns);
}

export async function selectHoldMail(trx: Tx, id: string): Promise<HoldMailWithVerification | undefined> {
  return withVerification(trx).where('h.id', '=', id).executeTakeFirst();
}

/** The customer's holds, newest first. */
export async function selectHoldsOfCustomer(trx: Tx, customerId: string, limit: number): Promise<HoldMailWithVerification[]> {
  return withVerification(trx)
    .where('h.customer_id', '=', customerId)
    .orderBy('h.created_at', 'desc')
    .orderBy('h.id')
    .limit(limit)
    .execute();
}

/** The review queue: held requests, oldest first (the partial index hold_mail_requests_review). */
export async function selectHoldReviewQueue(trx: Tx, limit: number): Promise<HoldMailWithVerification[]> {
  return withVerification(trx).where('h.status', '=', 'in_review').orderBy('h.created_at').orderBy('h.id').limit(limit).execute();
}

/**
 * The scheduled holds of a ZIP Code covering a day (the partial index hold_mail_requests_delivery):
 *   SELECT * FROM hold_mail_requests WHERE status = 'scheduled' AND zip5 = $1 AND begin_on <= $2 AND ends_on >= $2
 */
export async function selectHoldsOnDay(trx: Tx, zip5: string, day: string, limit: number): Promise<HoldMailRow[]> {
  return trx
    .selectFrom('hold_mail_requests')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('zip5', '=', zip5)
    .where('begin_on', '<=', day)
    .where('ends_on', '>=', day)
    .orderBy('ends_on')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Records the fraud team's decision on a hold still held; false when it was no longer in review (decided meanwhile). */
export async function updateHoldDecision(
  trx: Tx,
  id: string,
  decision: {
    status: 'scheduled' | 'refused';
    decision: 'approve' | 'deny';
    decision_reason_ct: Buffer;
    decided_by: string;
    decided_at: Date;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('hold_mail_requests')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'in_review')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Cancels a hold in the state it was read in (status and end date unchanged meanwhile): false
 * when another change came first.
 */
export async function updateHoldCancelled(
  trx: Tx,
  id: string,
  was: { status: HoldMailRow['status']; ends_on: string },
  change: { status: 'scheduled' | 'cancelled'; ends_on: string; cancelled_at: Date; cancelled_by: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('hold_mail_requests')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', was.status)
    .where('ends_on', '=', was.ends_on)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
