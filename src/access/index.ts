export { staffRoles, roleDescriptions, isStaffRole, type StaffRole, type Role } from './roles.ts';
export { matrix, recordActions, systemActions, staffRelations, customerRelations, allowedRelations } from './matrix.ts';
export type { Action, RecordAction, SystemAction, Relation } from './matrix.ts';
export { AccessDenied, authorize, can, canInEveryArea, relationOf, type RecordScope } from './policy.ts';
export { actorOf, customerPrincipal, requiresMfa, staffPrincipal, systemPrincipal } from './principals.ts';
export type { AuditContext } from './audit-context.ts';
export type { SecretBox } from './secret-box.ts';
export { WeakPasswordError, passwordRules } from './passwords.ts';
export { totpCode } from './totp.ts';
export { createStaffAuth, InvalidCode, LoginFailed, WrongStage, lockout } from './staff/staff-auth.ts';
export {
  createOidcSignIn,
  flowLifetimeMs,
  oidcScope,
  SingleSignOnRefused,
  SingleSignOnUnavailable,
  type OidcRefusal,
  type OidcSignIn,
  type OidcSignInDeps,
  type StartedSignIn,
} from './oidc/oidc-sign-in.ts';
export type { OidcSettings, RoleMapping } from './oidc/oidc-settings.ts';
export { mfaMethods, providerPassedMfa } from './oidc/oidc-claims.ts';
export type { IssuedSession, SessionInfo, SessionStage, StaffAuth, StaffAuthDeps } from './staff/staff-auth.ts';
export { usernamePattern, type StaffUser } from './staff/staff-user.ts';
export {
  createStaffUser,
  DuplicateUsername,
  listBusinessAreas,
  listStaffUsers,
  NotFound,
  resetStaffMfa,
  UnknownBusinessArea,
  updateStaffUser,
  upsertBusinessArea,
} from './staff/staff-admin.ts';
export type { BusinessArea, NewStaffUser, StaffUserChange } from './staff/staff-admin.ts';
export { createApiToken, listApiTokens, resolveApiToken, revokeApiToken, ScopeNotHeld, type ApiToken } from './staff/api-tokens.ts';
export * from './audit/index.ts';
export { searchAuditLog, type AuditFilter, type AuditRow } from './audit-search.ts';
export * from './portal/index.ts';
export { carrying, carryOver, foreignSubjects, subjectsCarried } from './egress.ts';
