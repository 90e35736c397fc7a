import { sql } from 'kysely';
import { AccessDenied, appendAudit, canInEveryArea, type AuditContext } from '../../../access/index.ts';
import { agencyTimeZone, disposeAfter, recordTypes, startOfLocalDay, type RecordType } from '../../../catalog/index.ts';
import type { Principal, Tx } from '../../../db/index.ts';
import { parseLocalDate } from '../../cases/index.ts';
import { disposalTargets, recordTypeOf, type DisposalTarget } from './disposal-targets.ts';

/** Record types whose rule runs from the end of the relationship, or until the customer ceases to participate. */
export const relationshipRecordTypes: readonly RecordType[] = [...recordTypes.values()].filter(
  (type) => type.retention.kind === 'from_relationship_end' || type.retention.kind === 'until_event',
);

/** Where such records are: the targets that may hold one, and the subject's own row (a customer record of such a type). */
const rescheduled: readonly (Pick<DisposalTarget, 'recordType'> & { readonly table: string; readonly subjectColumn: string })[] = [
  ...disposalTargets
    .filter((target) => 'column' in target.recordType || relationshipRecordTypes.some((type) => type.id === recordTypeId(target)))
    .map((target) => ({ table: target.table, recordType: target.recordType, subjectColumn: 'subject_id' })),
  { table: 'data_subjects', recordType: { column: 'record_type' }, subjectColumn: 'id' },
];

function recordTypeId(target: Pick<DisposalTarget, 'recordType'>): string | null {
  return 'fixed' in target.recordType ? target.recordType.fixed : null;
}

export interface RelationshipEnd {
  readonly subjectId: string;
  /** The agency's calendar date the relationship ended on; null while it lasts. */
  readonly endedOn: string | null;
  /** Records whose disposal date this changed. */
  readonly rescheduled: number;
}

/** An end that cannot be recorded as given; `field` names the input field. */
export class InvalidRelationshipEnd extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}
export class SubjectNotFound extends Error {}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Gives every record of the subject under a relationship rule the disposal date its rule
 * gives from `endedAt`, or none while the relationship lasts (`endedAt` null). The caller
 * must see all of the subject's records: rows hidden from it would keep their old dates.
 */
export async function rescheduleForRelationship(trx: Tx, subjectId: string, endedAt: Date | null, timeZone: string): Promise<number> {
  const types = relationshipRecordTypes.map((type) => type.id);
  const dues = relationshipRecordTypes.map(
    (type) =>
      endedAt && disposeAfter(type.retention, { createdAt: endedAt, relationshipEndedAt: endedAt, ceasedAt: endedAt }, { timeZone }),
  );
  let changed = 0;
  for (const target of rescheduled) {
    const result = await sql`
      UPDATE ${sql.table(target.table)} AS t SET dispose_after = d.due
      FROM unnest(${types}::text[], ${dues}::timestamptz[]) AS d (record_type, due)
      WHERE ${sql.ref(`t.${target.subjectColumn}`)} = ${subjectId} AND ${recordTypeOf(target)} = d.record_type
        AND t.dispose_after IS DISTINCT FROM d.due`.execute(trx);
    changed += Number(result.numAffectedRows ?? 0n);
  }
  return changed;
}

/**
 * Subjects whose relationship has ended but who have a record under a relationship rule
 * without a disposal date: written after the end was recorded. The sweep reschedules them
 * before it disposes of anything. (A customer's own record is left to the cases module,
 * which keeps it without a date while one of their inquiries is open.)
 */
export async function subjectsToReschedule(trx: Tx): Promise<{ id: string; endedAt: Date }[]> {
  const ids = relationshipRecordTypes.map((type) => type.id);
  const pending = rescheduled
    .filter((target) => target.table !== 'data_subjects')
    .map(
      (target) =>
        sql`SELECT 1 FROM ${sql.table(target.table)} t WHERE t.subject_id = s.id AND t.dispose_after IS NULL AND ${recordTypeOf(target)} = ANY (${ids}::text[])`,
    );
  const result = await sql<{ id: string; ended_at: Date }>`
    SELECT s.id, s.relationship_ended_at AS ended_at FROM data_subjects s
    WHERE s.relationship_ended_at IS NOT NULL AND EXISTS (${sql.join(pending, sql` UNION ALL `)})`.execute(trx);
  return result.rows.map((row) => ({ id: row.id, endedAt: row.ended_at }));
}

function parseDate(value: string | null, timeZone: string): Date | null {
  if (value === null) return null;
  try {
    return new Date(startOfLocalDay(parseLocalDate(value), timeZone));
  } catch {
    throw new InvalidRelationshipEnd('endedOn', 'must be a date, YYYY-MM-DD, or null');
  }
}

/**
 * The end of a customer's relationship (an account closed, a member who ceased to
 * participate, a removal asked for), recorded by whoever may update the subject's records
 * in every business area, since every one of them is rescheduled: privacy officers, and the
 * system for feeds from account systems.
 */
export function createRelationshipEnds(options: { readonly timeZone?: string } = {}) {
  const timeZone = options.timeZone ?? agencyTimeZone;
  return {
    async record(
      trx: Tx,
      principal: Principal,
      subjectId: string,
      endedOn: string | null,
      ctx: AuditContext,
      now: Date,
    ): Promise<RelationshipEnd> {
      if (!canInEveryArea(principal, 'record.update')) throw new AccessDenied('record.update');
      if (!uuidPattern.test(subjectId)) throw new SubjectNotFound();
      const endedAt = parseDate(endedOn, timeZone);
      if (endedAt && endedAt.getTime() > now.getTime()) throw new InvalidRelationshipEnd('endedOn', 'must not be in the future');
      const subject = await trx
        .updateTable('data_subjects')
        .set({ relationship_ended_at: endedAt })
        .where('id', '=', subjectId)
        .returning(['id'])
        .executeTakeFirst();
      if (!subject) throw new SubjectNotFound();
      const changed = await rescheduleForRelationship(trx, subjectId, endedAt, timeZone);
      await appendAudit(trx, {
        at: now,
        actor: principal,
        action: 'update',
        recordType: 'data_subject',
        recordId: subjectId,
        subjects: [subjectId],
        ...ctx,
        outcome: 'ok',
        detail: { change: endedAt ? 'relationship_ended' : 'relationship_resumed', rescheduled: changed },
      });
      return { subjectId, endedOn, rescheduled: changed };
    },
  };
}

export type RelationshipEnds = ReturnType<typeof createRelationshipEnds>;
