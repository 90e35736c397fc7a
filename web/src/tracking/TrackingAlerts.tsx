import { useState, type FormEvent } from 'react';
import { Button, Table } from '@trussworks/react-uswds';
import type { Customer } from '../api/customers.ts';
import {
  alertDestination,
  alertEventSetLabels,
  alertEventSets,
  cancelTrackingAlert,
  cellCarrierLabels,
  cellCarriers,
  createTrackingAlert,
  listTrackingAlerts,
  type AlertChannel,
  type AlertEventSet,
  type CellCarrier,
  type TrackingAlert,
} from '../api/tracking-alerts.ts';
import { problemMessage } from '../api/problem.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { SubmitOrCancel } from '../forms/SubmitOrCancel.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { LoadedList } from '../frame/LoadedList.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';

/** The contact part of a subscription, shared by the console and the portal's "Track a package". */
export interface AlertContactDraft {
  readonly channel: AlertChannel;
  readonly email: string;
  readonly phone: string;
  readonly carrier: CellCarrier | '';
  readonly events: AlertEventSet;
}

export const emptyAlertContact: AlertContactDraft = { channel: 'email', email: '', phone: '', carrier: '', events: 'all' };

export const alertContactLabels: Readonly<Record<string, string>> = {
  channel: 'How to send alerts',
  email: 'E-mail address',
  phone: 'Mobile number',
  carrier: 'Mobile carrier',
  events: 'Which updates',
};

/** The fields' checks before sending: what is missing, by field. */
export function checkAlertContact(draft: AlertContactDraft): Record<string, string> {
  const checks: Record<string, string> = {};
  if (draft.channel === 'email' && !draft.email.trim()) checks.email = 'Enter the e-mail address to send alerts to.';
  if (draft.channel === 'text' && !draft.phone.trim()) checks.phone = 'Enter the mobile number to text alerts to.';
  if (draft.channel === 'text' && !draft.carrier) checks.carrier = 'Choose the mobile carrier of the number.';
  return checks;
}

/** The request body's contact part: only the fields of the chosen channel. */
export function alertContactInput(draft: AlertContactDraft) {
  return draft.channel === 'email'
    ? { channel: 'email' as const, email: draft.email.trim(), events: draft.events }
    : { channel: 'text' as const, phone: draft.phone.trim(), carrier: draft.carrier as CellCarrier, events: draft.events };
}

export function AlertContactFields({
  prefix,
  draft,
  onChange,
  errors,
}: {
  readonly prefix: string;
  readonly draft: AlertContactDraft;
  readonly onChange: (draft: AlertContactDraft) => void;
  readonly errors: FormErrors;
}) {
  const set = (changes: Partial<AlertContactDraft>) => onChange({ ...draft, ...changes });
  return (
    <>
      <RadioGroup
        id={`${prefix}-channel`}
        name={`${prefix}-channel`}
        legend={alertContactLabels.channel}
        options={[
          { value: 'email' as const, label: 'E-mail' },
          { value: 'text' as const, label: 'Text message (SMS)' },
        ]}
        value={draft.channel}
        onChange={(channel) => set({ channel })}
        error={errors.fields.channel}
      />
      {draft.channel === 'email' ? (
        <TextField
          id={`${prefix}-email`}
          label={alertContactLabels.email}
          type="email"
          autoComplete="email"
          maxLength={254}
          value={draft.email}
          onChange={(email) => set({ email })}
          error={errors.fields.email}
          aria-required
        />
      ) : (
        <>
          <TextField
            id={`${prefix}-phone`}
            label={alertContactLabels.phone}
            hint="A US mobile number, for example 202-555-0123. Message and data rates may apply."
            type="tel"
            autoComplete="tel-national"
            maxLength={30}
            value={draft.phone}
            onChange={(phone) => set({ phone })}
            error={errors.fields.phone}
            aria-required
          />
          <SelectField
            id={`${prefix}-carrier`}
            label={alertContactLabels.carrier}
            value={draft.carrier}
            onChange={(carrier) => set({ carrier: carrier as CellCarrier | '' })}
            options={[{ value: '', label: '- Select -' }, ...cellCarriers.map((c) => ({ value: c, label: cellCarrierLabels[c] }))]}
            error={errors.fields.carrier}
          />
        </>
      )}
      <RadioGroup
        id={`${prefix}-events`}
        name={`${prefix}-events`}
        legend={alertContactLabels.events}
        options={alertEventSets.map((e) => ({ value: e, label: alertEventSetLabels[e] }))}
        value={draft.events}
        onChange={(events) => set({ events })}
        error={errors.fields.events}
      />
    </>
  );
}

export function alertState(alert: TrackingAlert): string {
  if (alert.cancelledAt) return `Stopped ${formatDateTime(alert.cancelledAt)}`;
  if (!alert.active) return `Ended ${formatDateTime(alert.expiresAt)}`;
  return `Active until ${formatDateTime(alert.expiresAt)}`;
}

