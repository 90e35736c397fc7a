import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, ButtonGroup, Fieldset, Form, Table } from '@trussworks/react-uswds';
import {
  createChangeOfAddress,
  durationLabels,
  listChangesOfAddress,
  moveTypeLabels,
  statusLabels,
  verificationMethodLabels,
  verificationMethods,
  verificationOutcomeLabels,
  verificationOutcomes,
  type ChangeOfAddress,
  type MoveDuration,
  type MoveType,
  type VerificationMethod,
  type VerificationOutcome,
} from '../api/changes-of-address.ts';
import type { Customer } from '../api/customers.ts';
import { ApiError, problemMessage, problemTypes } from '../api/problem.ts';
import { AddressFields, addressInput, emptyAddress, type AddressDraft } from '../customers/AddressFields.tsx';
import { inputId } from '../customers/valueErrors.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { addressText, CoaLetters, formatDay, moveText, reasonText, ScreeningSummary } from './coaParts.tsx';

const prefix = 'coa';
const addressPartLabels = { lines: 'street address', city: 'city', state: 'state', zip: 'ZIP code' } as const;
const addressLabelsOf = (key: 'oldAddress' | 'newAddress', name: string) => ({
  [key]: name,
  ...Object.fromEntries(Object.entries(addressPartLabels).map(([part, label]) => [`${key}.${part}`, `${name}: ${label}`])),
});

/** Error labels by form key; the server's pointers ('/body/oldAddress/zip') map to these keys ('oldAddress.zip'). */
const labels: Readonly<Record<string, string>> = {
  moveType: 'Who is moving',
  duration: 'How long',
  name: 'Name on the request',
  effectiveDate: 'First day of forwarding',
  endDate: 'Last day of forwarding',
  ...addressLabelsOf('oldAddress', 'Old address'),
  ...addressLabelsOf('newAddress', 'New address'),
  verification: 'Identity verification',
  'verification.method': 'How identity was verified',
  'verification.outcome': 'Verification result',
};
const ids: Readonly<Record<string, string>> = {
  moveType: `${prefix}-moveType`,
  duration: `${prefix}-duration`,
  name: `${prefix}-name`,
  effectiveDate: `${prefix}-effective`,
  endDate: `${prefix}-end`,
  ...Object.fromEntries(
    ['oldAddress', 'newAddress'].flatMap((key) =>
      [key, ...Object.keys(addressPartLabels).map((p) => `${key}.${p}`)].map((k) => [k, inputId(prefix, k)]),
    ),
  ),
  verification: `${prefix}-verification-method`,
  'verification.method': `${prefix}-verification-method`,
  'verification.outcome': `${prefix}-verification-outcome`,
};

function sentence(label: string, message: string): string {
  const text = `${label} ${message}`.trim();
  return text.endsWith('.') ? text : `${text}.`;
}

/**
 * The server names nested fields by JSON pointer ('/body/newAddress/zip',
 * '/body/verification/outcome'); each goes next to its form field, the nearest one that has
 * a label, else into the summary.
 */
function coaFormErrors(error: unknown): FormErrors {
  if (!(error instanceof ApiError)) return { summary: problemMessage(error), fields: {} };
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const { field: pointer, message } of error.problem.errors ?? []) {
    const [, where, first, second] = pointer.split('/');
    const candidates = where === 'body' && first ? [second ? `${first}.${second}` : '', first].filter(Boolean) : [];
    const key = candidates.find((k) => labels[k]);
    if (key) {
      if (!(key in fields)) fields[key] = sentence(labels[key]!, message);
    } else unplaced.push(message);
  }
  const isValidation = error.problem.type === problemTypes.validation;
  const placedAll = Object.keys(fields).length > 0 && unplaced.length === 0;
  const summary = placedAll && isValidation ? undefined : unplaced.length && isValidation ? unplaced.join(' ') : problemMessage(error);
  return summary ? { summary, fields } : { fields };
}

const noErrors: FormErrors = { fields: {} };

const resultAlert = {
  accepted: { type: 'success', heading: 'Change of address accepted' },
  in_review: { type: 'warning', heading: 'Change of address held for fraud review' },
  refused: { type: 'error', heading: 'Change of address denied by the fraud screen' },
} as const;

