import { staffRoles, type StaffRole } from '../roles.ts';
import type { RoleMapping } from './oidc-settings.ts';

/** Claims as a provider sends them: the ID token's, completed from userinfo where needed. */
export type Claims = Readonly<Record<string, unknown>>;

/**
 * The claim's value, by exact name first (names such as `https://example.com/groups` hold
 * dots), then as a dotted path into nested objects (Keycloak's `realm_access.roles`).
 */
function claimAt(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The strings a claim lists: an array of strings, or one string (some providers send a single group as a string). */
export function claimValues(claims: Claims, name: string): string[] {
  const value = claimAt(claims, name);
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return [];
}

export function hasClaim(claims: Claims, name: string): boolean {
  return claimAt(claims, name) !== undefined;
}

/** The staff roles the groups map to, in the catalogue's order and without repeats. */
export function mapRoles(groups: readonly string[], roleMap: readonly RoleMapping[]): StaffRole[] {
  const held = new Set(roleMap.filter((m) => groups.includes(m.group)).map((m) => m.role));
  return staffRoles.filter((role) => held.has(role));
}

/** RFC 8176 methods that are a second factor (or imply one): multiple factors, one-time password, hardware key. */
export const mfaMethods = ['mfa', 'otp', 'hwk'] as const;

/**
 * Authentication context classes that promise more than one factor: OpenID PAPE's
 * multi-factor classes, and NIST SP 800-63 AAL2 and AAL3 as Login.gov and other
 * federal providers name them (with or without their `?phishing_resistant=true`-style suffixes).
 */
const mfaAcrs = [
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor-physical',
];
const mfaAcrPrefixes = ['http://idmanagement.gov/ns/assurance/aal/2', 'http://idmanagement.gov/ns/assurance/aal/3'];

/**
 * Whether the provider's authentication counts as Caseline's second factor. Only the ID
 * token says (userinfo does not describe the authentication): its `amr` must list `mfa`,
 * `otp` or `hwk`, or its `acr` must be one of the multi-factor classes above. Anything
 * else — no amr, `pwd` alone, an unknown acr — does not, and roles that read sensitive
 * fields then go through Caseline's own TOTP steps.
 */
export function providerPassedMfa(idToken: Claims): boolean {
  const amr = claimValues(idToken, 'amr');
  if (amr.some((method) => (mfaMethods as readonly string[]).includes(method))) return true;
  const acr = idToken.acr;
  if (typeof acr !== 'string') return false;
  return mfaAcrs.includes(acr) || mfaAcrPrefixes.some((prefix) => acr === prefix || acr.startsWith(`${prefix}?`));
}

function text(claims: Claims, name: string): string | null {
  const value = claims[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const maxBase = 56;

/**
 * The username a first sign-in proposes, valid for usernamePattern: preferred_username,
 * else the e-mail address's local part (an address-shaped username is cut at the @ too),
 * folded to lower-case ASCII letters, digits and . _ -, starting with a letter.
 */
export function usernameBase(claims: Claims): string {
  const raw = text(claims, 'preferred_username') ?? text(claims, 'email') ?? '';
  const folded = raw
    .split('@')[0]!
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, maxBase)
    .replace(/[._-]+$/, '');
  return folded.length >= 2 ? folded : 'sso-user';
}

/** Usernames to try in turn when the base is taken: base, base-2 … base-9, then a random suffix (from `random`). */
export function usernameCandidates(base: string, random: () => string): string[] {
  return [base, ...Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`), `${base}-${random()}`];
}

/** The display name: `name`, else given and family names, else the username. */
export function displayNameOf(claims: Claims, username: string): string {
  const name = text(claims, 'name') ?? ([text(claims, 'given_name'), text(claims, 'family_name')].filter(Boolean).join(' ') || null);
  return (name ?? username).slice(0, 200);
}
