import type { ReactNode } from 'react';
import type { StaffRole } from '../api/roles.ts';
import { AccessDeniedPage } from '../frame/AccessDeniedPage.tsx';
import { hasAnyRole } from '../frame/navItems.ts';
import { useSession } from './useSession.ts';

/** A page for some roles only: the same roles its navigation link is shown to. */
export function RequireRoles({ roles, children }: { readonly roles: readonly StaffRole[]; readonly children: ReactNode }) {
  const session = useSession();
  return hasAnyRole(session.roles, roles) ? children : <AccessDeniedPage />;
}
