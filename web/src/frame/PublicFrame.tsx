import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { GovBanner, Header, Title } from '@trussworks/react-uswds';
import { NotificationsRegion } from './NotificationsRegion.tsx';
import { SkipLink, mainContentId } from './SkipLink.tsx';
import { productName } from '../util/useDocumentTitle.ts';

/** The frame of pages shown before sign-in: no navigation, no search. */
export function PublicFrame({ children }: { readonly children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <GovBanner aria-label="Official website of the United States government" />
      <Header basic className="caseline-header">
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <Title>
              <Link to="/">{productName}</Link>
            </Title>
          </div>
        </div>
      </Header>
      <div className="grid-container caseline-body">
        <NotificationsRegion />
        <main id={mainContentId} tabIndex={-1} className="caseline-main">
          {children}
        </main>
      </div>
    </>
  );
}
