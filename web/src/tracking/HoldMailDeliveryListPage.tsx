import { useRef, useState, type FormEvent } from 'react';
import { Button, Form, Table } from '@trussworks/react-uswds';
import { endActionLabels, fetchDeliveryList, type HeldDelivery } from '../api/hold-mail.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { formatDay } from './coaParts.tsx';

const labels = { zip: 'ZIP code', date: 'Day' };
const ids = { zip: 'delivery-zip', date: 'delivery-date' };

/** Today in the browser's calendar, as the form's first day. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The delivery unit's list (GET /api/hold-mail/delivery-list): the holds of one ZIP Code on one
 * day, with names and addresses, for the carriers to hold the mail (820.200, purpose 7). Each
 * look-up is audited as a search naming every customer listed.
 */
export function HoldMailDeliveryListPage() {
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [zip, setZip] = useState('');
  const [date, setDate] = useState(today);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<{ zip: string; date: string; list: readonly HeldDelivery[] } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!/^[0-9]{5}$/.test(zip.trim())) checks.zip = 'Enter the delivery unit’s 5-digit ZIP code.';
    if (!date) checks.date = 'Enter the day.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const list = await fetchDeliveryList(zip.trim(), date);
      setShown({ zip: zip.trim(), date, list });
      setTimeout(() => resultHeading.current?.focus(), 0);
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Hold mail: delivery unit list">
      <p className="usa-intro">
        The addresses whose mail the carriers hold on a day, with what happens at the end of each hold. Every list you open is recorded with
        the customers on it.
      </p>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The list was not opened" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="delivery-list-form">
        <TextField
          id={ids.zip}
          label={labels.zip}
          value={zip}
          onChange={setZip}
          error={errors.fields.zip}
          inputMode="numeric"
          maxLength={5}
          autoComplete="off"
        />
        <TextField id={ids.date} label={labels.date} type="date" value={date} onChange={setDate} error={errors.fields.date} />
        <Button type="submit" disabled={busy} className="margin-top-2">
          {busy ? 'Opening…' : 'Show the list'}
        </Button>
      </Form>
      {shown && (
        <section aria-labelledby="delivery-list-heading" className="margin-top-4">
          <h2 id="delivery-list-heading" ref={resultHeading} tabIndex={-1} className="caseline-focus-heading">
            Held in {shown.zip} on {formatDay(shown.date)} ({shown.list.length})
          </h2>
          {shown.list.length === 0 ? (
            <p data-testid="delivery-list-empty">No mail is held in this ZIP code that day.</p>
          ) : (
            <Table caption="Holds active that day" fullWidth stackedStyle="headers">
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Name</th>
                  <th scope="col">Held</th>
                  <th scope="col">At the end</th>
                  <th scope="col">Instructions</th>
                </tr>
              </thead>
              <tbody data-testid="delivery-list-rows">
                {shown.list.map((h) => (
                  <tr key={h.id}>
                    <th scope="row" data-label="Address">
                      {h.address.deliveryLine}
                      <span className="display-block text-normal">{h.address.lastLine}</span>
                    </th>
                    <td data-label="Name">{h.name}</td>
                    <td data-label="Held">
                      {formatDay(h.beginDate)} to {formatDay(h.endDate)}
                    </td>
                    <td data-label="At the end">{endActionLabels[h.endAction]}</td>
                    <td data-label="Instructions">{h.instructions ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </section>
      )}
    </Page>
  );
}
