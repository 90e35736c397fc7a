import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Menu, NavDropDownButton } from '@trussworks/react-uswds';
import { useAuth } from '../auth/useAuth.ts';

/** The account menu in the header: change password, API tokens, sign out. */
export function UserMenu() {
  const { signOut } = useAuth();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const location = useLocation();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => setOpen(false), [location.key]);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      container.current?.querySelector<HTMLButtonElement>('button')?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);

  return (
    <div ref={container} className="caseline-user-menu">
      <NavDropDownButton label="Account" menuId={menuId} isOpen={open} onToggle={() => setOpen((o) => !o)} />
      <Menu
        id={menuId}
        isOpen={open}
        items={[
          <Link key="password" to="/account/password">
            Change password
          </Link>,
          <Link key="tokens" to="/account/tokens">
            API tokens
          </Link>,
          <button
            key="sign-out"
            type="button"
            className="usa-button usa-button--unstyled caseline-menu-button"
            onClick={() => void signOut('signed-out')}
          >
            Sign out
          </button>,
        ]}
      />
    </div>
  );
}
