import type { StaffRole } from '../roles.ts';

/** One entry of the claim → role map: a member of `group` at the provider holds `role` here. */
export interface RoleMapping {
  readonly group: string;
  readonly role: StaffRole;
}

/** Single sign-on as configured (src/config.ts reads it from CASELINE_OIDC_* and CASELINE_PUBLIC_URL). */
export interface OidcSettings {
  /** The provider's issuer identifier; discovery reads `${issuer}/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Null for a public client (PKCE only); otherwise sent as HTTP Basic (client_secret_basic). */
  readonly clientSecret: string | null;
  /** `${publicUrl}/api/auth/oidc/callback`: must be registered at the provider exactly. */
  readonly redirectUri: string;
  /** The claim that lists the user's groups: a string or an array of strings; a dotted path reaches into objects. */
  readonly roleClaim: string;
  readonly roleMap: readonly RoleMapping[];
  /** The claim that lists the user's business areas, or null when areas are managed in Caseline. */
  readonly areaClaim: string | null;
  /** The sign-in button's text. */
  readonly label: string;
}
