import type { CaseEvent } from '../api/cases.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { eventActor, eventText } from './caseText.ts';

/** The case's events in plain words, newest first. */
export function CaseHistory({ events, selfId }: { readonly events: readonly CaseEvent[]; readonly selfId: string }) {
  if (events.length === 0) return <p>Nothing recorded yet.</p>;
  return (
    <ol className="caseline-timeline" data-testid="case-history">
      {[...events].reverse().map((e) => (
        <li key={e.id} className="caseline-timeline__entry">
          <time dateTime={e.at} className="caseline-timeline__time">
            {formatDateTime(e.at)}
          </time>
          <span className="caseline-timeline__summary">{eventText(e, selfId)}</span>
          <span className="caseline-timeline__kind">{eventActor(e, selfId)}</span>
        </li>
      ))}
    </ol>
  );
}
