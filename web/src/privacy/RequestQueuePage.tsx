import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonGroup, Fieldset, Form, Table, Tag } from '@trussworks/react-uswds';
import {
  listRequests,
  openRequest,
  requestChannels,
  requestKinds,
  requestStatuses,
  type DeadlineStatus,
  type OpenableKind,
  type PrivacyRequest,
  type RequestChannel,
  type RequestStatus,
} from '../api/privacy-requests.ts';
import { ApiError } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { CheckboxGroup } from '../forms/CheckboxGroup.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { agencyToday, formatAgencyDate, startOfAgencyDay } from './retentionText.ts';

/** The words for the request's codes, shared with RequestPage.tsx. */
export const kindLabels: Readonly<Record<string, string>> = {
  notification: 'Notification',
  access: 'Access',
  amendment: 'Amendment',
  appeal: 'Appeal',
};
export const channelLabels: Readonly<Record<string, string>> = {
  portal: 'Customer portal',
  letter: 'Letter',
  email: 'E-mail',
  walk_in: 'In person',
  fax: 'Fax',
};
export const statusLabels: Readonly<Record<RequestStatus, string>> = {
  received: 'Received',
  in_review: 'In review',
  granted: 'Granted',
  partially_granted: 'Partially granted',
  denied: 'Denied',
  withdrawn: 'Withdrawn',
  closed: 'Closed',
};
export const deadlineNames: Readonly<Record<string, string>> = { acknowledge: 'Acknowledge', decide: 'Decide' };
const deadlineText: Readonly<Record<DeadlineStatus, { label: string; className: string }>> = {
  ok: { label: 'On time', className: 'bg-green' },
  due_soon: { label: 'Due soon', className: 'bg-gold text-ink' },
  overdue: { label: 'Overdue', className: 'bg-secondary-dark' },
};

/** A deadline's standing in words (the colour only repeats them). */
export function DeadlineTag({ status }: { readonly status: DeadlineStatus | null }) {
  if (!status) return <Tag className="bg-base caseline-tag">Met</Tag>;
  const { label, className } = deadlineText[status];
  return <Tag className={`${className} caseline-tag`}>{label}</Tag>;
}

const labels = {
  kind: 'Kind of request',
  channel: 'Received by',
  customerId: 'Customer ID',
  requesterName: 'Requester’s name',
  email: 'Requester’s e-mail address',
  address: 'Postal address',
  deliveryLine: 'Street address',
  city: 'City',
  state: 'State',
  zip5: 'ZIP code',
  targetRecordId: 'Customer value ID',
  targetField: 'Field to correct',
  requestedValue: 'Value the requester asks for',
  details: 'The request',
  receivedAt: 'Received on',
};
const ids = {
  kind: 'request-kind',
  channel: 'request-channel',
  customerId: 'request-customer',
  requesterName: 'request-name',
  email: 'request-email',
  address: 'request-address',
  deliveryLine: 'request-street',
  city: 'request-city',
  state: 'request-state',
  zip5: 'request-zip',
  targetRecordId: 'request-target-record',
  targetField: 'request-target-field',
  requestedValue: 'request-target-value',
  details: 'request-details',
  receivedAt: 'request-received',
};

/** The server's JSON pointers into the nested requester and target, as this form's field names. */
const nestedFields: Readonly<Record<string, string>> = {
  '/body/requester/name': '/body/requesterName',
  '/body/requester/email': '/body/email',
  '/body/requester/address': '/body/address',
  '/body/requester/address/deliveryLine': '/body/deliveryLine',
  '/body/requester/address/city': '/body/city',
  '/body/requester/address/state': '/body/state',
  '/body/requester/address/zip5': '/body/zip5',
  '/body/requester': '/body/requesterName',
  '/body/target': '/body/targetField',
  '/body/target/recordId': '/body/targetRecordId',
  '/body/target/field': '/body/targetField',
  '/body/target/requestedValue': '/body/requestedValue',
};

