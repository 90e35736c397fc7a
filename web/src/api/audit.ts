import { api } from './client.ts';

/** What was done: a typed copy of auditActions in src/access/audit/audit-entry.ts. */
export const auditActions = [
  'read',
  'search',
  'create',
  'update',
  'delete',
  'export',
  'print',
  'disclose',
  'reveal',
  'dispose',
  'erase',
  'login',
  'login_failed',
  'mfa',
  'mfa_failed',
  'logout',
  'password_change',
  'permission_change',
  'settings_change',
  'merge',
  'unmerge',
  'import',
] as const;
export type AuditAction = (typeof auditActions)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}

/** Shapes of src/http/routes/audit.ts. */
export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actorKind: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly action: string;
  readonly recordType: string | null;
  readonly recordId: string | null;
  /** Ids of the data subjects whose personal data the work carried; never values. */
  readonly subjects: readonly string[];
  readonly purpose: string;
  readonly requestId: string | null;
  readonly clientAddr: string | null;
  readonly outcome: string;
  readonly detail: Readonly<Record<string, unknown>>;
  /** Null until sealed into the hash chain (within about a second). */
  readonly chainPos: number | null;
}

export interface AuditFilter {
  readonly actor?: string;
  readonly subject?: string;
  readonly recordType?: string;
  readonly recordId?: string;
  readonly action?: AuditAction;
  /** ISO 8601 date-times. */
  readonly from?: string;
  readonly to?: string;
}

export const auditFilterKeys = ['actor', 'subject', 'recordType', 'recordId', 'action', 'from', 'to'] as const;

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries?: number;
  readonly sealedHead?: { readonly chainPos: number; readonly hash: string } | null;
  readonly checkpointsChecked?: number;
  readonly unsealed?: number;
  readonly problem?: { readonly kind: string; readonly chainPos: number; readonly message: string };
}

export const searchAudit = (filter: AuditFilter, page: { before?: number; limit?: number } = {}) =>
  api.get<AuditEntry[]>('/api/audit', { query: { ...filter, ...page } });
export const verifyAudit = () => api.get<AuditVerification>('/api/audit/verify');
