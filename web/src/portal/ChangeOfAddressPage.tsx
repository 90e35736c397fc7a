import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Table } from '@trussworks/react-uswds';
import { moveTypes, type MoveDuration, type MoveType } from '../api/changes-of-address.ts';
import { ApiError, problemMessage, problemTypes } from '../api/problem.ts';
import { AddressFields, addressInput, emptyAddress, type AddressDraft } from '../customers/AddressFields.tsx';
import { inputId } from '../customers/valueErrors.ts';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDay } from '../tracking/coaParts.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { changeOfAddressApi, type PortalAddress, type PortalChangeOfAddress } from './changeOfAddressApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';

const prefix = 'portal-coa';
const addressParts = { lines: 'street address', city: 'city', state: 'state', zip: 'ZIP code' } as const;
/** Error labels by form key; the server's pointers ('/body/newAddress/zip') map to these keys ('newAddress.zip'). */
const labels: Readonly<Record<string, string>> = {
  moveType: 'Who is moving',
  duration: 'How long',
  effectiveDate: 'First day of forwarding',
  endDate: 'Last day of forwarding',
  oldAddressId: 'Address you are moving from',
  newAddress: 'New address',
  ...Object.fromEntries(Object.entries(addressParts).map(([part, label]) => [`newAddress.${part}`, `New address: ${label}`])),
};
const ids: Readonly<Record<string, string>> = {
  moveType: `${prefix}-moveType`,
  duration: `${prefix}-duration`,
  effectiveDate: `${prefix}-effective`,
  endDate: `${prefix}-end`,
  oldAddressId: `${prefix}-old`,
  ...Object.fromEntries(['newAddress', ...Object.keys(addressParts).map((p) => `newAddress.${p}`)].map((k) => [k, inputId(prefix, k)])),
};

const moveLabels: Readonly<Record<MoveType, string>> = {
  individual: 'Only me',
  family: 'My family (everyone at the old address with my last name)',
  business: 'My business',
};
const statusText: Readonly<Record<PortalChangeOfAddress['status'], string>> = {
  accepted: 'Accepted',
  in_review: 'Being checked',
  refused: 'Not accepted',
};

function sentence(label: string, message: string): string {
  const text = /^(is|are|must|has|was)\b/.test(message) ? `${label} ${message}` : message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** Each server error next to its field (the nearest form key with a label), the rest above the form. */
function formErrorsOf(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field: pointer, message } of error.problem.errors ?? []) {
    const [, where, first, second] = pointer.split('/');
    const key = where === 'body' && first ? [second ? `${first}.${second}` : '', first].find((k) => k && labels[k]) : undefined;
    if (key) fields[key] ??= sentence(labels[key]!, message);
    else unplaced.push(sentence('', message));
  }
  if (error.problem.type !== problemTypes.validation) return { summary: problemMessage(error), fields };
  return unplaced.length > 0 ? { summary: unplaced.join(' '), fields } : { fields };
}

const addressLine = (a: PortalAddress) => `${a.deliveryLine}, ${a.lastLine}`;

const outcomeAlert = {
  accepted: { type: 'success', heading: 'Your change of address is accepted' },
  in_review: { type: 'warning', heading: 'We are checking your request' },
  refused: { type: 'error', heading: 'We could not accept this request online' },
} as const;

/** What became of the request just filed: the screen's outcome, never its reasons (they would teach a fraudster the rules). */
function Outcome({ change }: { readonly change: PortalChangeOfAddress }) {
  const shown = outcomeAlert[change.status];
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [change.id]);
  return (
    <div ref={ref} tabIndex={-1} data-testid="portal-coa-outcome">
      <Alert type={shown.type} className="margin-y-3">
        <h2 className="usa-alert__heading">{shown.heading}</h2>
        <p className="usa-alert__text">
          {change.status === 'accepted'
            ? `We forward your mail to ${addressLine(change.newAddress)} from ${formatDay(change.effectiveDate)}${change.endDate ? ` to ${formatDay(change.endDate)}` : ''}. We are sending a letter to your old address and one to your new address.`
            : change.status === 'in_review'
              ? 'To protect your mail, we check some requests before forwarding anything. We will write to you; nothing is forwarded until the check is done.'
              : 'Please ask for the change at any Post Office, with a photo ID. No mail will be forwarded on this request.'}
        </p>
      </Alert>
    </div>
  );
}

