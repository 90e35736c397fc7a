/**
 * Who a unit of work runs for. Built by `access/` (which computes `grants` from the
 * authorization matrix); the database layer only carries it into the transaction,
 * where row-level security reads it.
 */
export type Principal = StaffPrincipal | CustomerPrincipal | SystemPrincipal;

interface PrincipalBase {
  /** Stable id written to the audit log as the actor. */
  readonly id: string;
  /** 'action:relation' pairs, e.g. 'record.read:in_area'. */
  readonly grants: readonly string[];
}

export interface StaffPrincipal extends PrincipalBase {
  readonly kind: 'staff';
  readonly roles: readonly string[];
  readonly areas: readonly string[];
}

export interface CustomerPrincipal extends PrincipalBase {
  readonly kind: 'customer';
  readonly subjectId: string;
}

export interface SystemPrincipal extends PrincipalBase {
  readonly kind: 'system';
}

const settingValue = /^[A-Za-z0-9_.:@-]*$/;

const settingNames = [
  'caseline.principal_kind',
  'caseline.principal_id',
  'caseline.subject_id',
  'caseline.areas',
  'caseline.grants',
] as const;
type SettingName = (typeof settingNames)[number];

const configs = settingNames.map((name, i) => `set_config('${name}', $${i + 1}, true)`);
const settingsText = `SELECT ${configs.join(', ')}`;
const settingsWithRoleText = `${settingsText}, set_config('role', $${settingNames.length + 1}, true)`;

/**
 * The one statement that gives a transaction its principal's settings (transaction-local), and
 * its role when one is named: set_config('role', …, true) is SET LOCAL ROLE.
 */
export function settingsStatement(principal: Principal, role?: string): { readonly text: string; readonly values: string[] } {
  const settings = principalSettings(principal);
  const values = settingNames.map((name) => settings[name]);
  return role === undefined ? { text: settingsText, values } : { text: settingsWithRoleText, values: [...values, role] };
}

/** The SET LOCAL values of a principal; rejects characters that could split a list setting. */
function principalSettings(principal: Principal): Record<SettingName, string> {
  const areas = principal.kind === 'staff' ? principal.areas : [];
  for (const value of [principal.id, ...principal.grants, ...areas]) {
    if (!settingValue.test(value)) throw new TypeError('principal values must be plain identifiers');
  }
  return {
    'caseline.principal_kind': principal.kind,
    'caseline.principal_id': principal.id,
    'caseline.subject_id': principal.kind === 'customer' ? principal.subjectId : '',
    'caseline.areas': areas.join(','),
    'caseline.grants': principal.grants.join(','),
  };
}
