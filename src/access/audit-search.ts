import { sql } from 'kysely';
import type { Principal, Tx } from '../db/index.ts';
import { appendAudit, type AuditAction } from './audit/index.ts';
import type { AuditContext } from './audit-context.ts';
import { authorize } from './policy.ts';

export interface AuditFilter {
  readonly actor?: string;
  readonly subject?: string;
  readonly recordType?: string;
  readonly recordId?: string;
  readonly action?: AuditAction;
  readonly from?: Date;
  readonly to?: Date;
  /** Entries with a smaller id than this (the previous page's last id). */
  readonly before?: number;
  readonly limit: number;
}

export interface AuditRow {
  readonly id: number;
  readonly at: Date;
  readonly actorKind: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  readonly subjects: readonly string[];
  readonly purpose: string;
  readonly requestId: string | null;
  readonly clientAddr: string | null;
  readonly outcome: string;
  readonly detail: Record<string, unknown>;
  readonly chainPos: number | null;
}

/** Newest first. Reading the log is itself logged, with the filter's shape but not its values. */
export async function searchAuditLog(
  trx: Tx,
  principal: Principal,
  filter: AuditFilter,
  ctx: AuditContext,
  now: Date,
): Promise<AuditRow[]> {
  authorize(principal, 'audit.read');
  let query = trx.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(filter.limit);
  if (filter.actor) query = query.where('actor_id', '=', filter.actor);
  if (filter.subject) query = query.where(sql<boolean>`subjects @> ARRAY[${filter.subject}::uuid]`);
  if (filter.recordType) query = query.where('record_type', '=', filter.recordType);
  if (filter.recordId) query = query.where('record_id', '=', filter.recordId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('at', '>=', filter.from);
  if (filter.to) query = query.where('at', '<', filter.to);
  if (filter.before) query = query.where('id', '<', filter.before);
  const rows = await query.execute();
  await appendAudit(trx, {
    at: now,
    actor: principal,
    action: 'search',
    recordType: 'audit_log',
    recordId: null,
    subjects: [],
    ...ctx,
    outcome: 'ok',
    detail: {
      filters: Object.entries(filter)
        .filter(([key, value]) => key !== 'limit' && value !== undefined)
        .map(([key]) => key)
        .sort(),
      returned: rows.length,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    recordType: r.record_type,
    recordId: r.record_id,
    subjects: r.subjects,
    purpose: r.purpose,
    requestId: r.request_id,
    clientAddr: r.client_addr,
    outcome: r.outcome,
    detail: r.detail,
    chainPos: r.chain_pos,
  }));
}
