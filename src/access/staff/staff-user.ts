import { isStaffRole, type StaffRole } from '../roles.ts';
import type { StaffLoginRow } from './staff-user-repository.ts';

/** A staff account as services and routes see it: never the hash or the TOTP seed. */
export interface StaffUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
  readonly totpEnabled: boolean;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
  /** Signs in through an OpenID provider (no password); its roles follow the provider's groups. */
  readonly singleSignOn: boolean;
}

export function toStaffUser(row: StaffLoginRow): StaffUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles.filter(isStaffRole),
    businessAreas: row.business_areas,
    totpEnabled: row.totp_enabled_at !== null,
    mustChangePassword: row.must_change_password,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
    singleSignOn: row.oidc_subject !== null,
  };
}

export const usernamePattern = '^[a-z][a-z0-9._-]{1,62}$';
