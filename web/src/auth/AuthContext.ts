import { createContext } from 'react';
import type { Session } from '../api/auth.ts';

/** Why the user is on the sign-in page: shown there as a notice. */
export type SignOutReason = 'signed-out' | 'expired' | 'lost';

export type AuthStatus = 'loading' | 'signed-out' | 'signing-in' | 'signed-in';

export interface AuthState {
  readonly status: AuthStatus;
  /** The session: in 'signing-in', one whose stage is not yet 'full'. */
  readonly session: Session | null;
  /** Why the last session ended, for the sign-in page's notice. */
  readonly endedBecause: SignOutReason | null;
  /** Reads GET /api/auth/session again (which also keeps the session alive). */
  readonly refresh: () => Promise<Session | null>;
  /** Ends the session on the server (best effort) and goes to the sign-in page with a notice. */
  readonly signOut: (reason?: SignOutReason) => Promise<void>;
  /** Abandons a half-finished sign-in without leaving the sign-in page. */
  readonly reset: () => void;
}

export const AuthContext = createContext<AuthState | null>(null);
