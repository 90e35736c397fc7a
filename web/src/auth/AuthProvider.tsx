import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { fetchSession, logout, type Session } from '../api/auth.ts';
import { onServerActivity, onSessionLost, setCsrfToken } from '../api/client.ts';
import { AuthContext, type AuthState, type AuthStatus, type SignOutReason } from './AuthContext.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { setAgencyTimeZone } from '../cases/agencyTime.ts';
import { sessionClock } from './sessionClock.ts';

const statusOf = (session: Session | null): AuthStatus => (!session ? 'signed-out' : session.stage === 'full' ? 'signed-in' : 'signing-in');

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [endedBecause, setEndedBecause] = useState<SignOutReason | null>(null);
  const { clear: clearNotices } = useNotifications();
  const statusRef = useRef(status);
  statusRef.current = status;

  const apply = useCallback((next: Session | null) => {
    setSession(next);
    setStatus(statusOf(next));
    if (next) setAgencyTimeZone(next.timeZone);
    if (next?.stage === 'full') sessionClock.start(next);
    else sessionClock.stop();
  }, []);

  const refresh = useCallback(async () => {
    const next = await fetchSession();
    if (next) setEndedBecause(null);
    apply(next);
    return next;
  }, [apply]);

  // <RequireAuth> then sends the user to the sign-in page, with this reason as its notice.
  const end = useCallback(
    (reason: SignOutReason) => {
      setCsrfToken(null);
      setEndedBecause(reason);
      // The next person at this screen must not see the last one's messages.
      clearNotices();
      apply(null);
    },
    [apply, clearNotices],
  );

  const signOut = useCallback(
    async (reason: SignOutReason = 'signed-out') => {
      sessionClock.stop();
      await logout().catch(() => undefined);
      end(reason);
    },
    [end],
  );

  const reset = useCallback(() => {
    setCsrfToken(null);
    apply(null);
  }, [apply]);

  useEffect(() => {
    let live = true;
    fetchSession().then(
      (next) => live && apply(next),
      () => live && apply(null),
    );
    return () => {
      live = false;
    };
  }, [apply]);

  useEffect(() => onServerActivity(() => sessionClock.touch()), []);
  useEffect(
    () =>
      onSessionLost(() => {
        if (statusRef.current === 'signed-in') end('lost');
      }),
    [end],
  );

  const value = useMemo<AuthState>(
    () => ({ status, session, endedBecause, refresh, signOut, reset }),
    [status, session, endedBecause, refresh, signOut, reset],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
