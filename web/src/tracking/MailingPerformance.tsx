import { Table } from '@trussworks/react-uswds';
import type { MailingPerformance } from '../api/mailings.ts';
import { formatDateTime } from '../util/formatDateTime.ts';

const share = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '');

/**
 * How a mailing's pieces are doing, for the agent and the mailer alike: the counts from the
 * tracking events of its Mailer ID and serial range, and pieces by their latest scan.
 */
export function MailingPerformanceView({ performance }: { readonly performance: MailingPerformance }) {
  const p = performance;
  if (!p.tracked)
    return (
      <p data-testid="mailing-performance">
        Parcels carry an Intelligent Mail package barcode, not the IMb serials this reads: look their pieces up one by one in Tracking.
      </p>
    );
  return (
    <div data-testid="mailing-performance">
      <ul className="usa-list">
        <li>
          <strong>{p.piecesSeen.toLocaleString()}</strong> of {p.pieceCount.toLocaleString()} pieces scanned
          {share(p.piecesSeen, p.pieceCount)}
        </li>
        <li>
          <strong>{p.delivered.toLocaleString()}</strong> delivered{share(p.delivered, p.pieceCount)}
        </li>
        <li>
          <strong>{p.notScanned.toLocaleString()}</strong> without any scan yet
        </li>
        <li>Last scan: {p.lastEventAt ? formatDateTime(p.lastEventAt) : 'none yet'}</li>
      </ul>
      {p.byLastEvent.length > 0 && (
        <Table caption="Pieces by their latest scan" bordered={false} compact>
          <thead>
            <tr>
              <th scope="col">Latest scan</th>
              <th scope="col" className="text-right">
                Pieces
              </th>
            </tr>
          </thead>
          <tbody>
            {p.byLastEvent.map((g) => (
              <tr key={g.event}>
                <th scope="row">{g.description}</th>
                <td className="text-right">{g.pieces.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <p className="usa-hint">
        Scans from {formatDateTime(p.window.from)} to {formatDateTime(p.window.to)}. Mail scans are kept 30 days: after{' '}
        {formatDateTime(p.eventsKeptUntil)} these counts cover only what is left.
      </p>
    </div>
  );
}
