import { Link } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { Page } from './Page.tsx';

/** Shown by the error boundary when a page fails to render. */
export function ErrorPage() {
  return (
    <Page title="Something went wrong" focusOnMount>
      <p className="usa-intro">This page could not be shown because of an error in the console.</p>
      <p>Nothing you entered was sent. Try loading the page again; if the error comes back, tell your help desk what you were doing.</p>
      <div className="caseline-actions">
        <Button type="button" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
        <Link to="/" className="usa-button usa-button--outline">
          Go to the home page
        </Link>
      </div>
    </Page>
  );
}
