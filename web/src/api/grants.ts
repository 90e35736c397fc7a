import type { StaffRole } from './roles.ts';

/** Actions an API token may be scoped to: a typed copy of src/access/matrix.ts. */
export const recordActions = [
  'record.read',
  'record.create',
  'record.update',
  'record.delete',
  'record.read_sensitive',
  'record.export',
] as const;
export const systemActions = [
  'audit.read',
  'audit.verify',
  'user.manage',
  'settings.manage',
  'keys.manage',
  'catalog.read',
  'retention.manage',
  'routing.manage',
  'macros.manage',
  'reports.read',
  'notices.publish',
  'letters.print',
  'fraud.review',
  'tracking.ingest',
] as const;
export type Scope = (typeof recordActions)[number] | (typeof systemActions)[number];
export const scopes: readonly Scope[] = [...recordActions, ...systemActions];

export const scopeLabels: Record<Scope, string> = {
  'record.read': 'Read records',
  'record.create': 'Create records',
  'record.update': 'Update records',
  'record.delete': 'Delete records',
  'record.read_sensitive': 'Read sensitive fields',
  'record.export': 'Export records',
  'audit.read': 'Read the audit log',
  'audit.verify': 'Verify the audit log',
  'user.manage': 'Manage users',
  'settings.manage': 'Manage settings',
  'keys.manage': 'Manage keys',
  'catalog.read': 'Read the catalog',
  'retention.manage': 'Manage retention',
  'routing.manage': 'Manage routing rules and queues',
  'macros.manage': 'Manage macros',
  'reports.read': 'Read reports',
  'notices.publish': 'Publish notices',
  'letters.print': 'Print queued letters',
  'fraud.review': 'Review changes of address held for fraud',
  'tracking.ingest': 'Load tracking events',
};

/** The actions each role holds in some relation (the matrix's rows, without the relations). */
export const actionsByRole: Record<StaffRole, readonly Scope[]> = {
  agent: ['record.read', 'record.create', 'record.update', 'record.read_sensitive', 'catalog.read'],
  supervisor: [
    'record.read',
    'record.create',
    'record.update',
    'record.read_sensitive',
    'record.export',
    'routing.manage',
    'macros.manage',
    'reports.read',
    'letters.print',
    'fraud.review',
    'catalog.read',
  ],
  business_area_staff: ['record.read', 'record.create', 'record.update', 'catalog.read'],
  contractor: ['record.read', 'record.create', 'record.update', 'catalog.read'],
  privacy_officer: [
    'record.read',
    'record.create',
    'record.update',
    'record.delete',
    'record.read_sensitive',
    'record.export',
    'audit.read',
    'catalog.read',
    'notices.publish',
  ],
  records_manager: ['record.read', 'record.delete', 'retention.manage', 'catalog.read'],
  auditor: ['audit.read', 'audit.verify', 'catalog.read'],
  administrator: ['user.manage', 'settings.manage', 'keys.manage', 'tracking.ingest', 'catalog.read'],
};

/** Scopes a user with these roles can give a token (the server refuses any other). */
export function heldScopes(roles: readonly StaffRole[]): Scope[] {
  const held = new Set(roles.flatMap((role) => actionsByRole[role]));
  return scopes.filter((scope) => held.has(scope));
}

export function rolesHolding(action: Scope): StaffRole[] {
  return (Object.keys(actionsByRole) as StaffRole[]).filter((role) => actionsByRole[role].includes(action));
}