/** /portal/change-of-address: forward my mail when I move (for myself, from an address on my record), and my requests so far. */
export function ChangeOfAddressPage() {
  const addresses = useLoad(() => changeOfAddressApi.addresses(), []);
  const changes = useLoad(() => changeOfAddressApi.list(), []);
  const [moveType, setMoveType] = useState<MoveType>('individual');
  const [duration, setDuration] = useState<MoveDuration>('permanent');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [oldAddressId, setOldAddressId] = useState<string | undefined>(undefined);
  const [newAddress, setNewAddress] = useState<AddressDraft>(emptyAddress);
  const [errors, setErrors] = useState<FormErrors>({ fields: {} });
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<PortalChangeOfAddress | null>(null);
  const chosenOld = oldAddressId ?? addresses.data?.[0]?.id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!effectiveDate) checks.effectiveDate = 'Enter the first day we should forward your mail.';
    if (duration === 'temporary' && !endDate) checks.endDate = 'Enter the last day: a temporary move has one.';
    if (!chosenOld) checks.oldAddressId = 'Choose the address you are moving from.';
    if (!newAddress.line1.trim()) checks['newAddress.lines'] = 'Enter the street address of your new address.';
    if (!newAddress.city.trim()) checks['newAddress.city'] = 'Enter the city of your new address.';
    if (!newAddress.state.trim()) checks['newAddress.state'] = 'Enter the state of your new address.';
    if (!newAddress.zip.trim()) checks['newAddress.zip'] = 'Enter the ZIP code of your new address.';
    setErrors({ fields: checks });
    if (Object.keys(checks).length > 0 || !chosenOld || busy) return;
    setBusy(true);
    try {
      const change = await changeOfAddressApi.file({
        moveType,
        duration,
        effectiveDate,
        endDate: duration === 'temporary' ? endDate : null,
        oldAddressId: chosenOld,
        newAddress: addressInput(newAddress),
      });
      setFiled(change);
      setNewAddress(emptyAddress);
      setEffectiveDate('');
      setEndDate('');
      changes.reload();
    } catch (error) {
      setErrors(formErrorsOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Change of address">
      <p className="usa-intro">Moving? Tell us where, and we forward your mail to your new address.</p>
      {filed && <Outcome change={filed} />}
      {addresses.error ? (
        <LoadError what="your addresses" error={addresses.error} onRetry={addresses.reload} />
      ) : !addresses.data ? (
        <Loading />
      ) : addresses.data.length === 0 ? (
        <p data-testid="portal-coa-no-address">
          We hold no mailing address for you, so there is nothing to forward from. Check{' '}
          <Link to="/portal/profile" className="usa-link">
            your profile
          </Link>{' '}
          and ask us to add your address.
        </p>
      ) : (
        <>
          <h2>File a change of address</h2>
          <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your change of address was not filed" />
          <form
            onSubmit={(event) => void submit(event)}
            noValidate
            className="usa-form usa-form--large maxw-tablet-lg"
            data-testid="portal-coa-form"
          >
            <RadioGroup
              id={ids.moveType}
              name={ids.moveType!}
              legend={labels.moveType}
              options={moveTypes.map((m) => ({ value: m, label: moveLabels[m] }))}
              value={moveType}
              onChange={setMoveType}
              error={errors.fields.moveType}
            />
            <RadioGroup
              id={ids.duration}
              name={ids.duration!}
              legend={labels.duration}
              options={[
                { value: 'permanent' as const, label: 'Permanent: I am not coming back' },
                { value: 'temporary' as const, label: 'Temporary: for a while, then back to the old address' },
              ]}
              value={duration}
              onChange={setDuration}
              error={errors.fields.duration}
            />
            <TextField
              id={ids.effectiveDate!}
              label={labels.effectiveDate}
              hint="Up to 90 days ahead, or up to 7 days back."
              type="date"
              value={effectiveDate}
              onChange={setEffectiveDate}
              error={errors.fields.effectiveDate}
              aria-required
            />
            {duration === 'temporary' && (
              <TextField
                id={ids.endDate!}
                label={labels.endDate}
                hint="15 days to 1 year after the first day."
                type="date"
                value={endDate}
                onChange={setEndDate}
                error={errors.fields.endDate}
                aria-required
              />
            )}
            <RadioGroup
              id={ids.oldAddressId}
              name={ids.oldAddressId!}
              legend={labels.oldAddressId}
              options={addresses.data.map((a) => ({
                value: a.id,
                label: `${addressLine(a.address)}${a.label ? ` (${a.label})` : ''}`,
              }))}
              value={chosenOld}
              onChange={setOldAddressId}
              error={errors.fields.oldAddressId}
            />
            <AddressFields
              prefix={prefix}
              fieldKey="newAddress"
              legend="New address"
              hint="Where we should forward your mail. The address lines only: no name."
              value={newAddress}
              onChange={setNewAddress}
              errors={errors.fields}
            />
            <p className="margin-top-3">
              You file this as the person on your customer record, signed in to your account. We write to both addresses to confirm it.
            </p>
            <Button type="submit" disabled={busy}>
              {busy ? 'Filing…' : 'File change of address'}
            </Button>
          </form>
        </>
      )}

      <h2 className="margin-top-5">Your changes of address</h2>
      {changes.error ? (
        <LoadError what="your changes of address" error={changes.error} onRetry={changes.reload} />
      ) : !changes.data ? (
        <Loading />
      ) : changes.data.length === 0 ? (
        <p data-testid="portal-coa-none">You have filed no change of address with us.</p>
      ) : (
        <Table bordered={false} fullWidth stackedStyle="default">
          <thead>
            <tr>
              <th scope="col">Filed</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Forwarding</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody data-testid="portal-coa-list">
            {changes.data.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label="Filed">
                  {formatDateTime(c.createdAt)}
                </th>
                <td data-label="From">{addressLine(c.oldAddress)}</td>
                <td data-label="To">{addressLine(c.newAddress)}</td>
                <td data-label="Forwarding">
                  {c.endDate ? `${formatDay(c.effectiveDate)} to ${formatDay(c.endDate)}` : `From ${formatDay(c.effectiveDate)}`}
                </td>
                <td data-label="Status">{statusText[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
