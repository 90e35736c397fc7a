import { useEffect } from 'react';
import { productName } from '../util/useDocumentTitle.ts';

/** The last resort, outside the router: plain markup that cannot fail in turn. */
export function FatalError() {
  useEffect(() => {
    document.title = `Something went wrong | ${productName}`;
  }, []);
  return (
    <main id="main-content" className="grid-container padding-y-4">
      <h1>Something went wrong</h1>
      <p className="usa-intro">{productName} could not start because of an error in the console.</p>
      <p>
        <a className="usa-button" href="/">
          Reload {productName}
        </a>
      </p>
    </main>
  );
}
