import type { MouseEvent } from 'react';

export const mainContentId = 'main-content';

/** The first focusable element of every page. */
export function SkipLink() {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(mainContentId);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="usa-skipnav" href={`#${mainContentId}`} onClick={skip}>
      Skip to main content
    </a>
  );
}
