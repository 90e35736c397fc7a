import { Link, useLocation } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import { listCases } from '../api/cases.ts';
import { formatPhone } from '../customers/fieldText.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { customerCalls, dispositionLabels, formatDuration } from './callsApi.ts';
import { LogCallForm } from './LogCallForm.tsx';

/** Set by a screen-pop that opens the customer page: the caller's number travels in router state, never in the URL. */
interface ScreenPopState {
  readonly callerNumber?: string;
}

/** The customer's recent calls and, for those who work cases, the "Log a call" form. */
export function CustomerCalls({
  customerId,
  canLog,
  version,
  onLogged,
}: {
  readonly customerId: string;
  readonly canLog: boolean;
  readonly version: number;
  readonly onLogged: () => void;
}) {
  const location = useLocation();
  const callerNumber = (location.state as ScreenPopState | null)?.callerNumber ?? null;
  const calls = useLoad(() => customerCalls(customerId), [customerId, version]);
  const openCases = useLoad(
    () => (canLog ? listCases({ customerId, status: 'open' }) : Promise.resolve([])),
    [customerId, version, canLog],
  );
  const data = calls.data;
  return (
    <>
      {calls.error ? (
        <LoadError what="the customer’s calls" error={calls.error} onRetry={calls.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-calls">No calls logged.</p>
      ) : (
        <div data-testid="customer-calls">
          <Table
            caption={`${data.length === 1 ? 'The last call' : `The last ${data.length} calls`}, newest first`}
            fullWidth
            stackedStyle="headers"
          >
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Direction</th>
                <th scope="col">Number</th>
                <th scope="col">Duration</th>
                <th scope="col">Outcome</th>
                <th scope="col">Case</th>
                <th scope="col">Notes</th>
              </tr>
            </thead>
            <tbody>
              {data.map((call) => (
                <tr key={call.id}>
                  <th scope="row" data-label="Started" className="text-no-wrap">
                    {formatDateTime(call.startedAt)}
                  </th>
                  <td data-label="Direction">{call.direction === 'inbound' ? 'Inbound' : 'Outbound'}</td>
                  <td data-label="Number" className="text-no-wrap">
                    {call.number ? formatPhone(call.number) : 'Withheld'}
                  </td>
                  <td data-label="Duration">{formatDuration(call.durationSeconds)}</td>
                  <td data-label="Outcome">{dispositionLabels[call.disposition]}</td>
                  <td data-label="Case" className="text-no-wrap">
                    {call.caseId && call.caseNumber ? (
                      <Link to={`/cases/${call.caseId}`} className="usa-link">
                        {call.caseNumber}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td data-label="Notes" className="caseline-break">
                    {call.notes ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {canLog && (
        <details className="caseline-details margin-top-2" open={callerNumber !== null}>
          <summary className="text-bold">Log a call</summary>
          <div className="padding-top-1">
            <LogCallForm customerId={customerId} callerNumber={callerNumber} openCases={openCases.data ?? []} onLogged={onLogged} />
          </div>
        </details>
      )}
    </>
  );
}
