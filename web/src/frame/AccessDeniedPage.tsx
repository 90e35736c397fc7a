import { Link } from 'react-router';
import { Page } from './Page.tsx';

/** A route the user's roles do not admit (normally unreachable: the navigation hides it). */
export function AccessDeniedPage() {
  return (
    <Page title="Not available to your role">
      <p className="usa-intro">Your roles do not give access to this page.</p>
      <p>If you need it for your work, ask an administrator to change your roles.</p>
      <p>
        <Link to="/" className="usa-link">
          Go to the home page
        </Link>
      </p>
    </Page>
  );
}
