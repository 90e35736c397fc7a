import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button, Table, type ModalRef } from '@trussworks/react-uswds';
import { mergeCustomer, type PossibleDuplicate } from '../api/customers.ts';
import { problemMessage } from '../api/problem.ts';
import { ConfirmDialog } from '../frame/ConfirmDialog.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import type { Loaded } from '../util/useLoad.ts';
import { reasonText } from './fieldText.ts';

interface Props {
  readonly customerId: string;
  readonly customerName: string;
  readonly duplicates: Loaded<PossibleDuplicate[]>;
  readonly canMerge: boolean;
  readonly onMerged: () => void;
}

/** GET /api/customers/:id/duplicates, each with 'Merge into this customer' (POST /api/customers/:id/merge). */
export function PossibleDuplicates({ customerId, customerName, duplicates, canMerge, onMerged }: Props) {
  const { notify } = useNotifications();
  const dialog = useRef<ModalRef>(null);
  const [merging, setMerging] = useState<PossibleDuplicate | null>(null);
  const data = duplicates.data;

  const merge = async () => {
    if (!merging) return;
    try {
      const result = await mergeCustomer(customerId, merging.id);
      notify(
        'success',
        `${merging.name} was merged into this customer. The merge can be undone until ${formatDateTime(result.undoUntil)}.`,
      );
      onMerged();
    } catch (error) {
      notify('error', `The customers were not merged: ${problemMessage(error)}`);
    } finally {
      setMerging(null);
    }
  };

  return (
    <>
      {duplicates.error ? (
        <LoadError what="possible duplicates" error={duplicates.error} onRetry={duplicates.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-duplicates">No likely duplicates.</p>
      ) : (
        <Table
          caption={`${data.length} other record${data.length === 1 ? '' : 's'} that may be the same customer`}
          fullWidth
          stackedStyle="headers"
        >
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Likelihood</th>
              <th scope="col">Matched on</th>
              {canMerge && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.id}>
                <th scope="row" data-label="Name">
                  <Link to={`/customers/${d.id}`} className="usa-link">
                    {d.name}
                  </Link>
                </th>
                <td data-label="Likelihood">{Math.round(d.score * 100)}%</td>
                <td data-label="Matched on">{d.reasons.map(reasonText).join('; ') || '—'}</td>
                {canMerge && (
                  <td data-label="Action">
                    <Button
                      type="button"
                      outline
                      className="margin-top-0"
                      onClick={() => {
                        setMerging(d);
                        dialog.current?.toggleModal(undefined, true);
                      }}
                    >
                      Merge into this customer<span className="usa-sr-only">: {d.name}</span>
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog ref={dialog} id="merge-customer" heading="Merge into this customer?" confirmLabel="Merge" onConfirm={merge}>
        <p>
          Every value, key contact, contact history entry and linked record of <strong>{merging?.name ?? 'the other record'}</strong> moves
          to <strong>{customerName}</strong>. Where both hold a single-valued field, this customer’s value is kept.
        </p>
        <p>The merge is recorded in the audit log, and you can undo it within 30 days.</p>
      </ConfirmDialog>
    </>
  );
}
