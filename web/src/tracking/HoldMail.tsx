import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Table } from '@trussworks/react-uswds';
import type { NormalisedAddress } from '../api/changes-of-address.ts';
import type { AddressInput, Customer } from '../api/customers.ts';
import {
  cancelHoldMail,
  createHoldMail,
  endActionLabels,
  endActions,
  holdDateHints,
  holdPhaseLabels,
  holdStatusLabels,
  listHoldMail,
  type EndAction,
  type HoldMail as Hold,
} from '../api/hold-mail.ts';
import { problemMessage } from '../api/problem.ts';
import { AddressFields, addressInput, emptyAddress, type AddressDraft } from '../customers/AddressFields.tsx';
import { DateRangeFields, emptyDays, type DayPair } from '../forms/DateRangeFields.tsx';
import { EntryForm } from '../forms/EntryForm.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { addressText, formatDay } from './coaParts.tsx';
import { CustomerSection } from './CustomerSection.tsx';
import { holdScreen, ReviewNote, ScreeningResult, ScreeningSummary } from './screening.tsx';
import { emptyVerification, VerificationFields, verificationIds, type VerificationDraft } from './VerificationFields.tsx';

const prefix = 'hold';
const other = 'other';
/** Error labels by the field the server names ('/body/beginDate' → 'beginDate'). */
const labels: Readonly<Record<string, string>> = {
  name: 'Name on the request',
  beginDate: 'First day held',
  endDate: 'Last day held',
  address: 'Address held',
  endAction: 'At the end of the hold',
  instructions: 'Instructions',
  verification: 'Identity verification',
};
const ids: Readonly<Record<string, string>> = {
  name: `${prefix}-name`,
  beginDate: `${prefix}-begin`,
  endDate: `${prefix}-end`,
  address: `${prefix}-address`,
  endAction: `${prefix}-end-action`,
  instructions: `${prefix}-instructions`,
  verification: verificationIds(prefix).method,
};

const storedInput = (a: NormalisedAddress): AddressInput => ({
  lines: a.deliveryLine,
  city: a.city,
  state: a.state,
  zip: a.zip4 ? `${a.zip5}-${a.zip4}` : a.zip5,
});

