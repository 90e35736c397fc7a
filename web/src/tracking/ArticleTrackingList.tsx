import { Table } from '@trussworks/react-uswds';
import type { ArticleTracking } from '../api/case-tracking.ts';
import { scanSourceLabels } from '../api/tracking.ts';
import { formatAgencyTime } from '../cases/agencyTime.ts';

/** Each article with its scans, newest first: the body of the case and customer pages' Tracking sections. */
export function ArticleTrackingList({
  articles,
  showCases,
  testId,
}: {
  readonly articles: readonly ArticleTracking[];
  /** On the customer page: which of the customer's cases link each article. */
  readonly showCases: boolean;
  readonly testId: string;
}) {
  return (
    <ul className="usa-list usa-list--unstyled" data-testid={testId}>
      {articles.map((article) => (
        <li key={article.number} className="margin-bottom-3" data-testid="tracked-article">
          <h3 className="margin-bottom-05">
            Article <span className="caseline-mono caseline-break">{article.number}</span>
          </h3>
          {showCases && <p className="margin-top-0 text-base-dark">Linked to {article.cases.join(', ')}</p>}
          {article.unreadable !== null ? (
            <p className="margin-top-05">Not an article number ({article.unreadable}): nothing to look up.</p>
          ) : article.events.length === 0 ? (
            <p className="margin-top-05">No tracking events recorded for this article.</p>
          ) : (
            <>
              <Table bordered={false} fullWidth stackedStyle="default" className="margin-top-1">
                <caption className="usa-sr-only">Tracking events of article {article.number}, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Event</th>
                    <th scope="col">Facility ZIP</th>
                    <th scope="col">Source</th>
                  </tr>
                </thead>
                <tbody>
                  {article.events.map((e, i) => (
                    <tr key={`${e.event}-${e.at}-${i}`}>
                      <th scope="row" data-label="Time">
                        {formatAgencyTime(e.at)}
                      </th>
                      <td data-label="Event">{e.description}</td>
                      <td data-label="Facility ZIP">{e.facilityZip ?? '—'}</td>
                      <td data-label="Source">{scanSourceLabels[e.source] ?? e.source}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              {article.eventCount > article.events.length && (
                <p className="margin-top-05">
                  The latest {article.events.length} of {article.eventCount} events; look the article up on the Tracking page for all of
                  them.
                </p>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
