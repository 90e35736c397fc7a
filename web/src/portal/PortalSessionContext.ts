import { createContext, useContext } from 'react';

export interface PortalSessionState {
  /** 'loading' until the first GET /portal/api/session has answered. */
  readonly status: 'loading' | 'signed-out' | 'mfa' | 'unlinked' | 'linked';
  /** The agency the portal serves (CASELINE_AGENCY_NAME), for the header; null until the server has said. */
  readonly agency: string | null;
}

export interface PortalSessionValue extends PortalSessionState {
  /** Asks the server again (after sign-in, linking, or a request refused for the session). */
  readonly refresh: () => Promise<PortalSessionState['status']>;
  /** The session is known to be over (signed out, here or everywhere): no need to ask. Navigate away in the same tick. */
  readonly ended: () => void;
}

export const PortalSessionContext = createContext<PortalSessionValue | null>(null);

export function usePortalSession(): PortalSessionValue {
  const value = useContext(PortalSessionContext);
  if (!value) throw new Error('usePortalSession must be used inside <PortalSessionProvider>');
  return value;
}
