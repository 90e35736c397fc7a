import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Button, ButtonGroup, Fieldset, Form, Table } from '@trussworks/react-uswds';
import {
  verificationMethodLabels,
  verificationMethods,
  verificationOutcomeLabels,
  verificationOutcomes,
  type NormalisedAddress,
  type VerificationMethod,
  type VerificationOutcome,
} from '../api/changes-of-address.ts';
import type { AddressInput, Customer } from '../api/customers.ts';
import {
  cancelHoldMail,
  createHoldMail,
  endActionLabels,
  endActions,
  holdLimits,
  holdPhaseLabels,
  holdStatusLabels,
  listHoldMail,
  type EndAction,
  type HoldMail as Hold,
} from '../api/hold-mail.ts';
import { problemMessage } from '../api/problem.ts';
import { AddressFields, addressInput, emptyAddress, type AddressDraft } from '../customers/AddressFields.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { addressText, formatDay } from './coaParts.tsx';
import { holdReasonText, HoldScreeningSummary } from './holdMailParts.tsx';

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
  verification: `${prefix}-verification-method`,
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
  const [beginDate, setBeginDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [addressChoice, setAddressChoice] = useState(addresses[0]?.id ?? other);
  const [address, setAddress] = useState<AddressDraft>(emptyAddress);
  const [endAction, setEndAction] = useState<EndAction | undefined>(undefined);
  const [instructions, setInstructions] = useState('');
  const [method, setMethod] = useState<VerificationMethod | ''>('');
  const [outcome, setOutcome] = useState<VerificationOutcome | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter the name on the request.';
    if (!beginDate) checks.beginDate = 'Enter the first day mail is held.';
    if (!endDate) checks.endDate = 'Enter the last day mail is held.';
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
          beginDate,
          endDate,
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
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The hold was not entered" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="hold-form">
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
        <TextField
          id={ids.beginDate!}
          label={labels.beginDate}
          hint={`Tomorrow at the earliest, and at most ${holdLimits.maxDaysAhead} days ahead.`}
          type="date"
          value={beginDate}
          onChange={setBeginDate}
          error={errors.fields.beginDate}
          aria-required
        />
        <TextField
          id={ids.endDate!}
          label={labels.endDate}
          hint={`A hold lasts ${holdLimits.minDays} to ${holdLimits.maxDays} days, counting the first and the last.`}
          type="date"
          value={endDate}
          onChange={setEndDate}
          error={errors.fields.endDate}
          aria-required
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
        <Fieldset legend="Identity verification" className="margin-top-3">
          <div className="usa-hint">Verify the customer’s identity before entering the hold; the result is kept 2 years.</div>
          {errors.fields.verification && <span className="usa-error-message">{errors.fields.verification}</span>}
          <SelectField
            id={ids.verification!}
            label="How identity was verified"
            value={method}
            onChange={(value) => setMethod(value as VerificationMethod | '')}
            options={[
              { value: '', label: '- Choose -' },
              ...verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] })),
            ]}
          />
          <RadioGroup
            id={`${prefix}-verification-outcome`}
            name={`${prefix}-verification-outcome`}
            legend="Verification result"
            options={verificationOutcomes.map((o) => ({ value: o, label: verificationOutcomeLabels[o] }))}
            value={outcome}
            onChange={setOutcome}
          />
        </Fieldset>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Screening…' : 'Enter hold'}
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

const resultAlert = {
  scheduled: { type: 'success', heading: 'Hold scheduled' },
  in_review: { type: 'warning', heading: 'Hold held for fraud review' },
  refused: { type: 'error', heading: 'Hold refused by the fraud screen' },
  cancelled: { type: 'info', heading: 'Hold cancelled' },
} as const;

function ScreeningResult({ hold }: { readonly hold: Hold }) {
  const shown = resultAlert[hold.status];
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [hold.id]);
  return (
    <div ref={ref} tabIndex={-1} data-testid="hold-result">
      <Alert type={shown.type} className="margin-y-2">
        <h3 className="usa-alert__heading">{shown.heading}</h3>
        <p className="usa-alert__text">
          {hold.status === 'scheduled'
            ? `Mail is held from ${formatDay(hold.beginDate)} to ${formatDay(hold.endDate)}. `
            : hold.status === 'in_review'
              ? 'A supervisor decides in Fraud review; no mail is held until the hold is approved. '
              : 'No mail will be held. '}
          Fraud screen score: {hold.screening.score} of 100.
        </p>
        {hold.screening.reasons.length > 0 && (
          <ul className="usa-list">
            {hold.screening.reasons.map((r) => (
              <li key={r.rule}>{holdReasonText(r)}</li>
            ))}
          </ul>
        )}
      </Alert>
    </div>
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
  const [entering, setEntering] = useState(false);
  const [entered, setEntered] = useState<Hold | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (entering) formHeading.current?.focus();
  }, [entering]);

  const done = (hold: Hold) => {
    setEntering(false);
    setEntered(hold);
    holds.reload();
  };

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

  const data = holds.data;
  return (
    <section aria-labelledby="hold-heading" className="margin-top-4" data-testid="hold-mail">
      <h2 id="hold-heading">Hold mail</h2>
      {entered && <ScreeningResult hold={entered} />}
      {holds.error ? (
        <LoadError what="the holds" error={holds.error} onRetry={holds.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-holds">No hold has been entered for this customer.</p>
      ) : (
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
                  {h.review && (
                    <span className="display-block">
                      {h.review.decision === 'approve' ? 'Approved' : 'Denied'} on review {formatDateTime(h.review.decidedAt)}
                    </span>
                  )}
                </td>
                <td data-label="Fraud screen">
                  <HoldScreeningSummary screening={h.screening} />
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
      <p>
        <Link to="/tracking/hold-mail" className="usa-link">
          Delivery unit list of held mail
        </Link>
      </p>
      {canEnter &&
        (entering ? (
          <section aria-labelledby="hold-form-heading" className="margin-top-3">
            <h3 id="hold-form-heading" ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
              Enter a hold
            </h3>
            <HoldMailForm customer={customer} onEntered={done} onCancel={() => setEntering(false)} />
          </section>
        ) : (
          <Button type="button" outline className="margin-top-2" onClick={() => setEntering(true)}>
            Enter a hold
          </Button>
        ))}
    </section>
  );
}
