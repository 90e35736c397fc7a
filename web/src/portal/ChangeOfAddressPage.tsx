import { useState, type FormEvent } from 'react';
import { Table } from '@trussworks/react-uswds';
import { moveTypes, type MoveDuration, type MoveType } from '../api/changes-of-address.ts';
import {
  AddressFields,
  addressInput,
  emptyAddress,
  missingAddressParts,
  namedAddressKeys,
  type AddressDraft,
} from '../customers/AddressFields.tsx';
import { DateRangeFields, emptyDays, type DayPair } from '../forms/DateRangeFields.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { LoadedList } from '../frame/LoadedList.tsx';
import { Page } from '../frame/Page.tsx';
import { addressText, formatDay, forwardingEndHint, moveFieldKeys } from '../tracking/coaParts.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { changeOfAddressApi, type PortalChangeOfAddress } from './changeOfAddressApi.ts';
import { ForAddressOfRecord, RequestForm, RequestOutcome } from './requestParts.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const prefix = 'portal-coa';
const moveKeys = moveFieldKeys(prefix);
const newKeys = namedAddressKeys(prefix, 'newAddress', 'New address');
/** Error labels by form key; the server's pointers ('/body/newAddress/zip') map to these keys ('newAddress.zip'). */
const labels: Readonly<Record<string, string>> = {
  ...moveKeys.labels,
  oldAddressId: 'Address you are moving from',
  ...newKeys.labels,
};
const ids: Readonly<Record<string, string>> = {
  ...moveKeys.ids,
  oldAddressId: `${prefix}-old`,
  ...newKeys.ids,
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

const outcomeAlert = {
  accepted: { type: 'success', heading: 'Your change of address is accepted' },
  in_review: { type: 'warning', heading: 'We are checking your request' },
  refused: { type: 'error', heading: 'We could not accept this request online' },
} as const;

function outcomeText(change: PortalChangeOfAddress): string {
  if (change.status === 'accepted')
    return `We forward your mail to ${addressText(change.newAddress)} from ${formatDay(change.effectiveDate)}${change.endDate ? ` to ${formatDay(change.endDate)}` : ''}. We are sending a letter to your old address and one to your new address.`;
  return change.status === 'in_review'
    ? 'To protect your mail, we check some requests before forwarding anything. We will write to you; nothing is forwarded until the check is done.'
    : 'Please ask for the change at any Post Office, with a photo ID. No mail will be forwarded on this request.';
}

/** /portal/change-of-address: forward my mail when I move (for myself, from an address on my record), and my requests so far. */
export function ChangeOfAddressPage() {
  const addresses = useLoad(() => changeOfAddressApi.addresses(), []);
  const changes = useLoad(() => changeOfAddressApi.list(), []);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const [moveType, setMoveType] = useState<MoveType>('individual');
  const [duration, setDuration] = useState<MoveDuration>('permanent');
  const [days, setDays] = useState<DayPair>(emptyDays);
  const [oldAddressId, setOldAddressId] = useState<string | undefined>(undefined);
  const [newAddress, setNewAddress] = useState<AddressDraft>(emptyAddress);
  const [busy, setBusy] = useState(false);
  const [filed, setFiled] = useState<PortalChangeOfAddress | null>(null);
  const chosenOld = oldAddressId ?? addresses.data?.[0]?.id;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!days.first) checks.effectiveDate = 'Enter the first day we should forward your mail.';
    if (duration === 'temporary' && !days.last) checks.endDate = 'Enter the last day: a temporary move has one.';
    if (!chosenOld) checks.oldAddressId = 'Choose the address you are moving from.';
    Object.assign(checks, missingAddressParts('newAddress', newAddress, 'your new address'));
    if (!fromChecks(checks) || !chosenOld || busy) return;
    setBusy(true);
    try {
      const change = await changeOfAddressApi.file({
        moveType,
        duration,
        effectiveDate: days.first,
        endDate: duration === 'temporary' ? days.last : null,
        oldAddressId: chosenOld,
        newAddress: addressInput(newAddress),
      });
      setFiled(change);
      setNewAddress(emptyAddress);
      setDays(emptyDays);
      changes.reload();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Change of address">
      <p className="usa-intro">Moving? Tell us where, and we forward your mail to your new address.</p>
      {filed && <RequestOutcome id={filed.id} testId="portal-coa-outcome" {...outcomeAlert[filed.status]} text={outcomeText(filed)} />}
      <ForAddressOfRecord addresses={addresses} testId="portal-coa-no-address" nothing="there is nothing to forward from">
        {(records) => (
          <RequestForm
            heading="File a change of address"
            errorHeading="Your change of address was not filed"
            errors={errors}
            fieldIds={ids}
            testId="portal-coa-form"
            onSubmit={submit}
            declaration="You file this as the person on your customer record, signed in to your account. We write to both addresses to confirm it."
            busy={busy}
            submitLabel="File change of address"
            busyLabel="Filing…"
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
            <DateRangeFields
              ids={{ first: ids.effectiveDate!, last: ids.endDate! }}
              labels={{ first: labels.effectiveDate!, last: labels.endDate! }}
              hints={{ first: 'Up to 90 days ahead, or up to 7 days back.', last: forwardingEndHint }}
              value={days}
              onChange={setDays}
              errors={{ first: errors.fields.effectiveDate, last: errors.fields.endDate }}
              withLast={duration === 'temporary'}
            />
            <RadioGroup
              id={ids.oldAddressId}
              name={ids.oldAddressId!}
              legend={labels.oldAddressId}
              options={records.map((a) => ({
                value: a.id,
                label: `${addressText(a.address)}${a.label ? ` (${a.label})` : ''}`,
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
          </RequestForm>
        )}
      </ForAddressOfRecord>

      <h2 className="margin-top-5">Your changes of address</h2>
      <LoadedList
        list={changes}
        what="your changes of address"
        empty={<p data-testid="portal-coa-none">You have filed no change of address with us.</p>}
      >
        {(rows) => (
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
              {rows.map((c) => (
                <tr key={c.id}>
                  <th scope="row" data-label="Filed">
                    {formatDateTime(c.createdAt)}
                  </th>
                  <td data-label="From">{addressText(c.oldAddress)}</td>
                  <td data-label="To">{addressText(c.newAddress)}</td>
                  <td data-label="Forwarding">
                    {c.endDate ? `${formatDay(c.effectiveDate)} to ${formatDay(c.endDate)}` : `From ${formatDay(c.effectiveDate)}`}
                  </td>
                  <td data-label="Status">{statusText[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </LoadedList>
    </Page>
  );
}
