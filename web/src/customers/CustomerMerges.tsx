import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Table, type ModalRef } from '@trussworks/react-uswds';
import { serverClockOffset } from '../api/client.ts';
import { undoMerge, type Merge } from '../api/customers.ts';
import { problemMessage } from '../api/problem.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import type { Loaded } from '../util/useLoad.ts';

interface Props {
  readonly merges: Loaded<Merge[]>;
  readonly canUndo: boolean;
  readonly onUndone: () => void;
}

/** GET /api/customers/:id/merges, with 'Undo merge' while a merge is within its window. */
export function CustomerMerges({ merges, canUndo, onUndone }: Props) {
  const { notify } = useNotifications();
  const dialog = useRef<ModalRef>(null);
  const [undoing, setUndoing] = useState<Merge | null>(null);
  const data = merges.data;
  const now = Date.now() + serverClockOffset();

  const undo = async () => {
    if (!undoing) return;
    try {
      await undoMerge(undoing.mergeId);
      notify('success', 'The merge was undone: the other customer is back as it was.');
      onUndone();
    } catch (error) {
      notify('error', `The merge was not undone: ${problemMessage(error)}`);
    } finally {
      setUndoing(null);
    }
  };

  if (merges.error) return <LoadError what="the merges" error={merges.error} onRetry={merges.reload} />;
  if (!data) return <Loading />;
  return (
    <>
      {data.length === 0 ? (
        <p data-testid="no-merges">No other customer has been merged into this one.</p>
      ) : (
        <Table caption="Customers merged into this one, newest first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Merged customer</th>
              <th scope="col">Merged</th>
              <th scope="col">Can be undone until</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {data.map((m) => {
              const open = m.unmergedAt === null && Date.parse(m.undoUntil) > now;
              return (
                <tr key={m.mergeId}>
                  <th scope="row" data-label="Merged customer" className="caseline-break">
                    {m.unmergedAt ? (
                      <Link to={`/customers/${m.mergedId}`} className="usa-link">
                        {m.mergedName}
                      </Link>
                    ) : (
                      m.mergedName
                    )}
                  </th>
                  <td data-label="Merged">{formatDateTime(m.mergedAt)}</td>
                  <td data-label="Can be undone until">{formatDateTime(m.undoUntil)}</td>
                  <td data-label="Status">
                    {m.unmergedAt ? (
                      `Undone ${formatDateTime(m.unmergedAt)}`
                    ) : open && canUndo ? (
                      <Button
                        type="button"
                        outline
                        className="margin-top-0"
                        onClick={() => {
                          setUndoing(m);
                          dialog.current?.toggleModal(undefined, true);
                        }}
                      >
                        Undo merge
                      </Button>
                    ) : open ? (
                      'Merged'
                    ) : (
                      'Merged (can no longer be undone)'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
      <ConfirmDialog ref={dialog} id="undo-merge" heading="Undo this merge?" confirmLabel="Undo merge" onConfirm={undo}>
        <p>Exactly what the merge moved goes back to the other customer, which is shown again. The undo is recorded in the audit log.</p>
      </ConfirmDialog>
    </>
  );
}
