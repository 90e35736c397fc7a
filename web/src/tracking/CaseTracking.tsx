import { caseTracking } from '../api/case-tracking.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useLoad } from '../util/useLoad.ts';
import { ArticleTrackingList } from './ArticleTrackingList.tsx';

/** The case page's Tracking section: where the articles linked to the case are (GET /api/cases/{id}/tracking). */
export function CaseTracking({ caseId, version = 0 }: { readonly caseId: string; readonly version?: number }) {
  const tracking = useLoad(() => caseTracking(caseId), [caseId, version]);
  return (
    <section aria-labelledby="case-tracking-heading" className="margin-top-4">
      <h2 id="case-tracking-heading">Tracking</h2>
      {tracking.error ? (
        <LoadError what="the tracking of the case’s articles" error={tracking.error} onRetry={tracking.reload} />
      ) : !tracking.data ? (
        <Loading />
      ) : tracking.data.articles.length === 0 ? (
        <p data-testid="no-case-tracking">No articles are linked to this case. Link one under Linked items to see its tracking here.</p>
      ) : (
        <ArticleTrackingList articles={tracking.data.articles} showCases={false} testId="case-tracking" />
      )}
    </section>
  );
}
