import { Link, useParams } from 'react-router';
import { fetchNotice } from '../api/catalog.ts';
import { ApiError } from '../api/problem.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { InPageLink } from '../frame/InPageLink.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { NoticeText } from './NoticeText.tsx';
import { RecordTypesTable } from './RecordTypesTable.tsx';

/** One notice: its record types and retention (the declarations), then its Federal Register text. */
export function NoticePage() {
  const { id = '' } = useParams();
  const notice = useLoad(() => fetchNotice(id), [id]);
  const data = notice.data;
  return (
    <Page title={data ? `${data.designation} ${data.name}` : 'Notice'} heading={data ? `${data.designation}, ${data.name}` : 'Notice'}>
      {notice.error ? (
        notice.error instanceof ApiError && notice.error.status === 404 ? (
          <p>There is no notice {id}.</p>
        ) : (
          <LoadError what="the notice" error={notice.error} onRetry={notice.reload} />
        )
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <nav aria-label="On this page" className="margin-bottom-3">
            <ul className="usa-list">
              <li>
                <InPageLink targetId="record-types-heading">Record types and retention</InPageLink>
              </li>
              <li>
                <InPageLink targetId="notice-text-heading">Federal Register notice</InPageLink>
              </li>
            </ul>
          </nav>
          <section aria-labelledby="record-types-heading">
            <h2 id="record-types-heading">Record types and retention</h2>
            <p>
              Retrieval keys this notice allows:{' '}
              {data.retrievalKeys.map((k, i) => (
                <span key={k}>
                  {i > 0 && ', '}
                  <code>{k}</code>
                </span>
              ))}
              . Fields marked <strong>Sensitive</strong> are masked wherever Caseline shows them.
            </p>
            <RecordTypesTable recordTypes={data.recordTypes} designation={data.designation} />
          </section>
          <NoticeText notice={data} />
        </>
      )}
      <p className="margin-top-4">
        <Link to="/records" className="usa-link">
          All notices
        </Link>
      </p>
    </Page>
  );
}
