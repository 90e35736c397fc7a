import type { Session } from '../api/auth.ts';
import { useAuth } from './useAuth.ts';

/** The signed-in user's session; only for components under <RequireAuth>. */
export function useSession(): Session {
  const { session, status } = useAuth();
  if (!session || status !== 'signed-in') throw new Error('useSession needs a signed-in session');
  return session;
}
