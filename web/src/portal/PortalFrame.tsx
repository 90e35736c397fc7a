import { Suspense, useEffect, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { Button, GovBanner, Header, NavMenuButton, PrimaryNav, Title } from '@trussworks/react-uswds';
import { ErrorBoundary } from '../frame/ErrorBoundary.tsx';
import { Loading } from '../frame/Loading.tsx';
import { NotificationsRegion } from '../frame/NotificationsRegion.tsx';
import { SkipLink, mainContentId } from '../frame/SkipLink.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { portalApi } from './portalApi.ts';
import { usePortalSession } from './PortalSessionContext.ts';

const navClass = ({ isActive }: { isActive: boolean }) => `usa-nav__link${isActive ? ' usa-current' : ''}`;

/** The portal's frame: skip link, banner, the agency's header with the portal's navigation, main, footer. */
export function PortalFrame() {
  const { status, agency, ended } = usePortalSession();
  const { notify } = useNotifications();
  const navigate = useNavigate();
  const location = useLocation();
  const [expanded, setExpanded] = useState(false);
  useEffect(() => setExpanded(false), [location.key]);
  const signedIn = status === 'linked' || status === 'unlinked';

  const leave = async () => {
    await portalApi.signOut().catch(() => undefined);
    notify('success', 'You are signed out.');
    void navigate('/portal');
    ended();
  };

  const items = signedIn
    ? [
        ...(status === 'linked'
          ? [
              <NavLink key="cases" to="/portal/cases" className={navClass}>
                <span>My cases</span>
              </NavLink>,
              <NavLink key="track" to="/portal/track" className={navClass}>
                <span>Track a package</span>
              </NavLink>,
              <NavLink key="mailings" to="/portal/mailings" className={navClass}>
                <span>My mailings</span>
              </NavLink>,
              <NavLink key="profile" to="/portal/profile" className={navClass}>
                <span>My profile</span>
              </NavLink>,
              <NavLink key="privacy" to="/portal/privacy" className={navClass}>
                <span>My privacy</span>
              </NavLink>,
            ]
          : [
              <NavLink key="link" to="/portal/link" className={navClass}>
                <span>Link your record</span>
              </NavLink>,
            ]),
        <NavLink key="account" to="/portal/account" className={navClass}>
          <span>My account</span>
        </NavLink>,
        <Button key="out" type="button" unstyled className="usa-nav__link caseline-portal-sign-out" onClick={() => void leave()}>
          <span>Sign out</span>
        </Button>,
      ]
    : [
        <NavLink key="in" to="/portal/sign-in" className={navClass}>
          <span>Sign in</span>
        </NavLink>,
        <NavLink key="register" to="/portal/register" className={navClass}>
          <span>Create an account</span>
        </NavLink>,
      ];

  return (
    <div className="caseline-portal">
      <SkipLink />
      <GovBanner aria-label="Official website of the United States government" />
      <div className={`usa-overlay${expanded ? ' is-visible' : ''}`} />
      <Header basic className="caseline-header">
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <Title>
              <Link to="/portal" className="caseline-portal-title">
                {agency}
                <span className="caseline-portal-title__sub">Customer portal</span>
              </Link>
            </Title>
            <NavMenuButton label="Menu" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded} />
          </div>
          {status !== 'loading' && (
            <PrimaryNav aria-label="Portal" mobileExpanded={expanded} onToggleMobileNav={() => setExpanded((e) => !e)} items={items} />
          )}
        </div>
      </Header>
      <div className="grid-container caseline-body">
        <NotificationsRegion />
        <main id={mainContentId} tabIndex={-1} className="caseline-main">
          <ErrorBoundary resetKey={location.key}>
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </main>
      </div>
      <footer className="usa-footer usa-footer--slim caseline-portal-footer">
        <div className="usa-footer__primary-section">
          <div className="grid-container">
            <nav aria-label="Footer" className="usa-footer__nav">
              <ul className="add-list-reset grid-row grid-gap">
                <li className="mobile-lg:grid-col-auto usa-footer__primary-content">
                  <Link to="/portal" className="usa-footer__primary-link">
                    Portal home
                  </Link>
                </li>
                <li className="mobile-lg:grid-col-auto usa-footer__primary-content">
                  <Link to="/contact" className="usa-footer__primary-link">
                    Contact us without an account
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
        </div>
        <div className="usa-footer__secondary-section">
          <div className="grid-container">
            <p className="margin-0">{agency}</p>
          </div>
        </div>
      </footer>
    </div>
  );
}
