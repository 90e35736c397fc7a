import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { actorOf, authorize } from '../../access/index.ts';
import type { CaseChannel, CasePriority, CaseStatus, Principal, Tx } from '../../db/index.ts';
import { openStatuses } from './case-kinds.ts';
import { insertEvent } from './case-repository.ts';
import { CaseNotFound } from './case-service.ts';
import { slaClocks, type SlaClocks, type SlaPolicy, type StatusChange, type TargetClock } from './sla/index.ts';

export type SlaTarget = 'first_response' | 'resolution';

/** A case whose service level is at risk or lost, as a supervisor's list shows it: codes and ids only. */
export interface SlaAlertCase {
  readonly id: string;
  readonly number: string;
  readonly businessArea: string | null;
  readonly assignee: string | null;
  readonly channel: CaseChannel;
  readonly priority: CasePriority;
  readonly status: CaseStatus;
  readonly target: SlaTarget;
  readonly state: 'warning' | 'breached';
  readonly dueAt: Date;
}

export interface SweepResult {
  readonly checked: number;
  readonly warnings: number;
  readonly breaches: number;
}

export interface CaseSla {
  /** The two clocks of one case the principal may read. */
  clocksOf(trx: Tx, principal: Principal, id: string, now: Date): Promise<SlaClocks>;
  /** Open cases the principal may read whose clocks warn or are breached, most overdue first. */
  atRisk(trx: Tx, principal: Principal, now: Date): Promise<SlaAlertCase[]>;
  /**
   * Announces each new warning and breach once, as a case event; a breach is escalated to
   * the supervisors of the case's area (its event names them). Run by a system principal.
   */
  sweep(trx: Tx, principal: Principal, now: Date): Promise<SweepResult>;
}

interface OpenCaseRow {
  id: string;
  number: string;
  subject_id: string;
  business_area: string | null;
  assignee: string | null;
  channel: CaseChannel;
  priority: CasePriority;
  status: CaseStatus;
  created_at: Date;
  first_response_at: Date | null;
}

const targets: readonly [SlaTarget, keyof SlaClocks][] = [
  ['first_response', 'firstResponse'],
  ['resolution', 'resolution'],
];

/** Status changes are events: a 'status' event's `to`, or the status a received message moved the case to. */
async function statusHistories(trx: Tx, caseIds: readonly string[]): Promise<Map<string, StatusChange[]>> {
  const histories = new Map<string, StatusChange[]>(caseIds.map((id) => [id, []]));
  if (caseIds.length === 0) return histories;
  const rows = await trx
    .selectFrom('case_events')
    .select(['case_id', 'at', sql<CaseStatus>`coalesce(detail->>'to', detail->>'status')`.as('status')])
    .where('case_id', 'in', [...caseIds])
    .where((eb) => eb.or([eb('kind', '=', 'status'), eb.and([eb('kind', '=', 'received'), sql<boolean>`detail ? 'status'`])]))
    .orderBy('seq')
    .execute();
  for (const row of rows) histories.get(row.case_id)!.push({ at: row.at, status: row.status });
  return histories;
}

function alertsOf(clocks: SlaClocks): { target: SlaTarget; clock: TargetClock & { state: 'warning' | 'breached' } }[] {
  return targets.flatMap(([target, key]) => {
    const clock = clocks[key];
    return clock.state === 'warning' || clock.state === 'breached'
      ? [{ target, clock: clock as TargetClock & { state: 'warning' | 'breached' } }]
      : [];
  });
}

/** Where the clock would run out; a warning's clock has a due time, a breached one the time it ran out. */
function dueOf(clock: TargetClock): Date {
  return clock.dueAt!;
}

