import { appendAudit, can, type AuditAction, type AuditContext, type AuditDetail } from '../../access/index.ts';
import { localDateOf } from '../../catalog/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { isoDate } from './check-fields.ts';

/**
 * A record or customer this principal may not see, or that does not exist: both look alike.
 * Each feature throws a subclass of its own; the routes answer every subclass alike.
 */
export class TrackingNotFound extends Error {}

/** The record is not in a state that allows what was asked; each feature throws a subclass of its own. */
export class TrackingConflict extends Error {}

/** What every tracking row holds of its data subject: what the access policy decides on. */
export interface ScopedRow {
  readonly subject_id: string;
  readonly business_area: string | null;
}

export function scopeOf(row: ScopedRow) {
  return { subjectId: row.subject_id, businessArea: row.business_area };
}

/** Where a table's encrypted columns are: the vault binds each ciphertext to its table, column and row. */
export function columnsOf(table: string) {
  return (column: string, rowId: string) => ({ table, column, rowId });
}

/** The row if the principal may read it; else `notFound()`, the same whether it is absent or hidden. */
export function readableOr<Row extends ScopedRow>(principal: Principal, row: Row | undefined, notFound: () => Error): Row {
  if (!row || !can(principal, 'record.read', scopeOf(row))) throw notFound();
  return row;
}

/** 'YYYY-MM-DD' of the day `now` falls on in the zone. */
export function isoDay(now: Date, timeZone: string): string {
  return isoDate(localDateOf(now.getTime(), timeZone));
}

/** Audits work done on a tracking record (or, with a null type, a setting), as done and allowed. */
export async function auditRecord(
  trx: Tx,
  principal: Principal,
  ctx: AuditContext,
  now: Date,
  action: AuditAction,
  recordType: string | null,
  recordId: string | null,
  subjects: readonly string[],
  detail: AuditDetail = {},
): Promise<void> {
  await appendAudit(trx, {
    at: now,
    actor: principal,
    action,
    recordType,
    recordId,
    subjects: [...subjects],
    ...ctx,
    outcome: 'ok',
    detail,
  });
}
