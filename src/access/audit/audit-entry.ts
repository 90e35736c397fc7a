import type { Principal } from '../../db/index.ts';

/** What was done. A read or search that returned personal data is logged like a change. */
export const auditActions = [
  'read',
  'search',
  'create',
  'update',
  'delete',
  'export',
  'print',
  /** Personal data given outside the organisation (also entered in the accounting of disclosures). */
  'disclose',
  /** A masked value shown in full on request. */
  'reveal',
  /** Records removed by the retention sweep. */
  'dispose',
  /** A subject crypto-shredded. */
  'erase',
  'login',
  'login_failed',
  /** A second factor passed or refused. */
  'mfa',
  'mfa_failed',
  'logout',
  'password_change',
  /** Roles, business areas, MFA enrolment, API tokens. */
  'permission_change',
  /** Configuration such as business areas or routing rules. */
  'settings_change',
  /** Two records of one subject made one, and that undone. */
  'merge',
  'unmerge',
  /** Records created in bulk from a file. */
  'import',
  /** A portal response left, carrying the records of `subjects` to the session in `detail`. */
  'portal.response',
  /** The portal's egress guard withheld a response carrying another customer's records: a security incident. */
  'portal.egress_blocked',
] as const;

export type AuditAction = (typeof auditActions)[number];

export const auditOutcomes = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

type DetailScalar = string | number | boolean | null;

/**
 * Machine-readable particulars: ids, codes, counts, flags — NEVER personal values (NIST
 * SP 800-53 AU-3(3)): no names, addresses, phone numbers, e-mail addresses, message text
 * or search terms. The log outlives the records it describes and cannot be erased, so a
 * value written here could never be disposed of or crypto-shredded. Write the id of the
 * record or the name of the field instead. Flat on purpose: one level, short strings.
 */
export type AuditDetail = Readonly<Record<string, DetailScalar | readonly DetailScalar[]>>;

export interface AuditEntry {
  /** From the caller's clock; stored to the millisecond. */
  readonly at: Date;
  /** Who did it: the principal of the transaction that writes the entry (RLS checks it). */
  readonly actor: Principal;
  /**
   * The role the work was done in, e.g. 'agent'. Defaults to a staff member's roles
   * joined by '+' (or 'staff' if none), else the principal's kind.
   */
  readonly actorRole?: string;
  readonly action: AuditAction;
  /** The record acted on: a catalog record type and its id. */
  readonly recordType?: string | null;
  readonly recordId?: string | null;
  /** Every data subject whose personal data the work touched or the response carried. */
  readonly subjects: readonly string[];
  /** Why: the routine use or internal purpose the notice allows, e.g. 'case.resolution'. */
  readonly purpose: string;
  readonly requestId?: string | null;
  readonly clientAddr?: string | null;
  readonly outcome: AuditOutcome;
  readonly detail?: AuditDetail;
}

/** The actor_role an entry records. */
export function actorRoleOf(entry: Pick<AuditEntry, 'actor' | 'actorRole'>): string {
  if (entry.actorRole !== undefined) return entry.actorRole;
  const actor = entry.actor;
  if (actor.kind === 'staff' && actor.roles.length > 0) return [...actor.roles].sort().join('+');
  return actor.kind;
}
