import type { HistoryEntry } from '../api/customers.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import type { Loaded } from '../util/useLoad.ts';
import { actorText, humanize } from './fieldText.ts';

/** GET /api/customers/:id/history: the contact history, newest first. */
export function ContactHistory({ history, selfId }: { readonly history: Loaded<HistoryEntry[]>; readonly selfId?: string }) {
  const data = history.data;
  if (history.error) return <LoadError what="the contact history" error={history.error} onRetry={history.reload} />;
  if (!data) return <Loading />;
  if (data.length === 0) return <p>No contacts recorded yet.</p>;
  return (
    <ol className="caseline-timeline" data-testid="contact-history">
      {data.map((entry) => (
        <li key={entry.id} className="caseline-timeline__entry">
          <time dateTime={entry.at} className="caseline-timeline__time">
            {formatDateTime(entry.at)}
          </time>
          <span className="caseline-timeline__summary">{entry.summary}</span>
          <span className="caseline-timeline__kind">
            {humanize(entry.kind)}
            {entry.channel ? ` · ${humanize(entry.channel)}` : ''}
            {` · ${actorText(entry.actor, selfId)}`}
          </span>
        </li>
      ))}
    </ol>
  );
}