const prefix = 'tracking-alert';
const labels: Readonly<Record<string, string>> = { ...alertContactLabels, number: 'Article number or IMb', imb: 'Article number or IMb' };
const ids: Readonly<Record<string, string>> = Object.fromEntries(
  ['channel', 'email', 'phone', 'carrier', 'events']
    .map((k) => [k, `${prefix}-${k}`])
    .concat([
      ['number', `${prefix}-number`],
      ['imb', `${prefix}-number`],
    ]),
);

function NewAlertForm({
  customerId,
  onDone,
  onCancel,
}: {
  readonly customerId: string;
  readonly onDone: () => void;
  readonly onCancel: () => void;
}) {
  const [kind, setKind] = useState<'number' | 'imb'>('number');
  const [piece, setPiece] = useState('');
  const [contact, setContact] = useState<AlertContactDraft>(emptyAlertContact);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = checkAlertContact(contact);
    if (!piece.trim()) checks[kind] = 'Enter the number on the piece.';
    setErrors({ fields: checks });
    if (Object.keys(checks).length > 0 || busy) return;
    setBusy(true);
    try {
      await createTrackingAlert(customerId, { [kind]: piece.trim(), ...alertContactInput(contact) });
      onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="usa-form usa-form--large" data-testid="tracking-alert-form">
      <ErrorSummary errors={errors} fieldIds={ids} heading="The tracking alert was not set up" />
      <RadioGroup
        name={`${prefix}-kind`}
        legend="What is tracked"
        options={[
          { value: 'number' as const, label: 'A package, by its article number' },
          { value: 'imb' as const, label: 'A letter or flat, by its Intelligent Mail barcode' },
        ]}
        value={kind}
        onChange={setKind}
      />
      <TextField
        id={`${prefix}-number`}
        label={kind === 'number' ? 'Article number' : 'Intelligent Mail barcode (digits)'}
        value={piece}
        onChange={setPiece}
        maxLength={80}
        error={errors.fields[kind]}
        aria-required
      />
      <AlertContactFields prefix={prefix} draft={contact} onChange={setContact} errors={errors} />
      <SubmitOrCancel busy={busy} label="Set up the alert" onCancel={onCancel} />
    </form>
  );
}

/**
 * The customer page's Tracking alerts section: the pieces the customer follows by e-mail or
 * text, and for those who may (record.create) a form to set one up or a button to stop one.
 */
export function TrackingAlerts({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  const alerts = useLoad(() => listTrackingAlerts(customer.id), [customer.id]);
  const [entering, setEntering] = useState(false);
  const [stopError, setStopError] = useState<string | null>(null);

  const stop = async (id: string) => {
    setStopError(null);
    try {
      await cancelTrackingAlert(id);
      alerts.reload();
    } catch (error) {
      setStopError(problemMessage(error));
    }
  };

  return (
    <section aria-labelledby="tracking-alerts-heading" className="margin-top-4" data-testid="tracking-alerts">
      <h2 id="tracking-alerts-heading">Tracking alerts</h2>
      {stopError && (
        <p className="usa-error-message" role="alert">
          {stopError}
        </p>
      )}
      <LoadedList
        list={alerts}
        what="the tracking alerts"
        empty={<p data-testid="no-tracking-alerts">The customer follows no piece by e-mail or text.</p>}
      >
        {(rows) => (
          <Table caption="Tracking alerts, newest first" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Piece</th>
                <th scope="col">Sent to</th>
                <th scope="col">Updates</th>
                <th scope="col">Status</th>
                <th scope="col">Alerts sent</th>
                {canEnter && <th scope="col">Stop</th>}
              </tr>
            </thead>
            <tbody data-testid="tracking-alert-rows">
              {rows.map((a) => (
                <tr key={a.id}>
                  <th scope="row" data-label="Piece">
                    <span className="font-mono-xs">{a.piece}</span>
                    <span className="display-block text-normal text-base-dark">{a.class === 'mail' ? 'Mail (IMb)' : 'Package'}</span>
                  </th>
                  <td data-label="Sent to">{alertDestination(a)}</td>
                  <td data-label="Updates">{alertEventSetLabels[a.events]}</td>
                  <td data-label="Status">
                    {alertState(a)}
                    {a.lastError && <span className="display-block text-secondary-dark">Last send failed ({a.lastError}); retried</span>}
                  </td>
                  <td data-label="Alerts sent">{a.alertsSent}</td>
                  {canEnter && (
                    <td data-label="Stop">
                      {a.active && (
                        <Button type="button" unstyled onClick={() => void stop(a.id)}>
                          Stop
                        </Button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </LoadedList>
      {canEnter &&
        (entering ? (
          <section aria-labelledby="tracking-alert-form-heading" className="margin-top-3">
            <h3 id="tracking-alert-form-heading">Set up a tracking alert</h3>
            <NewAlertForm
              customerId={customer.id}
              onDone={() => {
                setEntering(false);
                alerts.reload();
              }}
              onCancel={() => setEntering(false)}
            />
          </section>
        ) : (
          <Button type="button" outline className="margin-top-2" onClick={() => setEntering(true)}>
            Set up a tracking alert
          </Button>
        ))}
    </section>
  );
}
