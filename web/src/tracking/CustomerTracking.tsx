import { customerTracking } from '../api/case-tracking.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useLoad } from '../util/useLoad.ts';
import { ArticleTrackingList } from './ArticleTrackingList.tsx';

/** The customer page's Tracking section: the articles linked to the customer's cases (GET /api/customers/{id}/tracking). */
export function CustomerTracking({ customerId, version = 0 }: { readonly customerId: string; readonly version?: number }) {
  const tracking = useLoad(() => customerTracking(customerId), [customerId, version]);
  return (
    <section aria-labelledby="customer-tracking-heading" className="margin-top-4">
      <h2 id="customer-tracking-heading">Tracking</h2>
      {tracking.error ? (
        <LoadError what="the tracking of the customer’s articles" error={tracking.error} onRetry={tracking.reload} />
      ) : !tracking.data ? (
        <Loading />
      ) : tracking.data.articles.length === 0 ? (
        <p data-testid="no-customer-tracking">No articles are linked to this customer’s cases.</p>
      ) : (
        <>
          {tracking.data.truncated && (
            <p data-testid="customer-tracking-capped">
              Showing the first {tracking.data.articleLimit} articles of the customer’s newest cases; open a case to see the tracking of its
              own.
            </p>
          )}
          <ArticleTrackingList articles={tracking.data.articles} showCases testId="customer-tracking" />
        </>
      )}
    </section>
  );
}
