import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { actorOf, appendAudit, authorize, type AuditContext } from '../../../access/index.ts';
import { recordTypes } from '../../../catalog/index.ts';
import type { LegalHoldsTable, Principal, Tx } from '../../../db/index.ts';

/** Which records a hold keeps: every criterion given must match; at least one is given. */
export interface HoldScope {
  readonly subjectId?: string | null;
  readonly caseId?: string | null;
  readonly recordType?: string | null;
  readonly businessArea?: string | null;
  /** Records created at or after this instant… */
  readonly createdFrom?: Date | null;
  /** …and before this one. */
  readonly createdTo?: Date | null;
}

export interface HoldInput {
  readonly scope: HoldScope;
  readonly reason: string;
  readonly owner: string;
  /** A local calendar date, YYYY-MM-DD: when the hold's need is looked at again. */
  readonly reviewOn: string;
}

export interface LegalHold {
  readonly id: string;
  readonly scope: HoldScope;
  readonly reason: string;
  readonly owner: string;
  readonly reviewOn: string;
  readonly placedBy: string;
  readonly placedAt: Date;
  readonly releasedBy: string | null;
  readonly releasedAt: Date | null;
  readonly releaseNote: string | null;
}

/** A hold that cannot be placed as given; `field` names the input field. */
export class InvalidHold extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.field = field;
    this.reason = reason;
  }
}

export class HoldNotFound extends Error {}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function checkText(field: string, value: string, min: number, max: number): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text.length < min || text.length > max) throw new InvalidHold(field, `must be ${min} to ${max} characters`);
  return text;
}

function checkScope(scope: HoldScope): HoldScope {
  for (const field of ['subjectId', 'caseId'] as const) {
    const value = scope[field];
    if (value != null && !uuidPattern.test(value)) throw new InvalidHold(`scope/${field}`, 'must be a UUID');
  }
  if (scope.recordType != null && !recordTypes.has(scope.recordType))
    throw new InvalidHold('scope/recordType', 'is not a record type of the catalog');
  if (scope.businessArea != null && scope.businessArea.trim() === '') throw new InvalidHold('scope/businessArea', 'must not be empty');
  for (const field of ['createdFrom', 'createdTo'] as const) {
    const value = scope[field];
    if (value != null && Number.isNaN(value.getTime())) throw new InvalidHold(`scope/${field}`, 'must be a date and time');
  }
  if (scope.createdFrom && scope.createdTo && scope.createdFrom.getTime() >= scope.createdTo.getTime())
    throw new InvalidHold('scope/createdTo', 'must be after createdFrom');
  const given = [scope.subjectId, scope.caseId, scope.recordType, scope.businessArea, scope.createdFrom, scope.createdTo].filter(
    (value) => value != null,
  );
  if (given.length === 0)
    throw new InvalidHold('scope', 'name at least one of subjectId, caseId, recordType, businessArea, createdFrom, createdTo');
  return scope;
}

function checkDate(field: string, value: string): string {
  if (
    !datePattern.test(value) ||
    Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ||
    new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value
  )
    throw new InvalidHold(field, 'must be a date, YYYY-MM-DD');
  return value;
}

function toHold(row: Selectable<LegalHoldsTable>): LegalHold {
  return {
    id: row.id,
    scope: {
      subjectId: row.subject_id,
      caseId: row.case_id,
      recordType: row.record_type,
      businessArea: row.business_area,
      createdFrom: row.created_from,
      createdTo: row.created_to,
    },
    reason: row.reason,
    owner: row.owner,
    reviewOn: row.review_on,
    placedBy: row.placed_by,
    placedAt: row.placed_at,
    releasedBy: row.released_by,
    releasedAt: row.released_at,
    releaseNote: row.release_note,
  };
}

/** Legal holds: placed and released by whoever manages retention; the sweep never disposes what one covers. */
export function createLegalHolds() {
  return {
    async place(trx: Tx, principal: Principal, input: HoldInput, ctx: AuditContext, now: Date): Promise<LegalHold> {
      authorize(principal, 'retention.manage');
      const scope = checkScope(input.scope ?? {});
      const row = {
        id: randomUUID(),
        subject_id: scope.subjectId ?? null,
        case_id: scope.caseId ?? null,
        record_type: scope.recordType ?? null,
        business_area: scope.businessArea?.trim() ?? null,
        created_from: scope.createdFrom ?? null,
        created_to: scope.createdTo ?? null,
        reason: checkText('reason', input.reason, 3, 500),
        owner: checkText('owner', input.owner, 1, 200),
        review_on: checkDate('reviewOn', input.reviewOn),
        placed_by: actorOf(principal),
        placed_at: now,
      };
      const stored = await trx.insertInto('legal_holds').values(row).returningAll().executeTakeFirstOrThrow();
      await appendAudit(trx, {
        at: now,
        actor: principal,
        action: 'create',
        recordType: 'legal_hold',
        recordId: row.id,
        subjects: row.subject_id ? [row.subject_id] : [],
        ...ctx,
        outcome: 'ok',
        detail: { case_id: row.case_id, record_type: row.record_type, business_area: row.business_area },
      });
      return toHold(stored);
    },

    /** Ends a hold; what it kept becomes due again at the next sweep if its rule has run. */
    async release(trx: Tx, principal: Principal, id: string, note: string, ctx: AuditContext, now: Date): Promise<LegalHold> {
      authorize(principal, 'retention.manage');
      if (!uuidPattern.test(id)) throw new HoldNotFound();
      const releaseNote = checkText('note', note, 3, 500);
      const released = await trx
        .updateTable('legal_holds')
        .set({ released_at: now, released_by: actorOf(principal), release_note: releaseNote })
        .where('id', '=', id)
        .where('released_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      if (!released) throw new HoldNotFound();
      await appendAudit(trx, {
        at: now,
        actor: principal,
        action: 'update',
        recordType: 'legal_hold',
        recordId: id,
        subjects: released.subject_id ? [released.subject_id] : [],
        ...ctx,
        outcome: 'ok',
        detail: { change: 'released' },
      });
      return toHold(released);
    },

    async list(trx: Tx, principal: Principal, options: { readonly active?: boolean } = {}): Promise<LegalHold[]> {
      authorize(principal, 'retention.manage');
      let query = trx.selectFrom('legal_holds').selectAll().orderBy('placed_at', 'desc').orderBy('id');
      if (options.active) query = query.where('released_at', 'is', null);
      return (await query.execute()).map(toHold);
    },
  };
}

export type LegalHolds = ReturnType<typeof createLegalHolds>;
