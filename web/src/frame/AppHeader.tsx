import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Header, NavMenuButton, PrimaryNav, Title } from '@trussworks/react-uswds';
import { roleLabel } from '../api/roles.ts';
import type { Session } from '../api/auth.ts';
import { FindCustomer } from './FindCustomer.tsx';
import { customerReaders, hasAnyRole } from './navItems.ts';
import { UserMenu } from './UserMenu.tsx';
import { productName } from '../util/useDocumentTitle.ts';

/** The USWDS basic header: product name, who is signed in, the account menu and the 'find customer' box. */
export function AppHeader({ session }: { readonly session: Session }) {
  const [expanded, setExpanded] = useState(false);
  const location = useLocation();
  useEffect(() => setExpanded(false), [location.key]);
  const roles = session.roles.map(roleLabel).join(', ');

  return (
    <>
      <div className={`usa-overlay${expanded ? ' is-visible' : ''}`} />
      <Header basic className="caseline-header">
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <Title>
              <Link to="/">{productName}</Link>
            </Title>
            <NavMenuButton label="Menu" onClick={() => setExpanded((e) => !e)} aria-expanded={expanded} />
          </div>
          <PrimaryNav
            aria-label="Account"
            mobileExpanded={expanded}
            onToggleMobileNav={() => setExpanded((e) => !e)}
            items={[
              <p key="who" className="caseline-signed-in" data-testid="signed-in-user">
                <span className="usa-sr-only">Signed in as </span>
                <strong className="caseline-signed-in__name">{session.displayName}</strong>
                <span className="caseline-signed-in__roles">{roles}</span>
              </p>,
              <UserMenu key="menu" />,
            ]}
          >
            {hasAnyRole(session.roles, customerReaders) && <FindCustomer />}
          </PrimaryNav>
        </div>
      </Header>
    </>
  );
}
