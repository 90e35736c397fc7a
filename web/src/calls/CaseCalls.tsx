import { formatPhone } from '../customers/fieldText.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { caseCalls, dispositionLabels, formatDuration } from './callsApi.ts';

/** GET /api/cases/{id}/calls: the calls logged on a case, newest first, as a list (for the case page). */
export function CaseCalls({ caseId, version = 0 }: { readonly caseId: string; readonly version?: number }) {
  const calls = useLoad(() => caseCalls(caseId), [caseId, version]);
  if (calls.error) return <LoadError what="the case’s calls" error={calls.error} onRetry={calls.reload} />;
  if (!calls.data) return <Loading />;
  if (calls.data.length === 0) return <p data-testid="no-case-calls">No calls logged on this case.</p>;
  return (
    <ul className="usa-list usa-list--unstyled" data-testid="case-calls">
      {calls.data.map((call) => (
        <li key={call.id} className="margin-bottom-1">
          <span className="text-bold">{formatDateTime(call.startedAt)}</span>: {call.direction === 'inbound' ? 'inbound' : 'outbound'} call,{' '}
          {call.number ? formatPhone(call.number) : 'number withheld'}, {formatDuration(call.durationSeconds)},{' '}
          {dispositionLabels[call.disposition].toLowerCase()}
        </li>
      ))}
    </ul>
  );
}
