import type { Principal } from '../db/index.ts';
import type { Action, Relation } from './matrix.ts';

/** What a record must expose for an access decision: the same two columns RLS decides on. */
export interface RecordScope {
  readonly subjectId: string | null;
  readonly businessArea: string | null;
}

export class AccessDenied extends Error {
  readonly action: Action;
  constructor(action: Action) {
    super(`not allowed: ${action}`);
    this.name = 'AccessDenied';
    this.action = action;
  }
}

/** Mirrors caseline.relation() in SQL; a test holds the two to the same answers. */
export function relationOf(principal: Principal, record: RecordScope): Relation {
  switch (principal.kind) {
    case 'customer':
      return record.subjectId !== null && record.subjectId === principal.subjectId ? 'own' : 'other';
    case 'staff':
      if (record.businessArea === null) return 'shared';
      return principal.areas.includes(record.businessArea) ? 'in_area' : 'other_area';
    case 'system':
      return 'any';
  }
}

export function can(principal: Principal, action: Action, record?: RecordScope): boolean {
  if (principal.grants.includes(`${action}:any`)) return true;
  if (!record) return false;
  return principal.grants.includes(`${action}:${relationOf(principal, record)}`);
}

/**
 * Whether `principal` may do `action` on the records of every business area and of none:
 * what an act reaching all of a subject's records, wherever they are kept, requires.
 */
export function canInEveryArea(principal: Principal, action: Action): boolean {
  if (can(principal, action)) return true;
  return (
    principal.kind === 'staff' &&
    (['shared', 'in_area', 'other_area'] as const).every((relation) => principal.grants.includes(`${action}:${relation}`))
  );
}

/** The access check services open with: throws AccessDenied, which the HTTP layer turns into 403. */
export function authorize(principal: Principal, action: Action, record?: RecordScope): void {
  if (!can(principal, action, record)) throw new AccessDenied(action);
}
