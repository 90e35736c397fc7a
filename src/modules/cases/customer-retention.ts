import { sql } from 'kysely';
import { disposeAfter, getRecordType } from '../../catalog/index.ts';
import type { Tx } from '../../db/index.ts';

/**
 * A customer's own record (record type usps-880/customer) is kept 2 years after the
 * resolution of their latest inquiry (seed 000_a2cb10f5fedd0542.txt, "Other records"):
 * not due while any of their cases is open, due 2 years after the last resolution once
 * none is. Cases move it, so the cases module keeps it: on opening a case, and whenever a
 * case of the customer is resolved, reopened or closed. A subject that is not a customer is
 * left as it is.
 */
export async function refreshCustomerRetention(trx: Tx, customerId: string, timeZone: string): Promise<void> {
  const result = await sql<{
    record_type: string;
    created_at: Date;
    ended_at: Date | null;
    open: boolean | null;
    last_resolved: Date | null;
  }>`
    SELECT s.record_type, s.created_at, s.relationship_ended_at AS ended_at,
           CASE WHEN count(c.id) > 0 THEN bool_or(c.resolved_at IS NULL OR coalesce(c.reopened_at > c.resolved_at, false)) END AS open,
           max(c.resolved_at) AS last_resolved
    FROM data_subjects s JOIN customers cu ON cu.subject_id = s.id LEFT JOIN cases c ON c.customer_id = s.id
    WHERE s.id = ${customerId}
    GROUP BY s.record_type, s.created_at, s.relationship_ended_at`.execute(trx);
  const row = result.rows[0];
  // No case left (the sweep took them): the date they gave stands.
  if (!row || row.open === null) return;
  const due =
    row.open !== false
      ? null
      : disposeAfter(
          getRecordType(row.record_type).retention,
          { createdAt: row.created_at, resolvedAt: row.last_resolved, relationshipEndedAt: row.ended_at, ceasedAt: row.ended_at },
          { timeZone },
        );
  await sql`UPDATE data_subjects SET dispose_after = ${due} WHERE id = ${customerId} AND dispose_after IS DISTINCT FROM ${due}::timestamptz`.execute(
    trx,
  );
}

/** A new inquiry of the customer: their record is not due while it is open. */
export async function holdCustomerRetention(trx: Tx, customerId: string): Promise<void> {
  await sql`UPDATE data_subjects SET dispose_after = NULL WHERE id = ${customerId} AND dispose_after IS NOT NULL`.execute(trx);
}
