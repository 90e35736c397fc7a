import { Suspense } from 'react';
import { Outlet, useLocation } from 'react-router';
import { GovBanner } from '@trussworks/react-uswds';
import { useSession } from '../auth/useSession.ts';
import { SessionTimeout } from '../auth/SessionTimeout.tsx';
import { AppHeader } from './AppHeader.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Loading } from './Loading.tsx';
import { NotificationsRegion } from './NotificationsRegion.tsx';
import { SideNavigation } from './SideNavigation.tsx';
import { SkipLink, mainContentId } from './SkipLink.tsx';
import { navItemsFor } from './navItems.ts';

/** The signed-in frame: skip link, banner, header, side navigation, notifications, main. */
export function Frame() {
  const session = useSession();
  const location = useLocation();
  const hasNav = navItemsFor(session.roles).length > 0;
  return (
    <div className="caseline-wide">
      <SkipLink />
      <GovBanner aria-label="Official website of the United States government" />
      <AppHeader session={session} />
      <div className="grid-container-widescreen caseline-body">
        <NotificationsRegion />
        <div className="grid-row grid-gap-lg">
          {hasNav && (
            <div className="tablet:grid-col-3 desktop:grid-col-2 caseline-sidenav-column">
              <SideNavigation roles={session.roles} />
            </div>
          )}
          <main
            id={mainContentId}
            tabIndex={-1}
            className={`${hasNav ? 'tablet:grid-col-9 desktop:grid-col-10' : 'grid-col-12'} caseline-main`}
          >
            <ErrorBoundary resetKey={location.key}>
              <Suspense fallback={<Loading />}>
                <Outlet />
              </Suspense>
            </ErrorBoundary>
          </main>
        </div>
      </div>
      <SessionTimeout />
    </div>
  );
}
