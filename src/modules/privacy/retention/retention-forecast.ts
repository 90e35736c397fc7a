import { sql } from 'kysely';
import { authorize } from '../../../access/index.ts';
import { describeRetention, recordTypes } from '../../../catalog/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import { disposalTargets, type DisposalTarget } from './disposal-targets.ts';
import { partitionDayHeld, partitionDaysDue } from './partition-days.ts';
import { recordTypeOf } from './disposal-targets.ts';
import { notHeld, outlived } from './retention-sweep.ts';

export interface ForecastLine {
  readonly recordTable: string;
  readonly recordType: string;
  readonly rule: string;
  /** Records due by the end of the window that no hold keeps: what the sweep will dispose. */
  readonly due: number;
  /** Records due by then that a legal hold keeps. */
  readonly held: number;
  readonly dueFrom: Date;
  readonly dueTo: Date;
}

// The subject's own record, as the sweep treats it: held only by a hold naming the subject.
const subjectsTarget = {
  table: 'data_subjects',
  recordType: { column: 'record_type' },
  caseColumn: 'id',
  createdColumn: 'created_at',
} as const;

async function dueBy(trx: Tx, target: DisposalTarget | typeof subjectsTarget, until: Date): Promise<ForecastLine[]> {
  const held =
    target.table === 'data_subjects'
      ? sql<boolean>`EXISTS (SELECT 1 FROM legal_holds h WHERE h.released_at IS NULL AND h.subject_id = t.id)`
      : sql<boolean>`NOT ${notHeld(target)}`;
  const result = await sql<{ record_type: string; due: number; held: number; due_from: Date; due_to: Date }>`
    SELECT q.record_type, count(*) FILTER (WHERE NOT q.held)::int AS due, count(*) FILTER (WHERE q.held)::int AS held,
           min(q.dispose_after) AS due_from, max(q.dispose_after) AS due_to
    FROM (SELECT ${recordTypeOf(target)} AS record_type, t.dispose_after, ${held} AS held
          FROM ${sql.table(target.table)} t WHERE t.dispose_after <= ${until} AND ${target.table === 'data_subjects' ? sql`true` : outlived(target)}) q
    GROUP BY q.record_type ORDER BY q.record_type`.execute(trx);
  return result.rows.map((row) => {
    const type = recordTypes.get(row.record_type);
    return {
      recordTable: target.table,
      recordType: row.record_type,
      rule: type ? describeRetention(type.retention) : 'record type no longer in the catalog',
      due: row.due,
      held: row.held,
      dueFrom: row.due_from,
      dueTo: row.due_to,
    };
  });
}

/**
 * Partitioned days (tracking events, mailpiece images) due by `until`, a line per table and record
 * type. A day still stored past its date counts even when the estimate says it is empty: the
 * check must not pass on a guess.
 */
async function partitionsDueBy(trx: Tx, until: Date): Promise<ForecastLine[]> {
  const due = await partitionDaysDue(trx, until);
  const lines: ForecastLine[] = [];
  for (const days of Map.groupBy(due, (day) => `${day.table}:${day.recordType}`).values()) {
    const { table, recordType } = days[0]!;
    let dueCount = 0;
    let heldCount = 0;
    for (const day of days) {
      if (await partitionDayHeld(trx, day)) heldCount += Math.max(1, day.records);
      else dueCount += Math.max(1, day.records);
    }
    const type = recordTypes.get(recordType);
    lines.push({
      recordTable: table,
      recordType,
      rule: type ? describeRetention(type.retention) : 'record type no longer in the catalog',
      due: dueCount,
      held: heldCount,
      dueFrom: days[0]!.dueAt,
      dueTo: days.at(-1)!.dueAt,
    });
  }
  return lines;
}

/** What falls due by `until`, by table and record type (so by rule), held records counted apart. */
export async function retentionForecast(trx: Tx, principal: Principal, until: Date): Promise<ForecastLine[]> {
  authorize(principal, 'retention.manage');
  const lines: ForecastLine[] = [];
  for (const target of [...disposalTargets, subjectsTarget]) lines.push(...(await dueBy(trx, target, until)));
  lines.push(...(await partitionsDueBy(trx, until)));
  return lines;
}

export interface RetentionCheck {
  /** True when nothing past its retention still exists but what a legal hold keeps. */
  readonly passed: boolean;
  readonly checkedAt: Date;
  /** Records kept past their date although no hold covers them (the sweep's grace allowed for). */
  readonly overdue: readonly ForecastLine[];
  readonly held: readonly ForecastLine[];
}

/**
 * The PCI DSS 3.2.1 style check (requirement 3.1: data kept past its retention is
 * securely deleted at least quarterly): every record past its date is either held or
 * within `graceMs` of it, the time the scheduled sweep may take to reach it.
 */
export async function retentionCheck(trx: Tx, principal: Principal, now: Date, graceMs: number): Promise<RetentionCheck> {
  const lines = await retentionForecast(trx, principal, new Date(now.getTime() - graceMs));
  const overdue = lines.filter((line) => line.due > 0);
  return { passed: overdue.length === 0, checkedAt: now, overdue, held: lines.filter((line) => line.held > 0) };
}
