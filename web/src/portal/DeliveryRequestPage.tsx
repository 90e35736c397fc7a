import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { DeliveryRequestList } from './DeliveryRequestList.tsx';
import type { PortalDeliveryRequest } from './deliveryServicesApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

interface FieldKeys {
  readonly id: string;
  readonly label: string;
  readonly error: string | undefined;
}

/**
 * A page to ask for a delivery service (a redelivery, a pickup): the form, checked by the
 * server alone, its confirmation, and the customer's requests of that kind below it.
 */
export function DeliveryRequestPage({
  title,
  heading,
  intro,
  labels,
  ids,
  list,
  send,
  confirmation,
  submitLabel,
  what,
  children,
  after,
}: {
  readonly title: string;
  readonly heading: string;
  readonly intro: ReactNode;
  readonly labels: Readonly<Record<string, string>>;
  readonly ids: Readonly<Record<string, string>>;
  readonly list: () => Promise<PortalDeliveryRequest[]>;
  readonly send: () => Promise<PortalDeliveryRequest>;
  /** The success alert's test id, heading and text for the request just made. */
  readonly confirmation: {
    readonly testId: string;
    readonly heading: string;
    readonly text: (done: PortalDeliveryRequest) => ReactNode;
  };
  readonly submitLabel: string;
  /** The requests, plural: "pickups". */
  readonly what: string;
  /** The fields; `field(key)` gives each its id, label and error, as the error summary knows them. */
  readonly children: (field: (key: string) => FieldKeys) => ReactNode;
  readonly after?: ReactNode;
}) {
  const requests = useLoad(list, []);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PortalDeliveryRequest | null>(null);
  const { errors, fromError, clear } = usePortalFormErrors(labels);

  const field = (key: string): FieldKeys => ({ id: ids[key]!, label: labels[key]!, error: errors.fields[key] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    clear();
    setDone(null);
    try {
      setDone(await send());
      requests.reload();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title={title} heading={heading}>
      <p className="usa-intro">{intro}</p>
      {done && (
        <Alert type="success" data-testid={confirmation.testId}>
          <h2 className="usa-alert__heading">{confirmation.heading}</h2>
          <p className="usa-alert__text">{confirmation.text(done)}</p>
        </Alert>
      )}
      <PortalErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={submit} large noValidate>
        {children(field)}
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Sending…' : submitLabel}
        </Button>
      </Form>
      <h2 className="margin-top-5">Your {what}</h2>
      <DeliveryRequestList requests={requests} what={what} />
      {after}
    </Page>
  );
}
