import { Link } from 'react-router';
import { listCases } from '../api/cases.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { nav } from '../frame/navItems.ts';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { CaseTable } from './CaseTable.tsx';

/** GET /api/cases?assignee=me&status=open: the cases assigned to the signed-in agent that are still being worked. */
export function MyCasesPage() {
  const cases = useLoad(() => listCases({ assignee: 'me', status: 'open' }), []);
  const data = cases.data;
  return (
    <Page title="My cases">
      <p className="usa-intro">The cases assigned to you that are still being worked, newest first.</p>
      <p>
        <Link to={nav.newCase.path} className="usa-button">
          New case
        </Link>
        <Link to={nav.queue.path} className="usa-button usa-button--outline">
          Take a case from the queue
        </Link>
      </p>
      {cases.error ? (
        <LoadError what="your cases" error={cases.error} onRetry={cases.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-cases">No open case is assigned to you.</p>
      ) : (
        <CaseTable cases={data} caption={`${data.length} open case${data.length === 1 ? '' : 's'} assigned to you`} testId="my-cases" />
      )}
    </Page>
  );
}