/** Enter a hold for the customer (POST /api/customers/:id/hold-mail), screened at once. */
function HoldMailForm({
  customer,
  onEntered,
  onCancel,
}: {
  readonly customer: Customer;
  readonly onEntered: (hold: Hold) => void;
  readonly onCancel: () => void;
}) {
  const addresses = customer.values.filter(
    (v): v is typeof v & { value: NormalisedAddress } => v.field === 'mailing_address' && typeof v.value === 'object',
  );
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [name, setName] = useState(customer.name);
  const [days, setDays] = useState<DayPair>(emptyDays);
  const [addressChoice, setAddressChoice] = useState(addresses[0]?.id ?? other);
  const [address, setAddress] = useState<AddressDraft>(emptyAddress);
  const [endAction, setEndAction] = useState<EndAction | undefined>(undefined);
  const [instructions, setInstructions] = useState('');
  const [verification, setVerification] = useState<VerificationDraft>(emptyVerification);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { method, outcome } = verification;
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter the name on the request.';
    if (!days.first) checks.beginDate = 'Enter the first day mail is held.';
    if (!days.last) checks.endDate = 'Enter the last day mail is held.';
    if (addressChoice === other && (!address.line1.trim() || !address.city.trim() || !address.state.trim() || !address.zip.trim()))
      checks.address = 'Enter the street address, city, state and ZIP code of the address held.';
    if (!endAction) checks.endAction = 'Choose what happens to the held mail at the end.';
    if (!method || !outcome) checks.verification = 'Choose how the customer’s identity was verified, and the result.';
    if (!fromChecks(checks) || !endAction || !method || !outcome) return;
    const chosen = addresses.find((a) => a.id === addressChoice);
    setBusy(true);
    try {
      onEntered(
        await createHoldMail(customer.id, {
          name: name.trim(),
          beginDate: days.first,
          endDate: days.last,
          address: chosen ? storedInput(chosen.value) : addressInput(address),
          endAction,
          instructions: instructions.trim() || null,
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
      errorHeading="The hold was not entered"
      testId="hold-form"
      onSubmit={submit}
      busy={busy}
      label="Enter hold"
      busyLabel="Screening…"
      onCancel={onCancel}
    >
      <TextField
        id={ids.name!}
        label={labels.name}
        value={name}
        onChange={setName}
        error={errors.fields.name}
        maxLength={200}
        autoComplete="off"
        aria-required
      />
      <DateRangeFields
        ids={{ first: ids.beginDate!, last: ids.endDate! }}
        labels={{ first: labels.beginDate!, last: labels.endDate! }}
        hints={holdDateHints}
        value={days}
        onChange={setDays}
        errors={{ first: errors.fields.beginDate, last: errors.fields.endDate }}
      />
      <SelectField
        id={ids.address!}
        label={labels.address}
        hint="An address on the customer record; another address is held for fraud review."
        value={addressChoice}
        onChange={setAddressChoice}
        options={[
          ...addresses.map((a) => ({ value: a.id, label: `${addressText(a.value)}${a.label ? ` (${a.label})` : ''}` })),
          { value: other, label: 'Another address' },
        ]}
        error={addressChoice === other ? undefined : errors.fields.address}
      />
      {addressChoice === other && (
        <AddressFields
          prefix={prefix}
          fieldKey="other-address"
          legend="Other address"
          hint="The address lines only: no name."
          value={address}
          onChange={setAddress}
          errors={errors.fields.address ? { 'other-address': errors.fields.address } : {}}
        />
      )}
      <RadioGroup
        id={ids.endAction}
        name={ids.endAction!}
        legend={labels.endAction}
        options={endActions.map((a) => ({ value: a, label: endActionLabels[a] }))}
        value={endAction}
        onChange={setEndAction}
        error={errors.fields.endAction}
      />
      <TextAreaField
        id={ids.instructions!}
        label={labels.instructions}
        hint="Optional, for the carrier or the Post Office. At most 500 characters."
        value={instructions}
        onChange={setInstructions}
        error={errors.fields.instructions}
        rows={2}
        maxLength={500}
      />
      <VerificationFields
        prefix={prefix}
        what="hold"
        value={verification}
        onChange={setVerification}
        errors={{ group: errors.fields.verification }}
      />
    </EntryForm>
  );
}

const resultAlert = {
  scheduled: { type: 'success', heading: 'Hold scheduled' },
  in_review: { type: 'warning', heading: 'Hold held for fraud review' },
  refused: { type: 'error', heading: 'Hold refused by the fraud screen' },
  cancelled: { type: 'info', heading: 'Hold cancelled' },
} as const;

/** What the screen decided about the hold just entered, with its reasons. */
function EnteredResult({ hold }: { readonly hold: Hold }) {
  return (
    <ScreeningResult
      id={hold.id}
      testId="hold-result"
      {...resultAlert[hold.status]}
      text={
        hold.status === 'scheduled'
          ? `Mail is held from ${formatDay(hold.beginDate)} to ${formatDay(hold.endDate)}.`
          : hold.status === 'in_review'
            ? 'A supervisor decides in Fraud review; no mail is held until the hold is approved.'
            : 'No mail will be held.'
      }
      screen={holdScreen}
      screening={hold.screening}
    />
  );
}

const cancellable = (h: Hold) => h.cancelledAt === null && (h.status === 'in_review' || (h.status === 'scheduled' && h.phase !== 'ended'));

/**
 * The customer's holds (newest first) with their screening, a cancel for those not ended, and
 * for those who may enter one (record.create) the form; the screen's result shows at once.
 */
export function HoldMail({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  const { notify } = useNotifications();
  const holds = useLoad(() => listHoldMail(customer.id), [customer.id]);
  const [cancelling, setCancelling] = useState<string | null>(null);

  const cancel = async (hold: Hold) => {
    setCancelling(hold.id);
    try {
      const after = await cancelHoldMail(hold.id);
      notify(
        'success',
        after.status === 'cancelled'
          ? 'Hold cancelled: no mail will be held.'
          : `Hold ended: today, ${formatDay(after.endDate)}, is its last day.`,
      );
      holds.reload();
    } catch (error) {
      notify('error', problemMessage(error));
    } finally {
      setCancelling(null);
    }
  };

  return (
    <CustomerSection
      headingId="hold-heading"
      title="Hold mail"
      testId="hold-mail"
      records={holds}
      what="the holds"
      empty={<p data-testid="no-holds">No hold has been entered for this customer.</p>}
      after={
        <p>
          <Link to="/tracking/hold-mail" className="usa-link">
            Delivery unit list of held mail
          </Link>
        </p>
      }
      canEnter={canEnter}
      enterLabel="Enter a hold"
      formHeadingId="hold-form-heading"
      form={(onEntered, onCancel) => <HoldMailForm customer={customer} onEntered={onEntered} onCancel={onCancel} />}
      result={(hold) => <EnteredResult hold={hold} />}
    >
      {(data) => (
        <Table caption="Holds, newest first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Hold</th>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Fraud screen</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody data-testid="hold-rows">
            {data.map((h) => (
              <tr key={h.id}>
                <th scope="row" data-label="Hold">
                  {formatDay(h.beginDate)} to {formatDay(h.endDate)}
                  <span className="display-block text-normal">{endActionLabels[h.endAction]}</span>
                  {h.instructions && <span className="display-block text-normal">“{h.instructions}”</span>}
                  <span className="display-block text-normal text-base-dark">Entered {formatDateTime(h.createdAt)}</span>
                </th>
                <td data-label="Address">{addressText(h.address)}</td>
                <td data-label="Status">
                  {holdStatusLabels[h.status]}
                  {h.phase && <span className="display-block">{holdPhaseLabels[h.phase]}</span>}
                  {h.cancelledAt && h.status === 'scheduled' && (
                    <span className="display-block">Cancelled {formatDateTime(h.cancelledAt)}: ends early</span>
                  )}
                  <ReviewNote review={h.review} />
                </td>
                <td data-label="Fraud screen">
                  <ScreeningSummary screen={holdScreen} screening={h.screening} />
                </td>
                <td data-label="Actions" className="text-no-wrap">
                  {canEnter && cancellable(h) && (
                    <Button
                      type="button"
                      outline
                      className="margin-top-0"
                      disabled={cancelling === h.id}
                      onClick={() => void cancel(h)}
                      aria-label={`Cancel the hold from ${formatDay(h.beginDate)}`}
                    >
                      Cancel hold
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </CustomerSection>
  );
}
