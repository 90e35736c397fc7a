import { sql } from 'kysely';
import { authorize } from '../../access/index.ts';
import type { CaseStatus, Principal, Tx } from '../../db/index.ts';
import { openStatuses } from './case-kinds.ts';
import { staffDisplayNames } from './staff-display-names.ts';

/** One agent's open cases in one area, or an area's unassigned ones (assignee null). */
export interface WorkloadRow {
  readonly businessArea: string | null;
  readonly assignee: string | null;
  readonly displayName: string | null;
  readonly open: number;
  readonly byStatus: Readonly<Partial<Record<CaseStatus, number>>>;
  readonly oldestCreatedAt: Date;
}

/**
 * The supervisors' view of queues and workload: the cases still being worked in the areas
 * the principal may see (row-level security decides), by area and assignee. Counts only.
 */
export async function caseWorkload(trx: Tx, principal: Principal): Promise<WorkloadRow[]> {
  authorize(principal, 'routing.manage');
  const rows = await trx
    .selectFrom('cases')
    .select(['business_area', 'assignee', 'status', sql<number>`count(*)::int`.as('n'), sql<Date>`min(created_at)`.as('oldest')])
    .where('status', 'in', [...openStatuses])
    .groupBy(['business_area', 'assignee', 'status'])
    .execute();
  const ids = [...new Set(rows.map((r) => r.assignee).filter((id): id is string => id !== null))];
  const names = await staffDisplayNames(trx, ids);
  const grouped = new Map<
    string,
    { businessArea: string | null; assignee: string | null; byStatus: Partial<Record<CaseStatus, number>>; open: number; oldest: Date }
  >();
  for (const row of rows) {
    const key = JSON.stringify([row.business_area, row.assignee]);
    const entry = grouped.get(key) ?? {
      businessArea: row.business_area,
      assignee: row.assignee,
      byStatus: {},
      open: 0,
      oldest: row.oldest,
    };
    entry.byStatus[row.status] = row.n;
    entry.open += row.n;
    if (row.oldest < entry.oldest) entry.oldest = row.oldest;
    grouped.set(key, entry);
  }
  return [...grouped.values()]
    .map((e) => ({
      businessArea: e.businessArea,
      assignee: e.assignee,
      displayName: e.assignee === null ? null : (names.get(e.assignee) ?? null),
      open: e.open,
      byStatus: e.byStatus,
      oldestCreatedAt: e.oldest,
    }))
    .sort(
      (a, b) =>
        (a.businessArea ?? '').localeCompare(b.businessArea ?? '') ||
        Number(a.assignee !== null) - Number(b.assignee !== null) ||
        b.open - a.open ||
        (a.displayName ?? '').localeCompare(b.displayName ?? ''),
    );
}
