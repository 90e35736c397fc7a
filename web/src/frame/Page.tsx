import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { useDocumentTitle } from '../util/useDocumentTitle.ts';

let firstLocationKey: string | null = null;

export interface PageProps {
  /** The document title (no personal data: titles reach the browser's history). */
  readonly title: string;
  /** The page's one h1; the title when not given. */
  readonly heading?: ReactNode;
  /** Move focus to the h1 when shown even without a route change (steps within one page). */
  readonly focusOnMount?: boolean;
  readonly children?: ReactNode;
}

/**
 * A page: its title and its h1. After every route change (not on the first load, so the
 * skip link stays the first stop) focus moves to the h1, so that screen readers announce
 * the new page and keyboard users start from its top.
 */
export function Page({ title, heading, focusOnMount = false, children }: PageProps) {
  const location = useLocation();
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  if (firstLocationKey === null) firstLocationKey = location.key;

  useEffect(() => {
    if (focusOnMount || location.key !== firstLocationKey) ref.current?.focus();
  }, [location.key, focusOnMount]);

  return (
    <>
      <h1 ref={ref} tabIndex={-1} className="caseline-page-heading">
        {heading ?? title}
      </h1>
      {children}
    </>
  );
}
