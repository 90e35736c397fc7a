import { useState, type FormEvent } from 'react';
import { Alert, Button, Table } from '@trussworks/react-uswds';
import { alertDestination, alertEventSetLabels, type TrackingAlert } from '../api/tracking-alerts.ts';
import { problemMessage } from '../api/problem.ts';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { LoadedList } from '../frame/LoadedList.tsx';
import { Page } from '../frame/Page.tsx';
import {
  AlertContactFields,
  alertContactInput,
  alertContactLabels,
  alertState,
  checkAlertContact,
  emptyAlertContact,
  type AlertContactDraft,
} from '../tracking/TrackingAlerts.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { trackingApi, type PieceEvent } from './trackingApi.ts';
import { portalFormErrors } from './usePortalFormErrors.ts';

const lookupLabels = { number: 'Tracking number' } as const;
const lookupIds = { number: 'track-number' } as const;
const alertPrefix = 'track-alert';
const alertIds: Readonly<Record<string, string>> = Object.fromEntries(
  Object.keys(alertContactLabels).map((k) => [k, `${alertPrefix}-${k}`]),
);

/** The history of the number looked up, oldest first as it happened, the newest on top. */
function History({ number, events }: { readonly number: string; readonly events: readonly PieceEvent[] }) {
  if (events.length === 0)
    return (
      <Alert type="info" slim className="margin-y-3" data-testid="track-nothing">
        <p className="usa-alert__text">
          We have no tracking updates for {number} yet. Labels are often printed before the package is mailed: look again later, or ask to
          be told when it moves.
        </p>
      </Alert>
    );
  const newest = [...events].reverse();
  return (
    <>
      <h2>Tracking history</h2>
      <p className="font-sans-lg" data-testid="track-latest">
        <strong>{newest[0]!.description}</strong>, {formatDateTime(newest[0]!.at)}
      </p>
      <Table caption={`Updates for ${number}, newest first`} fullWidth stackedStyle="headers">
        <thead>
          <tr>
            <th scope="col">Update</th>
            <th scope="col">When</th>
            <th scope="col">Where (ZIP Code)</th>
          </tr>
        </thead>
        <tbody data-testid="track-events">
          {newest.map((e, i) => (
            <tr key={`${e.at}-${e.event}-${i}`}>
              <th scope="row" data-label="Update">
                {e.description}
              </th>
              <td data-label="When">{formatDateTime(e.at)}</td>
              <td data-label="Where (ZIP Code)">{e.facilityZip ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}

/** Ask to be told of the package's next updates, by e-mail or text. */
function SubscribeForm({ number, onSubscribed }: { readonly number: string; readonly onSubscribed: (alert: TrackingAlert) => void }) {
  const [contact, setContact] = useState<AlertContactDraft>(emptyAlertContact);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = checkAlertContact(contact);
    setErrors({ fields: checks });
    if (Object.keys(checks).length > 0 || busy) return;
    setBusy(true);
    try {
      onSubscribed(await trackingApi.subscribe({ number, ...alertContactInput(contact) }));
      setContact(emptyAlertContact);
    } catch (error) {
      setErrors(portalFormErrors(error, alertContactLabels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="track-subscribe-heading" className="margin-top-4">
      <h2 id="track-subscribe-heading">Tell me when it moves</h2>
      <p>We send an alert each time this package is scanned, until its tracking ends (90 days). Stop whenever you like.</p>
      <PortalErrorSummary errors={errors} fieldIds={alertIds} heading="Your alert was not set up" />
      <form onSubmit={(event) => void submit(event)} noValidate className="usa-form usa-form--large" data-testid="track-subscribe-form">
        <AlertContactFields prefix={alertPrefix} draft={contact} onChange={setContact} errors={errors} />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Send me alerts
        </Button>
      </form>
    </section>
  );
}

/** /portal/track: "Track a package" — a package's history by its number, alerts by e-mail or text, and my alerts so far. */
export function TrackPage() {
  const alerts = useLoad(() => trackingApi.alerts(), []);
  const [number, setNumber] = useState('');
  const [looked, setLooked] = useState<{ number: string; events: PieceEvent[] } | null>(null);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [subscribed, setSubscribed] = useState<TrackingAlert | null>(null);
  const [stopError, setStopError] = useState<string | null>(null);

  const lookup = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = number.trim();
    if (!typed) {
      setErrors({ fields: { number: 'Enter the tracking number printed under the barcode of your label or receipt.' } });
      return;
    }
    if (busy) return;
    setErrors({ fields: {} });
    setSubscribed(null);
    setBusy(true);
    try {
      setLooked({ number: typed, ...(await trackingApi.lookup(typed)) });
    } catch (error) {
      setLooked(null);
      setErrors(portalFormErrors(error, lookupLabels));
    } finally {
      setBusy(false);
    }
  };

  const stop = async (id: string) => {
    setStopError(null);
    try {
      await trackingApi.cancel(id);
      alerts.reload();
    } catch (error) {
      setStopError(problemMessage(error));
    }
  };

  return (
    <Page title="Track a package">
      <p className="usa-intro">Where is my package? Enter its tracking number to see each step, and ask us to tell you when it moves.</p>
      <PortalErrorSummary errors={errors} fieldIds={lookupIds} heading="We could not look up that number" />
      <form onSubmit={(event) => void lookup(event)} noValidate className="usa-form usa-form--large" data-testid="track-form">
        <TextField
          id={lookupIds.number}
          label={lookupLabels.number}
          hint="The number under the barcode of your label or receipt: 20 to 34 digits, or 13 characters like EJ 958 083 935 US."
          value={number}
          onChange={setNumber}
          maxLength={60}
          autoComplete="off"
          error={errors.fields.number}
          aria-required
        />
        <Button type="submit" disabled={busy} className="margin-top-2">
          Track
        </Button>
      </form>
      {looked && (
        <div data-testid="track-result">
          <History number={looked.number} events={looked.events} />
          {subscribed ? (
            <Alert type="success" slim className="margin-y-3" data-testid="track-subscribed">
              <p className="usa-alert__text">We will send updates for this package to {alertDestination(subscribed)}.</p>
            </Alert>
          ) : (
            <SubscribeForm
              number={looked.number}
              onSubscribed={(alert) => {
                setSubscribed(alert);
                alerts.reload();
              }}
            />
          )}
        </div>
      )}
      <section aria-labelledby="my-alerts-heading" className="margin-top-5">
        <h2 id="my-alerts-heading">My tracking alerts</h2>
        {stopError && (
          <p className="usa-error-message" role="alert">
            {stopError}
          </p>
        )}
        <LoadedList list={alerts} what="your tracking alerts" empty={<p data-testid="my-alerts-none">You have no tracking alerts.</p>}>
          {(rows) => (
            <Table caption="My tracking alerts, newest first" fullWidth stackedStyle="headers">
              <thead>
                <tr>
                  <th scope="col">Tracking number</th>
                  <th scope="col">Sent to</th>
                  <th scope="col">Updates</th>
                  <th scope="col">Status</th>
                  <th scope="col">Stop</th>
                </tr>
              </thead>
              <tbody data-testid="my-alerts">
                {rows.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" data-label="Tracking number">
                      {a.piece}
                    </th>
                    <td data-label="Sent to">{alertDestination(a)}</td>
                    <td data-label="Updates">{alertEventSetLabels[a.events]}</td>
                    <td data-label="Status">{alertState(a)}</td>
                    <td data-label="Stop">
                      {a.active && (
                        <Button type="button" unstyled onClick={() => void stop(a.id)} aria-label={`Stop alerts for ${a.piece}`}>
                          Stop alerts
                        </Button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </LoadedList>
      </section>
    </Page>
  );
}
