import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../frame/Loading.tsx';
import { useAuth } from './useAuth.ts';

/** Children only for a fully signed-in session; otherwise the sign-in page, which comes back here. */
export function RequireAuth({ children }: { readonly children: ReactNode }) {
  const { status, endedBecause } = useAuth();
  const location = useLocation();
  if (status === 'loading')
    return (
      <main id="main-content" className="grid-container">
        <Loading label="Loading Caseline…" />
      </main>
    );
  if (status !== 'signed-in') {
    // After a deliberate sign-out the next sign-in starts at home; after a lost or expired session it comes back here.
    const from = endedBecause === 'signed-out' ? undefined : location.pathname;
    return <Navigate to="/sign-in" replace state={{ from, notice: endedBecause ?? undefined }} />;
  }
  return children;
}
