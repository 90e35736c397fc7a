import type { CustomerPrincipal, Principal, StaffPrincipal, SystemPrincipal } from '../db/index.ts';
import { matrix, type Action, type Relation } from './matrix.ts';
import type { Role, StaffRole } from './roles.ts';

function grantsOf(roles: readonly Role[], drop: (action: Action) => boolean = () => false): string[] {
  const grants = new Set<string>();
  for (const role of roles) {
    for (const [action, relations] of Object.entries(matrix[role]) as [Action, readonly Relation[]][]) {
      if (drop(action)) continue;
      for (const relation of relations) grants.add(`${action}:${relation}`);
    }
  }
  return [...grants].sort();
}

/** Roles that can read sensitive fields must pass TOTP before those grants are live. */
export function requiresMfa(roles: readonly StaffRole[]): boolean {
  return roles.some((role) => (matrix[role]['record.read_sensitive'] ?? []).length > 0);
}

export function staffPrincipal(user: {
  readonly id: string;
  readonly roles: readonly StaffRole[];
  readonly areas: readonly string[];
  readonly mfaPassed: boolean;
}): StaffPrincipal {
  return {
    kind: 'staff',
    id: user.id,
    roles: [...user.roles],
    areas: [...user.areas],
    grants: grantsOf(user.roles, (action) => action === 'record.read_sensitive' && !user.mfaPassed),
  };
}

// The same for every customer and every job: computed once, not on every portal request.
const customerGrants = grantsOf(['customer']);
const systemGrants = grantsOf(['system']);

export function customerPrincipal(subjectId: string): CustomerPrincipal {
  return { kind: 'customer', id: subjectId, subjectId, grants: customerGrants };
}

export function systemPrincipal(job: string): SystemPrincipal {
  return { kind: 'system', id: `system:${job}`, grants: systemGrants };
}

/** How a record names who did something: 'staff:<uuid>', 'customer:<uuid>', 'system:system:<job>'. */
export function actorOf(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
