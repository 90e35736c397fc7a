import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Table } from '@trussworks/react-uswds';
import { confirmPrinted, fetchPrintBatch, fetchPrintQueue, type PrintBatch } from '../api/print-queue.ts';
import { formatAgencyTime } from '../cases/agencyTime.ts';
import { problemMessage } from '../api/problem.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';

/**
 * The print room (GET /api/print-queue, letters.print): letters waiting to be printed — codes
 * that connect an online account to a customer record, mailed to the address on file. Print a
 * batch, check it came out, then confirm: only then do the letters leave the queue.
 */
export function PrintQueuePage() {
  const { notify } = useNotifications();
  const loaded = useLoad(fetchPrintQueue, []);
  const [batch, setBatch] = useState<(PrintBatch & { url: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(() => () => urls.current.forEach((url) => URL.revokeObjectURL(url)), []);

  const print = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await fetchPrintBatch();
      const url = URL.createObjectURL(made.pdf);
      urls.current.push(url);
      setBatch({ ...made, url });
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!batch) return;
    setBusy(true);
    setError(null);
    try {
      const { printed } = await confirmPrinted(batch.printed);
      notify('success', `${printed} ${printed === 1 ? 'letter' : 'letters'} marked printed.`);
      setBatch(null);
      loaded.reload();
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Print queue">
      <p className="usa-intro">
        Letters waiting to be printed and mailed in #10 window envelopes. Each holds a one-time code that lets a customer connect their
        online account to their record; it goes only to the address already on file.
      </p>
      {error && (
        <Alert type="error" slim role="alert">
          <p className="usa-alert__text">{error}</p>
        </Alert>
      )}
      {batch && (
        <Alert type="info">
          <h2 className="usa-alert__heading">
            A batch of {batch.printed.length} {batch.printed.length === 1 ? 'letter' : 'letters'} is ready
          </h2>
          <p>
            <a href={batch.url} target="_blank" rel="noopener" className="usa-link" data-testid="batch-pdf">
              Open the batch (PDF, new tab)
            </a>
            , print it, and check every page came out. Then confirm: the codes are wiped from the queue once printed.
          </p>
          {batch.skipped.length > 0 && (
            <p>
              {batch.skipped.length} {batch.skipped.length === 1 ? 'letter was' : 'letters were'} left out: the customer has no mailing
              address on file now. They stay in the queue.
            </p>
          )}
          <div className="caseline-actions">
            <Button type="button" onClick={() => void confirm()} disabled={busy}>
              Confirm printed
            </Button>
            <Button type="button" unstyled onClick={() => setBatch(null)} disabled={busy}>
              Not printed: keep them waiting
            </Button>
          </div>
        </Alert>
      )}
      {loaded.error ? (
        <LoadError what="the print queue" error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <p data-testid="print-queue-empty">No letter is waiting to be printed.</p>
      ) : (
        <>
          <div className="caseline-actions margin-y-2">
            <Button type="button" onClick={() => void print()} disabled={busy || batch !== null}>
              {busy && !batch ? 'Preparing…' : `Print ${loaded.data.length === 1 ? 'the letter' : `all ${loaded.data.length} letters`}`}
            </Button>
            <Button type="button" outline onClick={loaded.reload} disabled={loaded.loading}>
              Refresh
            </Button>
          </div>
          <Table caption="Letters waiting, oldest first" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Letter</th>
                <th scope="col">Asked for</th>
                <th scope="col">Code works until</th>
              </tr>
            </thead>
            <tbody data-testid="print-queue-rows">
              {loaded.data.map((letter) => (
                <tr key={letter.id}>
                  <th scope="row" data-label="Letter">
                    Online account code
                  </th>
                  <td data-label="Asked for">{formatAgencyTime(letter.createdAt)}</td>
                  <td data-label="Code works until">{formatAgencyTime(letter.expiresAt)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        </>
      )}
    </Page>
  );
}