/** What the screen decided about the request just entered, with its reasons and letters. */
function ScreeningResult({ coa }: { readonly coa: ChangeOfAddress }) {
  const shown = resultAlert[coa.status];
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [coa.id]);
  return (
    <div ref={ref} tabIndex={-1} data-testid="coa-result">
      <Alert type={shown.type} className="margin-y-2">
        <h3 className="usa-alert__heading">{shown.heading}</h3>
        <p className="usa-alert__text">
          {coa.status === 'accepted'
            ? `Mail forwards from ${formatDay(coa.effectiveDate)}${coa.endDate ? ` to ${formatDay(coa.endDate)}` : ''}. `
            : coa.status === 'in_review'
              ? 'A supervisor decides in Fraud review; mail is not forwarded until the request is approved. '
              : 'Mail will not be forwarded. The customer may file again with stronger proof of identity. '}
          Fraud screen score: {coa.screening.score} of 100.
        </p>
        {coa.screening.reasons.length > 0 && (
          <ul className="usa-list">
            {coa.screening.reasons.map((r) => (
              <li key={r.rule}>{reasonText(r)}</li>
            ))}
          </ul>
        )}
        <CoaLetters coa={coa} />
      </Alert>
    </div>
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
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [moveType, setMoveType] = useState<MoveType>(moveOptions[0]!);
  const [duration, setDuration] = useState<MoveDuration>('permanent');
  const [name, setName] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [oldAddress, setOldAddress] = useState<AddressDraft>(emptyAddress);
  const [newAddress, setNewAddress] = useState<AddressDraft>(emptyAddress);
  const [method, setMethod] = useState<VerificationMethod | ''>('');
  const [outcome, setOutcome] = useState<VerificationOutcome | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter the name on the request, as the customer gives it.';
    if (!effectiveDate) checks.effectiveDate = 'Enter the first day of forwarding.';
    if (duration === 'temporary' && !endDate) checks.endDate = 'Enter the last day of forwarding: a temporary move has one.';
    for (const [key, value, what] of [
      ['oldAddress', oldAddress, 'Old address'],
      ['newAddress', newAddress, 'New address'],
    ] as const) {
      if (!value.line1.trim()) checks[`${key}.lines`] = `Enter the street address of the ${what.toLowerCase()}.`;
      if (!value.city.trim()) checks[`${key}.city`] = `Enter the city of the ${what.toLowerCase()}.`;
      if (!value.state.trim()) checks[`${key}.state`] = `Enter the state of the ${what.toLowerCase()}.`;
      if (!value.zip.trim()) checks[`${key}.zip`] = `Enter the ZIP code of the ${what.toLowerCase()}.`;
    }
    if (!method) checks['verification.method'] = 'Choose how the customer’s identity was verified.';
    if (!outcome) checks['verification.outcome'] = 'Choose the result of the identity verification.';
    setErrors({ fields: checks });
    if (Object.keys(checks).length > 0 || !method || !outcome) return;
    setBusy(true);
    try {
      onEntered(
        await createChangeOfAddress(customer.id, {
          moveType,
          duration,
          name: name.trim(),
          effectiveDate,
          endDate: duration === 'temporary' ? endDate : null,
          oldAddress: addressInput(oldAddress),
          newAddress: addressInput(newAddress),
          verification: { method, outcome },
        }),
      );
    } catch (error) {
      setErrors(coaFormErrors(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The change of address was not entered" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="coa-form">
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
        <TextField
          id={ids.effectiveDate!}
          label={labels.effectiveDate}
          hint="At most 90 days ahead, or 7 days back."
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
        <Fieldset legend="Identity verification" className="margin-top-3">
          <div className="usa-hint">Verify the customer’s identity before entering the request; the result is kept 2 years.</div>
          <SelectField
            id={ids['verification.method']!}
            label={labels['verification.method']}
            value={method}
            onChange={(value) => setMethod(value as VerificationMethod | '')}
            options={[
              { value: '', label: '- Choose -' },
              ...verificationMethods.map((m) => ({ value: m, label: verificationMethodLabels[m] })),
            ]}
            error={errors.fields['verification.method'] ?? errors.fields.verification}
          />
          <RadioGroup
            id={ids['verification.outcome']}
            name={ids['verification.outcome']!}
            legend={labels['verification.outcome']}
            options={verificationOutcomes.map((o) => ({ value: o, label: verificationOutcomeLabels[o] }))}
            value={outcome}
            onChange={setOutcome}
            error={errors.fields['verification.outcome']}
          />
        </Fieldset>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Screening…' : 'Enter change of address'}
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

/**
 * The customer's changes of address (newest first), each with its screening and letters, and
 * for those who may enter one (record.create) the form; the screen's result shows at once.
 */
export function ChangesOfAddress({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  const changes = useLoad(() => listChangesOfAddress(customer.id), [customer.id]);
  const [entering, setEntering] = useState(false);
  const [entered, setEntered] = useState<ChangeOfAddress | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (entering) formHeading.current?.focus();
  }, [entering]);

  const done = (coa: ChangeOfAddress) => {
    setEntering(false);
    setEntered(coa);
    changes.reload();
  };

  const data = changes.data;
  return (
    <section aria-labelledby="coa-heading" className="margin-top-4" data-testid="changes-of-address">
      <h2 id="coa-heading">Changes of address</h2>
      {entered && <ScreeningResult coa={entered} />}
      {changes.error ? (
        <LoadError what="the changes of address" error={changes.error} onRetry={changes.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-coa">No change of address has been entered for this customer.</p>
      ) : (
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
                  {c.review && (
                    <span className="display-block">
                      {c.review.decision === 'approve' ? 'Approved' : 'Denied'} on review {formatDateTime(c.review.decidedAt)}
                    </span>
                  )}
                </td>
                <td data-label="Fraud screen">
                  <ScreeningSummary screening={c.screening} />
                </td>
                <td data-label="Letters">
                  <CoaLetters coa={c} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEnter &&
        (entering ? (
          <section aria-labelledby="coa-form-heading" className="margin-top-3">
            <h3 id="coa-form-heading" ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
              Enter a change of address
            </h3>
            <ChangeOfAddressForm customer={customer} onEntered={done} onCancel={() => setEntering(false)} />
          </section>
        ) : (
          <Button type="button" outline className="margin-top-2" onClick={() => setEntering(true)}>
            Enter a change of address
          </Button>
        ))}
    </section>
  );
}
