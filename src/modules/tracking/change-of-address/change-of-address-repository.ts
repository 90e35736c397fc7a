import { sql, type Insertable, type Selectable } from 'kysely';
import type { Tables, Tx } from '../../../db/index.ts';

export type ChangeOfAddressRow = Selectable<Tables['changes_of_address']>;
export type VerificationRow = Selectable<Tables['coa_identity_verifications']>;
/**
 * A request (a change of address or a hold) with its verification's columns, null once the
 * verification is disposed of: both keep their verifications in coa_identity_verifications.
 */
export type WithVerification<Row> = Row & {
  v_method: VerificationRow['method'] | null;
  v_outcome: VerificationRow['outcome'] | null;
  v_verified_by: string | null;
  v_verified_at: Date | null;
  v_dispose_after: Date | null;
};
export type ChangeOfAddressWithVerification = WithVerification<ChangeOfAddressRow>;

/** The columns of WithVerification, selected from coa_identity_verifications joined as v. */
export const verificationColumns = [
  'v.method as v_method',
  'v.outcome as v_outcome',
  'v.verified_by as v_verified_by',
  'v.verified_at as v_verified_at',
  'v.dispose_after as v_dispose_after',
] as const;

export async function insertVerification(trx: Tx, row: Insertable<Tables['coa_identity_verifications']>): Promise<void> {
  await trx.insertInto('coa_identity_verifications').values(row).execute();
}

export async function insertChangeOfAddress(trx: Tx, row: Insertable<Tables['changes_of_address']>): Promise<void> {
  await trx.insertInto('changes_of_address').values(row).execute();
}

export interface ScreeningKeys {
  readonly customerId: string;
  readonly oldAddressKey: Buffer;
  readonly newAddressKey: Buffer;
  readonly deviceKey: Buffer | null;
  readonly networkKey: Buffer | null;
  readonly at: Date;
  readonly recentMs: number;
  readonly burstMs: number;
}

export interface ScreeningCounts {
  readonly accountRequests: number;
  readonly failedVerifications: number;
  readonly newAddressRequests: number;
  readonly oldAddressRequests: number;
  readonly deviceRequests: number;
  readonly networkRequests: number;
}

/**
 * Counts of earlier requests sharing the customer, an address, the device or the network,
 * across every business area, through the SECURITY DEFINER function of migrations 0027 and 0033
 * (row-level security would hide other areas' requests; the function answers counts only):
 *   SELECT * FROM caseline.coa_screening_counts($customer, $old, $new, $device, $network, $at, $recent, $burst)
 */
export async function selectScreeningCounts(trx: Tx, keys: ScreeningKeys): Promise<ScreeningCounts> {
  const interval = (ms: number) => sql`make_interval(secs => ${ms / 1000})`;
  const { rows } = await sql<Record<string, number | string>>`
    SELECT * FROM caseline.coa_screening_counts(
      ${keys.customerId}::uuid, ${keys.oldAddressKey}, ${keys.newAddressKey}, ${keys.deviceKey}::bytea, ${keys.networkKey}::bytea,
      ${keys.at}::timestamptz, ${interval(keys.recentMs)}, ${interval(keys.burstMs)})`.execute(trx);
  const row = rows[0];
  // No row: the caller is neither staff, Caseline itself, nor the customer asking about their own requests.
  if (!row) throw new Error('the change-of-address screen counts are for staff, system principals and the customer themselves');
  return {
    accountRequests: Number(row.account_requests),
    failedVerifications: Number(row.failed_verifications),
    newAddressRequests: Number(row.new_address_requests),
    oldAddressRequests: Number(row.old_address_requests),
    deviceRequests: Number(row.device_requests),
    networkRequests: Number(row.network_requests),
  };
}

/**
 * Requests with their verification:
 *   SELECT c.*, v.method AS v_method, … FROM changes_of_address c
 *   LEFT JOIN coa_identity_verifications v ON v.id = c.verification_id WHERE …
 * Row-level security filters both tables.
 */
function withVerification(trx: Tx) {
  return trx
    .selectFrom('changes_of_address as c')
    .leftJoin('coa_identity_verifications as v', 'v.id', 'c.verification_id')
    .selectAll('c')
    .select(verificationColumns);
}

export async function selectChangeOfAddress(trx: Tx, id: string): Promise<ChangeOfAddressWithVerification | undefined> {
  return withVerification(trx).where('c.id', '=', id).executeTakeFirst();
}

/** The customer's requests, newest first. */
export async function selectChangesOfCustomer(trx: Tx, customerId: string, limit: number): Promise<ChangeOfAddressWithVerification[]> {
  return withVerification(trx)
    .where('c.customer_id', '=', customerId)
    .orderBy('c.created_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
}

/** The review queue: held requests, oldest first (the partial index changes_of_address_review). */
export async function selectReviewQueue(trx: Tx, limit: number): Promise<ChangeOfAddressWithVerification[]> {
  return withVerification(trx).where('c.status', '=', 'in_review').orderBy('c.created_at').orderBy('c.id').limit(limit).execute();
}

/** Records the fraud team's decision on a request still held; false when it was no longer in review (decided meanwhile). */
export async function updateDecision(
  trx: Tx,
  id: string,
  decision: {
    status: 'accepted' | 'refused';
    decision: 'approve' | 'deny';
    decision_reason_ct: Buffer;
    decided_by: string;
    decided_at: Date;
  },
): Promise<boolean> {
  const result = await trx
    .updateTable('changes_of_address')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'in_review')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export type CmraRow = Selectable<Tables['coa_cmra_addresses']>;

export async function selectCmraAddresses(trx: Tx): Promise<CmraRow[]> {
  return trx.selectFrom('coa_cmra_addresses').selectAll().orderBy('zip5').orderBy('street_line').execute();
}

/** Adds a CMRA; false when one with that street line and ZIP Code is listed already. */
export async function insertCmraAddress(trx: Tx, row: Insertable<Tables['coa_cmra_addresses']>): Promise<boolean> {
  const result = await trx
    .insertInto('coa_cmra_addresses')
    .values(row)
    .onConflict((oc) => oc.columns(['street_line', 'zip5']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function deleteCmraAddress(trx: Tx, id: string): Promise<boolean> {
  const result = await trx.deleteFrom('coa_cmra_addresses').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