export function createCaseSla(policy: SlaPolicy<CaseChannel, CasePriority>): CaseSla {
  const selectCases = (trx: Tx) =>
    trx
      .selectFrom('cases')
      .select([
        'id',
        'number',
        'subject_id',
        'business_area',
        'assignee',
        'channel',
        'priority',
        'status',
        'created_at',
        'first_response_at',
      ]);
  // A case stamped later than the sweep's clock (another writer's skew) is swept next time.
  const selectOpen = (trx: Tx, now: Date) =>
    selectCases(trx)
      .where('status', 'in', [...openStatuses])
      .where('created_at', '<=', now);

  async function clocksFor(trx: Tx, rows: readonly OpenCaseRow[], now: Date): Promise<Map<string, SlaClocks>> {
    const histories = await statusHistories(
      trx,
      rows.map((r) => r.id),
    );
    return new Map(
      rows.map((row) => [
        row.id,
        slaClocks(
          policy,
          {
            channel: row.channel,
            priority: row.priority,
            createdAt: row.created_at,
            statusHistory: histories.get(row.id)!,
            firstResponseAt: row.first_response_at,
          },
          now,
        ),
      ]),
    );
  }

  return {
    async clocksOf(trx, principal, id, now) {
      const row = await selectCases(trx).where('id', '=', id).executeTakeFirst();
      if (!row) throw new CaseNotFound('no such case');
      authorize(principal, 'record.read', { subjectId: row.subject_id, businessArea: row.business_area });
      return (await clocksFor(trx, [row], now)).get(row.id)!;
    },

    async atRisk(trx, principal, now) {
      authorize(principal, 'routing.manage');
      const rows = await selectOpen(trx, now).execute();
      const clocks = await clocksFor(trx, rows, now);
      return rows
        .flatMap((row) =>
          alertsOf(clocks.get(row.id)!).map(({ target, clock }) => ({
            id: row.id,
            number: row.number,
            businessArea: row.business_area,
            assignee: row.assignee,
            channel: row.channel,
            priority: row.priority,
            status: row.status,
            target,
            state: clock.state,
            dueAt: dueOf(clock),
          })),
        )
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.number.localeCompare(b.number));
    },

    async sweep(trx, principal, now) {
      const rows = await selectOpen(trx, now).execute();
      const clocks = await clocksFor(trx, rows, now);
      const supervisors = new Map<string | null, string[]>();
      const supervisorsOf = async (area: string | null): Promise<string[]> => {
        if (!supervisors.has(area)) {
          const staff = await sql<{ id: string }>`SELECT id FROM caseline.area_staff(${area}) WHERE 'supervisor' = ANY (roles)`.execute(
            trx,
          );
          supervisors.set(
            area,
            staff.rows.map((s) => s.id),
          );
        }
        return supervisors.get(area)!;
      };
      // A breached case stays open for days: read what was announced rather than re-insert it every minute.
      const key = (caseId: string, target: SlaTarget, state: string) => `${caseId} ${target} ${state}`;
      const announced = new Set(
        rows.length === 0
          ? []
          : (
              await trx
                .selectFrom('case_sla_alerts')
                .select(['case_id', 'target', 'state'])
                .where(
                  'case_id',
                  'in',
                  rows.map((r) => r.id),
                )
                .execute()
            ).map((a) => key(a.case_id, a.target, a.state)),
      );
      let warnings = 0;
      let breaches = 0;
      for (const row of rows) {
        for (const { target, clock } of alertsOf(clocks.get(row.id)!)) {
          if (announced.has(key(row.id, target, clock.state))) continue;
          const escalatedTo = clock.state === 'breached' ? await supervisorsOf(row.business_area) : [];
          const inserted = await trx
            .insertInto('case_sla_alerts')
            .values({
              case_id: row.id,
              target,
              state: clock.state,
              subject_id: row.subject_id,
              business_area: row.business_area,
              due_at: dueOf(clock),
              at: now,
              escalated_to: escalatedTo,
            })
            .onConflict((c) => c.columns(['case_id', 'target', 'state']).doNothing())
            .executeTakeFirst();
          if (inserted.numInsertedOrUpdatedRows !== 1n) continue;
          await insertEvent(trx, {
            id: randomUUID(),
            case_id: row.id,
            subject_id: row.subject_id,
            business_area: row.business_area,
            at: now,
            actor: actorOf(principal),
            kind: clock.state === 'warning' ? 'sla_warning' : 'sla_breached',
            detail: JSON.stringify({
              target,
              due_at: dueOf(clock).toISOString(),
              ...(clock.state === 'breached' ? { escalated_to: escalatedTo } : {}),
            }),
          });
          if (clock.state === 'warning') warnings += 1;
          else breaches += 1;
        }
      }
      return { checked: rows.length, warnings, breaches };
    },
  };
}
