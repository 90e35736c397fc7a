import { Button, Table } from '@trussworks/react-uswds';
import { entryLabels, mailClassLabels, mailingStatusLabels, type Mailing } from '../api/mailings.ts';
import { formatDay } from './coaParts.tsx';

/** Mailings, one a row, for the agent and the mailer alike; choosing one opens it below the table. */
export function MailingTable({
  mailings,
  caption,
  open,
  onOpen,
  rowsTestId,
  withStatement = false,
}: {
  readonly mailings: readonly Mailing[];
  readonly caption: string;
  readonly open: Mailing | null;
  readonly onOpen: (mailing: Mailing) => void;
  readonly rowsTestId?: string;
  /** The postage statement's number under the mailing's: the agent's reference, not the mailer's. */
  readonly withStatement?: boolean;
}) {
  return (
    <Table caption={caption} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Mailing</th>
          <th scope="col">Mailing date</th>
          <th scope="col">Class</th>
          <th scope="col">Pieces</th>
          <th scope="col">Entry</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody data-testid={rowsTestId}>
        {mailings.map((m) => (
          <tr key={m.id}>
            <th scope="row" data-label="Mailing">
              <Button type="button" unstyled onClick={() => onOpen(m)} aria-expanded={open?.id === m.id}>
                {m.mailingId}
              </Button>
              {withStatement && <span className="display-block text-normal text-base-dark">Statement {m.postageStatement}</span>}
            </th>
            <td data-label="Mailing date">{formatDay(m.mailingDate)}</td>
            <td data-label="Class">{mailClassLabels[m.mailClass]}</td>
            <td data-label="Pieces">{m.pieceCount.toLocaleString()}</td>
            <td data-label="Entry">{entryLabels[m.entry]}</td>
            <td data-label="Status">{mailingStatusLabels[m.status]}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
