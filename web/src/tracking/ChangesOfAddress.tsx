import { useState, type FormEvent } from 'react';
import { Table } from '@trussworks/react-uswds';
import {
  createChangeOfAddress,
  durationLabels,
  listChangesOfAddress,
  moveTypeLabels,
  statusLabels,
  type ChangeOfAddress,
  type MoveDuration,
  type MoveType,
} from '../api/changes-of-address.ts';
import type { Customer } from '../api/customers.ts';
import {
  AddressFields,
  addressInput,
  emptyAddress,
  missingAddressParts,
  namedAddressKeys,
  type AddressDraft,
} from '../customers/AddressFields.tsx';
import { DateRangeFields, emptyDays, type DayPair } from '../forms/DateRangeFields.tsx';
import { EntryForm } from '../forms/EntryForm.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { addressText, CoaLetters, forwardingEndHint, formatDay, moveFieldKeys, moveText } from './coaParts.tsx';
import { CustomerSection } from './CustomerSection.tsx';
import { coaScreen, ReviewNote, ScreeningResult, ScreeningSummary } from './screening.tsx';
import { emptyVerification, VerificationFields, verificationIds, type VerificationDraft } from './VerificationFields.tsx';

const prefix = 'coa';
const moveKeys = moveFieldKeys(prefix);
const oldKeys = namedAddressKeys(prefix, 'oldAddress', 'Old address');
const newKeys = namedAddressKeys(prefix, 'newAddress', 'New address');
const verificationId = verificationIds(prefix);

/** Error labels by form key; the server's pointers ('/body/oldAddress/zip') map to these keys ('oldAddress.zip'). */
const labels: Readonly<Record<string, string>> = {
  ...moveKeys.labels,
  name: 'Name on the request',
  ...oldKeys.labels,
  ...newKeys.labels,
  verification: 'Identity verification',
  'verification.method': 'How identity was verified',
  'verification.outcome': 'Verification result',
};
const ids: Readonly<Record<string, string>> = {
  ...moveKeys.ids,
  name: `${prefix}-name`,
  ...oldKeys.ids,
  ...newKeys.ids,
  verification: verificationId.method,
  'verification.method': verificationId.method,
  'verification.outcome': verificationId.outcome,
};

const resultAlert = {
  accepted: { type: 'success', heading: 'Change of address accepted' },
  in_review: { type: 'warning', heading: 'Change of address held for fraud review' },
  refused: { type: 'error', heading: 'Change of address denied by the fraud screen' },
} as const;

/** What the screen decided about the request just entered, with its reasons and letters. */
function EnteredResult({ coa }: { readonly coa: ChangeOfAddress }) {
  return (
    <ScreeningResult
      id={coa.id}
      testId="coa-result"
      {...resultAlert[coa.status]}
      text={
        coa.status === 'accepted'
          ? `Mail forwards from ${formatDay(coa.effectiveDate)}${coa.endDate ? ` to ${formatDay(coa.endDate)}` : ''}.`
          : coa.status === 'in_review'
            ? 'A supervisor decides in Fraud review; mail is not forwarded until the request is approved.'
            : 'Mail will not be forwarded. The customer may file again with stronger proof of identity.'
      }
      screen={coaScreen}
      screening={coa.screening}
    >
      <CoaLetters coa={coa} />
    </ScreeningResult>
  );
}