function byFormField(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError({
    ...error.problem,
    errors: error.problem.errors.map((e) => ({ ...e, field: nestedFields[e.field] ?? e.field })),
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Record a Privacy Act request received by letter, e-mail, fax, in person or through the portal (POST /api/privacy/requests). */
export function NewRequestForm({
  onOpened,
  onCancel,
}: {
  readonly onOpened: (request: PrivacyRequest) => void;
  readonly onCancel: () => void;
}) {
  const session = useSession();
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [kind, setKind] = useState<OpenableKind | ''>('');
  const [channel, setChannel] = useState<RequestChannel | ''>('');
  const [customerId, setCustomerId] = useState('');
  const [requesterName, setRequesterName] = useState('');
  const [email, setEmail] = useState('');
  const [deliveryLine, setDeliveryLine] = useState('');
  const [city, setCity] = useState('');
  const [state, setState] = useState('');
  const [zip5, setZip5] = useState('');
  const [targetRecordId, setTargetRecordId] = useState('');
  const [targetField, setTargetField] = useState('');
  const [requestedValue, setRequestedValue] = useState('');
  const [details, setDetails] = useState('');
  const [receivedOn, setReceivedOn] = useState(() => agencyToday(session.timeZone));
  const [busy, setBusy] = useState(false);

  const needsAddress = channel === 'letter' || channel === 'fax';
  const anyAddress = [deliveryLine, city, state, zip5].some((v) => v.trim());

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!kind) checks.kind = 'Choose the kind of request: notification, access or amendment.';
    if (!channel) checks.channel = 'Choose how the request was received.';
    if (customerId.trim() && !uuidPattern.test(customerId.trim()))
      checks.customerId = 'Customer ID must be the customer’s ID, as at the end of their page’s address (…/customers/ID).';
    if (!requesterName.trim()) checks.requesterName = 'Enter the requester’s name, as they signed the request.';
    if (needsAddress || anyAddress) {
      if (!deliveryLine.trim()) checks.deliveryLine = 'Enter the street address: the letters go to it.';
      if (!city.trim()) checks.city = 'Enter the city.';
      if (!/^[A-Za-z]{2}$/.test(state.trim())) checks.state = 'Enter the state as two letters, such as OH.';
      if (!/^\d{5}$/.test(zip5.trim())) checks.zip5 = 'Enter the 5-digit ZIP code.';
    }
    if (kind === 'amendment') {
      if (!uuidPattern.test(targetRecordId.trim())) checks.targetRecordId = 'Enter the ID of the customer value to correct.';
      if (!targetField.trim()) checks.targetField = 'Enter the field to correct, such as mailing_address.';
      if (!requestedValue.trim()) checks.requestedValue = 'Enter the value the requester says is correct.';
    }
    if (!details.trim()) checks.details = 'Enter the request, in the requester’s words or as a summary of their letter.';
    if (!receivedOn) checks.receivedAt = 'Enter the date the request reached us: its deadlines count from it.';
    if (!fromChecks(checks) || !kind || !channel) return;
    setBusy(true);
    try {
      onOpened(
        await openRequest({
          kind,
          channel,
          ...(customerId.trim() ? { customerId: customerId.trim() } : {}),
          requester: {
            name: requesterName.trim(),
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(anyAddress
              ? {
                  address: {
                    deliveryLine: deliveryLine.trim(),
                    unitDesignator: null,
                    unitNumber: null,
                    city: city.trim(),
                    state: state.trim().toUpperCase(),
                    zip5: zip5.trim(),
                    zip4: null,
                  },
                }
              : {}),
          },
          details: details.trim(),
          receivedAt: startOfAgencyDay(receivedOn, session.timeZone),
          ...(kind === 'amendment'
            ? {
                target: {
                  recordTable: 'customer_values',
                  recordId: targetRecordId.trim(),
                  field: targetField.trim(),
                  requestedValue: requestedValue.trim(),
                },
              }
            : {}),
        }),
      );
    } catch (error) {
      fromError(byFormField(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The request was not recorded" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet-lg" data-testid="request-form">
        <SelectField
          id={ids.kind}
          label={labels.kind}
          hint="An appeal is opened from the page of the denied request."
          value={kind}
          onChange={(v) => setKind(v as OpenableKind | '')}
          options={[{ value: '', label: '- Select -' }, ...requestKinds.map((k) => ({ value: k, label: kindLabels[k] ?? k }))]}
          error={errors.fields.kind}
        />
        <SelectField
          id={ids.channel}
          label={labels.channel}
          value={channel}
          onChange={(v) => setChannel(v as RequestChannel | '')}
          options={[{ value: '', label: '- Select -' }, ...requestChannels.map((c) => ({ value: c, label: channelLabels[c] ?? c }))]}
          error={errors.fields.channel}
        />
        <TextField
          id={ids.customerId}
          label={labels.customerId}
          hint="For a customer in the registry: their ID, as at the end of their page’s address. Leave empty for a requester who is not."
          value={customerId}
          onChange={setCustomerId}
          error={errors.fields.customerId}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          id={ids.requesterName}
          label={labels.requesterName}
          hint="As they signed the request: the letters are addressed to this name."
          value={requesterName}
          onChange={setRequesterName}
          error={errors.fields.requesterName}
          maxLength={200}
          autoComplete="off"
          aria-required
        />
        <TextField
          id={ids.email}
          label={labels.email}
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
          maxLength={254}
          autoComplete="off"
        />
        <Fieldset legend={labels.address} id={ids.address} className="margin-top-3" aria-describedby={`${ids.address}-hint`}>
          <div className="usa-hint" id={`${ids.address}-hint`}>
            Needed for a request received by letter or fax: the letters are posted to it.
          </div>
          {errors.fields.address && <span className="usa-error-message">{errors.fields.address}</span>}
          <TextField
            id={ids.deliveryLine}
            label={labels.deliveryLine}
            value={deliveryLine}
            onChange={setDeliveryLine}
            error={errors.fields.deliveryLine}
            maxLength={64}
            autoComplete="off"
          />
          <TextField
            id={ids.city}
            label={labels.city}
            value={city}
            onChange={setCity}
            error={errors.fields.city}
            maxLength={40}
            autoComplete="off"
          />
          <div className="grid-row grid-gap-2">
            <div className="grid-col-auto">
              <TextField
                id={ids.state}
                label={labels.state}
                value={state}
                onChange={setState}
                error={errors.fields.state}
                maxLength={2}
                className="maxw-card"
                autoComplete="off"
              />
            </div>
            <div className="grid-col-auto">
              <TextField
                id={ids.zip5}
                label={labels.zip5}
                value={zip5}
                onChange={setZip5}
                error={errors.fields.zip5}
                maxLength={5}
                inputMode="numeric"
                autoComplete="off"
              />
            </div>
          </div>
        </Fieldset>
        {kind === 'amendment' && (
          <Fieldset legend="The record to correct" className="margin-top-3">
            <TextField
              id={ids.targetRecordId}
              label={labels.targetRecordId}
              hint="The ID of the customer value the requester says is wrong, from the customer’s page."
              value={targetRecordId}
              onChange={setTargetRecordId}
              error={errors.fields.targetRecordId}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              id={ids.targetField}
              label={labels.targetField}
              hint="The field of that value, such as mailing_address or phone."
              value={targetField}
              onChange={setTargetField}
              error={errors.fields.targetField}
              maxLength={63}
              autoComplete="off"
            />
            <TextField
              id={ids.requestedValue}
              label={labels.requestedValue}
              value={requestedValue}
              onChange={setRequestedValue}
              error={errors.fields.requestedValue}
              maxLength={1000}
              autoComplete="off"
            />
          </Fieldset>
        )}
        <TextAreaField
          id={ids.details}
          label={labels.details}
          hint="In the requester’s words, or a summary of their letter or call."
          value={details}
          onChange={setDetails}
          error={errors.fields.details}
          rows={4}
          maxLength={20_000}
          aria-required
        />
        <div className="grid-row">
          <div className="grid-col-auto">
            <TextField
              id={ids.receivedAt}
              label={labels.receivedAt}
              hint="The day it reached us: the deadlines count business days from it."
              type="date"
              value={receivedOn}
              onChange={setReceivedOn}
              error={errors.fields.receivedAt}
              aria-required
            />
          </div>
        </div>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            Record request
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

const dueFilters = [
  { value: 'overdue', label: 'Overdue', description: 'A deadline has passed unmet.' },
  { value: 'dueSoon', label: 'Due soon', description: 'A deadline is at most 3 business days away.' },
];

/** The privacy office's queue of Privacy Act requests, by due date, and the form to record a new one. */
export function RequestQueuePage() {
  const session = useSession();
  const { notify } = useNotifications();
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [due, setDue] = useState<string[]>([]);
  const overdue = due.includes('overdue');
  const dueSoon = due.includes('dueSoon');
  const requests = useLoad(
    () => listRequests({ status: status || undefined, overdue: overdue || undefined, dueSoon: dueSoon || undefined }),
    [status, overdue, dueSoon],
  );
  const [adding, setAdding] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (adding) panelHeading.current?.focus();
  }, [adding]);

  const close = () => {
    setAdding(false);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const listed = requests.data ?? [];
  const caption = [status ? `${statusLabels[status]} requests` : 'Requests', overdue ? 'overdue' : null, dueSoon ? 'due soon' : null]
    .filter(Boolean)
    .join(', ');

  return (
    <Page title="Privacy Act requests">
      <p className="usa-intro">
        Requests to be told of, to see or to correct the records we hold about a person (5 U.S.C. 552a(d)), and appeals of our decisions.
        Each deadline counts business days from the day the request reached us.
      </p>
      {adding ? (
        <section aria-labelledby="request-panel-heading">
          <h2 id="request-panel-heading" ref={panelHeading} tabIndex={-1} className="caseline-focus-heading">
            Record a new request
          </h2>
          <NewRequestForm
            onOpened={(opened) => {
              notify('success', `Request ${opened.number} recorded.`);
              requests.reload();
              close();
            }}
            onCancel={close}
          />
        </section>
      ) : (
        <Button type="button" onClick={() => setAdding(true)}>
          New request
        </Button>
      )}

      <section aria-labelledby="request-list-heading" className="margin-top-5">
        <h2 id="request-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
          {caption}
          {requests.data ? ` (${listed.length})` : ''}
        </h2>
        <Form onSubmit={(event) => event.preventDefault()} className="maxw-full" data-testid="request-filters">
          <div className="grid-row grid-gap-4">
            <div className="grid-col-auto">
              <SelectField
                id="request-filter-status"
                label="Status"
                value={status}
                onChange={(v) => setStatus(v as RequestStatus | '')}
                options={[{ value: '', label: 'Any status' }, ...requestStatuses.map((s) => ({ value: s, label: statusLabels[s] }))]}
              />
            </div>
            <div className="grid-col-auto">
              <CheckboxGroup id="request-filter-due" legend="Deadlines" options={dueFilters} selected={due} onChange={setDue} />
            </div>
          </div>
        </Form>
        {requests.error ? (
          <LoadError what="the requests" error={requests.error} onRetry={requests.reload} />
        ) : !requests.data ? (
          <Loading />
        ) : listed.length === 0 ? (
          <p data-testid="no-requests">No request matches.</p>
        ) : (
          <Table caption={`${caption}, by next deadline`} fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Kind</th>
                <th scope="col">Received by</th>
                <th scope="col">Received</th>
                <th scope="col">Status</th>
                <th scope="col">Next deadline</th>
              </tr>
            </thead>
            <tbody data-testid="request-list">
              {listed.map((r) => (
                <tr key={r.id} data-request-id={r.id}>
                  <th scope="row" data-label="Number">
                    <Link to={`/privacy/requests/${r.id}`} className="usa-link caseline-mono text-no-wrap">
                      {r.number}
                    </Link>
                  </th>
                  <td data-label="Kind">{kindLabels[r.kind] ?? r.kind}</td>
                  <td data-label="Received by">{channelLabels[r.channel] ?? r.channel}</td>
                  <td data-label="Received" className="text-no-wrap">
                    {formatAgencyDate(r.receivedAt, session.timeZone)}
                  </td>
                  <td data-label="Status">{statusLabels[r.status]}</td>
                  <td data-label="Next deadline" data-testid="request-deadline">
                    {r.nextDeadline ? (
                      <div className="caseline-actions">
                        <span>
                          {deadlineNames[r.nextDeadline.name] ?? r.nextDeadline.name} by{' '}
                          <span className="text-no-wrap">{formatAgencyDate(r.nextDeadline.dueAt, session.timeZone)}</span>
                        </span>
                        <DeadlineTag status={r.nextDeadline.status} />
                      </div>
                    ) : (
                      'None running'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </Page>
  );
}
