import { api, setCsrfToken } from './client.ts';
import { ApiError } from './problem.ts';
import type { StaffRole } from './roles.ts';

/** Shapes of src/http/routes/auth.ts. */
export type SessionStage = 'mfa' | 'password_change' | 'mfa_enrolment' | 'full';

export interface SignedIn {
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface StageOnly {
  readonly stage: SessionStage;
}

/** GET /api/auth/session */
export interface Session {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly StaffRole[];
  readonly businessAreas: readonly string[];
  readonly totpEnabled: boolean;
  readonly stage: SessionStage;
  readonly csrfToken: string;
  readonly expiresAt: string;
  readonly idleMinutes: number;
  /** The agency's IANA time zone: service-level times are shown in it. */
  readonly timeZone: string;
}

export interface TotpEnrolment {
  readonly secret: string;
  readonly uri: string;
}

/** GET /api/auth/oidc: whether single sign-on is offered, and the text of its button. */
export interface OidcConfig {
  readonly enabled: boolean;
  readonly label: string;
}

export const defaultOidcLabel = 'Sign in with single sign-on';

export const oidcStartPath = '/api/auth/oidc/start';
const signingIn = { signingIn: true } as const;

export async function login(username: string, password: string): Promise<SignedIn> {
  const result = await api.post<SignedIn>('/api/auth/login', { username, password }, signingIn);
  setCsrfToken(result.csrfToken);
  return result;
}

export const verifyMfa = (code: string) => api.post<StageOnly>('/api/auth/mfa', { code }, signingIn);
export const beginTotpEnrolment = () => api.post<TotpEnrolment>('/api/auth/totp/enrol', {}, signingIn);
export const confirmTotpEnrolment = (code: string) => api.post<StageOnly>('/api/auth/totp/confirm', { code }, signingIn);
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<StageOnly>('/api/auth/password', { currentPassword, newPassword }, signingIn);

export async function logout(): Promise<void> {
  try {
    await api.post<void>('/api/auth/logout', {}, signingIn);
  } finally {
    setCsrfToken(null);
  }
}

/** The session behind the cookie, or null when there is none. Also refreshes the idle timer. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/session', signingIn);
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** A 404 (the endpoint not deployed) or any failure means single sign-on is off. */
export async function fetchOidcConfig(): Promise<OidcConfig> {
  try {
    const config = await api.get<OidcConfig>('/api/auth/oidc', signingIn);
    return { enabled: config.enabled === true, label: config.label?.trim() || defaultOidcLabel };
  } catch {
    return { enabled: false, label: defaultOidcLabel };
  }
}