/** Enter a change of address for the customer (POST /api/customers/:id/changes-of-address), screened at once. */
function ChangeOfAddressForm({
  customer,
  onEntered,
  onCancel,
}: {
  readonly customer: Customer;
  readonly onEntered: (coa: ChangeOfAddress) => void;
  readonly onCancel: () => void;
}) {
  // The server refuses a business move for a person and a personal one for an organisation.
  const moveOptions: MoveType[] = customer.kind === 'organisation' ? ['business'] : ['individual', 'family'];
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [moveType, setMoveType] = useState<MoveType>(moveOptions[0]!);
  const [duration, setDuration] = useState<MoveDuration>('permanent');
  const [name, setName] = useState('');
  const [days, setDays] = useState<DayPair>(emptyDays);
  const [oldAddress, setOldAddress] = useState<AddressDraft>(emptyAddress);
  const [newAddress, setNewAddress] = useState<AddressDraft>(emptyAddress);
  const [verification, setVerification] = useState<VerificationDraft>(emptyVerification);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { method, outcome } = verification;
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter the name on the request, as the customer gives it.';
    if (!days.first) checks.effectiveDate = 'Enter the first day of forwarding.';
    if (duration === 'temporary' && !days.last) checks.endDate = 'Enter the last day of forwarding: a temporary move has one.';
    Object.assign(
      checks,
      missingAddressParts('oldAddress', oldAddress, 'the old address'),
      missingAddressParts('newAddress', newAddress, 'the new address'),
    );
    if (!method) checks['verification.method'] = 'Choose how the customer’s identity was verified.';
    if (!outcome) checks['verification.outcome'] = 'Choose the result of the identity verification.';
    if (!fromChecks(checks) || !method || !outcome) return;
    setBusy(true);
    try {
      onEntered(
        await createChangeOfAddress(customer.id, {
          moveType,
          duration,
          name: name.trim(),
          effectiveDate: days.first,
          endDate: duration === 'temporary' ? days.last : null,
          oldAddress: addressInput(oldAddress),
          newAddress: addressInput(newAddress),
          verification: { method, outcome },
        }),
      );
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <EntryForm
      errors={errors}
      fieldIds={ids}
      errorHeading="The change of address was not entered"
      testId="coa-form"
      onSubmit={submit}
      busy={busy}
      label="Enter change of address"
      busyLabel="Screening…"
      onCancel={onCancel}
    >
      {moveOptions.length > 1 ? (
        <RadioGroup
          id={ids.moveType}
          name={ids.moveType!}
          legend={labels.moveType}
          options={moveOptions.map((m) => ({ value: m, label: moveTypeLabels[m] }))}
          value={moveType}
          onChange={setMoveType}
          error={errors.fields.moveType}
        />
      ) : (
        <p className="margin-top-3" id={ids.moveType}>
          {labels.moveType}: {moveTypeLabels.business} (the customer is an organisation).
        </p>
      )}
      <RadioGroup
        id={ids.duration}
        name={ids.duration!}
        legend={labels.duration}
        options={(['permanent', 'temporary'] as const).map((d) => ({ value: d, label: durationLabels[d] }))}
        value={duration}
        onChange={setDuration}
        error={errors.fields.duration}
      />
      <TextField
        id={ids.name!}
        label={labels.name}
        hint={
          customer.kind === 'organisation'
            ? 'The business’s name as the requester gives it. It is checked against the customer record.'
            : 'As the customer gives it; for a family move the last name is enough. It is checked against the customer record.'
        }
        value={name}
        onChange={setName}
        error={errors.fields.name}
        maxLength={200}
        autoComplete="off"
        aria-required
      />
      <DateRangeFields
        ids={{ first: ids.effectiveDate!, last: ids.endDate! }}
        labels={{ first: labels.effectiveDate!, last: labels.endDate! }}
        hints={{ first: 'At most 90 days ahead, or 7 days back.', last: forwardingEndHint }}
        value={days}
        onChange={setDays}
        errors={{ first: errors.fields.effectiveDate, last: errors.fields.endDate }}
        withLast={duration === 'temporary'}
      />
      <AddressFields
        prefix={prefix}
        fieldKey="oldAddress"
        legend="Old address"
        hint="Where mail is delivered now. The address lines only: no name."
        value={oldAddress}
        onChange={setOldAddress}
        errors={errors.fields}
      />
      <AddressFields
        prefix={prefix}
        fieldKey="newAddress"
        legend="New address"
        hint="Where mail is to be forwarded."
        value={newAddress}
        onChange={setNewAddress}
        errors={errors.fields}
      />
      <VerificationFields
        prefix={prefix}
        what="request"
        value={verification}
        onChange={setVerification}
        errors={{
          method: errors.fields['verification.method'] ?? errors.fields.verification,
          outcome: errors.fields['verification.outcome'],
        }}
      />
    </EntryForm>
  );
}

/**
 * The customer's changes of address (newest first), each with its screening and letters, and
 * for those who may enter one (record.create) the form; the screen's result shows at once.
 */
export function ChangesOfAddress({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  const changes = useLoad(() => listChangesOfAddress(customer.id), [customer.id]);

  return (
    <CustomerSection
      headingId="coa-heading"
      title="Changes of address"
      testId="changes-of-address"
      records={changes}
      what="the changes of address"
      empty={<p data-testid="no-coa">No change of address has been entered for this customer.</p>}
      canEnter={canEnter}
      enterLabel="Enter a change of address"
      formHeadingId="coa-form-heading"
      form={(onEntered, onCancel) => <ChangeOfAddressForm customer={customer} onEntered={onEntered} onCancel={onCancel} />}
      result={(coa) => <EnteredResult coa={coa} />}
    >
      {(data) => (
        <Table caption="Changes of address, newest first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Move</th>
              <th scope="col">Effective</th>
              <th scope="col">Temporary until</th>
              <th scope="col">Status</th>
              <th scope="col">Fraud screen</th>
              <th scope="col">Letters</th>
            </tr>
          </thead>
          <tbody data-testid="coa-rows">
            {data.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label="Move">
                  {moveText(c)}
                  <span className="display-block text-normal">To {addressText(c.newAddress)}</span>
                  <span className="display-block text-normal text-base-dark">Entered {formatDateTime(c.createdAt)}</span>
                </th>
                <td data-label="Effective">{formatDay(c.effectiveDate)}</td>
                <td data-label="Temporary until">{c.endDate ? formatDay(c.endDate) : 'Permanent'}</td>
                <td data-label="Status">
                  {statusLabels[c.status]}
                  {c.forwarding && <span className="display-block">Forwarding now</span>}
                  <ReviewNote review={c.review} />
                </td>
                <td data-label="Fraud screen">
                  <ScreeningSummary screen={coaScreen} screening={c.screening} />
                </td>
                <td data-label="Letters">
                  <CoaLetters coa={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </CustomerSection>
  );
}
