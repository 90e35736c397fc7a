import { startTransition, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { onPortalSessionLost, portalApi, type PortalSession } from './portalApi.ts';
import { PortalSessionContext, type PortalSessionState, type PortalSessionValue } from './PortalSessionContext.ts';

function statusOf(session: PortalSession): PortalSessionState['status'] {
  if (!session.signedIn) return 'signed-out';
  if (session.stage !== 'full') return 'mfa';
  return session.linked ? 'linked' : 'unlinked';
}

/** Where this browser stands with the portal, from GET /portal/api/session; asked again whenever a request is refused for it. */
export function PortalSessionProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<PortalSessionState['status']>('loading');
  const [agency, setAgency] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const session = await portalApi.session().catch(() => null);
    const next = session ? statusOf(session) : ('signed-out' as const);
    if (session) setAgency(session.agency);
    setStatus(next);
    return next;
  }, []);

  useEffect(() => {
    void refresh();
    return onPortalSessionLost(() => void refresh());
  }, [refresh]);

  const value = useMemo<PortalSessionValue>(
    () => ({
      status,
      agency,
      refresh,
      // A transition, as the router's navigations are: rendered with the navigation to a public
      // page that the caller starts alongside, not before it (which would send the person to sign in).
      ended: () => startTransition(() => setStatus('signed-out')),
    }),
    [status, agency, refresh],
  );
  return <PortalSessionContext.Provider value={value}>{children}</PortalSessionContext.Provider>;
}
