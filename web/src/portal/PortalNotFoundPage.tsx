import { Link } from 'react-router';
import { Page } from '../frame/Page.tsx';

export function PortalNotFoundPage() {
  return (
    <Page title="Page not found">
      <p className="usa-intro">There is no page at this address.</p>
      <p>Check the address, or start again from the portal’s home page.</p>
      <p>
        <Link to="/portal" className="usa-link">
          Go to the portal home page
        </Link>
      </p>
    </Page>
  );
}
