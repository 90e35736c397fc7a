import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { listNotices } from '../api/catalog.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';

/** The Systems of Records Notices Caseline obeys. */
export function NoticesPage() {
  const notices = useLoad(listNotices, []);
  return (
    <Page title="Records">
      <p className="usa-intro">
        The System of Records Notices Caseline obeys. Each notice is generated from the same catalog that decides what Caseline may hold,
        how it may be retrieved and how long it is kept.
      </p>
      {notices.error ? (
        <LoadError what="the notices" error={notices.error} onRetry={notices.reload} />
      ) : !notices.data ? (
        <Loading />
      ) : (
        <Table caption="Systems of records notices" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Notice</th>
              <th scope="col">Name</th>
              <th scope="col">Record types</th>
            </tr>
          </thead>
          <tbody>
            {notices.data.map((notice) => (
              <tr key={notice.id}>
                <th scope="row" data-label="Notice">
                  <Link to={`/records/${encodeURIComponent(notice.id)}`} className="usa-link">
                    {notice.designation}
                  </Link>
                </th>
                <td data-label="Name">{notice.name}</td>
                <td data-label="Record types">{notice.recordTypes}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
