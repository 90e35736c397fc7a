import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { StatusTag } from '../cases/CaseTable.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { portalApi } from './portalApi.ts';

/** /portal/cases: the customer's cases, newest first, whichever way they reached us. */
export function MyCasesPage() {
  const cases = useLoad(() => portalApi.cases(), []);
  return (
    <Page title="My cases">
      <p className="usa-intro">Every question or complaint you have with us, however you sent it. Choose a case to read our answers.</p>
      <p>
        <Link to="/portal/cases/new" className="usa-button">
          Ask a question
        </Link>
      </p>
      {cases.error && !cases.data ? (
        <LoadError what="your cases" error={cases.error} onRetry={cases.reload} />
      ) : !cases.data ? (
        <Loading label="Loading your cases…" />
      ) : cases.data.length === 0 ? (
        <p data-testid="no-cases">You have no cases with us yet.</p>
      ) : (
        <div data-testid="my-cases">
          <Table caption="My cases, newest first" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Case number</th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Opened</th>
                <th scope="col">Last change</th>
              </tr>
            </thead>
            <tbody>
              {cases.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label="Case number" className="text-no-wrap">
                    <Link to={`/portal/cases/${c.id}`} className="usa-link">
                      {c.number}
                    </Link>
                  </th>
                  <td data-label="Title" className="caseline-break">
                    {c.title}
                  </td>
                  <td data-label="Status">
                    <StatusTag status={c.status} />
                  </td>
                  <td data-label="Opened">{formatDateTime(c.createdAt)}</td>
                  <td data-label="Last change">{formatDateTime(c.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
    </Page>
  );
}
