import type { MouseEvent, ReactNode } from 'react';

/**
 * A link to a place on the same page. It moves focus there itself, so that the router
 * does not treat the hash change as a new page.
 */
export function InPageLink({ targetId, children }: { readonly targetId: string; readonly children: ReactNode }) {
  const go = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(targetId);
    if (!target) return;
    event.preventDefault();
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
    target.scrollIntoView({ block: 'start' });
  };
  return (
    <a href={`#${targetId}`} onClick={go} className="usa-link">
      {children}
    </a>
  );
}
