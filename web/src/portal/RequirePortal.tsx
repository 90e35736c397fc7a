import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../frame/Loading.tsx';
import { usePortalSession } from './PortalSessionContext.ts';

export interface SignInState {
  /** The portal page the person asked for before signing in. */
  readonly from?: string;
}

/**
 * A page for a signed-in account ('account') or one linked to its customer record
 * ('customer'): anyone else is sent to sign in, or to link, rather than shown an error.
 */
export function RequirePortal({ level, children }: { readonly level: 'account' | 'customer'; readonly children: ReactNode }) {
  const { status } = usePortalSession();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (status === 'signed-out' || status === 'mfa') {
    const state: SignInState = { from: location.pathname };
    return <Navigate to="/portal/sign-in" replace state={state} />;
  }
  if (level === 'customer' && status === 'unlinked') return <Navigate to="/portal/link" replace />;
  return <>{children}</>;
}
