import { Link } from 'react-router';
import { Page } from './Page.tsx';

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <p className="usa-intro">There is no page at this address.</p>
      <p>Check the address, or use the navigation to find what you need.</p>
      <p>
        <Link to="/" className="usa-link">
          Go to the home page
        </Link>
      </p>
    </Page>
  );
}
