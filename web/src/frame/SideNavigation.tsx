import { NavLink } from 'react-router';
import { SideNav } from '@trussworks/react-uswds';
import { navItemsFor } from './navItems.ts';

/** The role's destinations, from the one list in navItems.ts. */
export function SideNavigation({ roles }: { readonly roles: readonly string[] }) {
  const items = navItemsFor(roles);
  if (items.length === 0) return null;
  return (
    <nav aria-label="Main navigation" className="caseline-sidenav">
      <SideNav
        items={items.map((item) => (
          <NavLink key={item.path} to={item.path} className={({ isActive }) => (isActive ? 'usa-current' : undefined)}>
            {item.label}
          </NavLink>
        ))}
      />
    </nav>
  );
}
