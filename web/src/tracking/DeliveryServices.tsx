import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, ButtonGroup, Form, Table } from '@trussworks/react-uswds';
import {
  cancelDeliveryRequest,
  completeDeliveryRequest,
  fetchDeliveryPreferences,
  listPickups,
  listRedeliveries,
  locationLabels,
  premisesLocations,
  redeliveryOptionLabels,
  redeliveryOptions,
  requestRedelivery,
  saveDeliveryPreferences,
  schedulePickup,
  statusLabels,
  type DeliveryPreferences,
  type DeliveryRequest,
  type PremisesLocation,
  type RedeliveryOption,
} from '../api/delivery-services.ts';
import type { Customer } from '../api/customers.ts';
import { problemMessage } from '../api/problem.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { formatDay } from './coaParts.tsx';
import {
  DeliveryPreferenceFields,
  listOf,
  preferencesDraft,
  preferencesInput,
  type PreferencesDraft,
} from './DeliveryPreferenceFields.tsx';

/** Error labels by the request's field names (the server names '/body/articleNumbers/0'; the form shows it on the field). */
const requestLabels: Readonly<Record<string, string>> = {
  articleNumbers: 'Article numbers',
  date: 'Date',
  option: 'Redelivery option',
  location: 'Where on the premises',
  packageCount: 'Number of packages',
  totalWeightLb: 'Estimated total weight',
  instructions: 'Instructions',
  address: 'Address',
};
const requestIds: Readonly<Record<string, string>> = {
  articleNumbers: 'dlv-articles',
  date: 'dlv-date',
  option: 'dlv-option',
  location: 'dlv-location',
  packageCount: 'dlv-count',
  totalWeightLb: 'dlv-weight',
  instructions: 'dlv-instructions',
  address: 'dlv-articles',
};
const preferenceLabels = {
  whenAbsent: 'When nobody is home',
  deliveryDays: 'Preferred delivery days',
  preferredContact: 'Preferred means of contact',
  dropShipCodes: 'Drop-ship codes',
  instructions: 'Instructions for the carrier',
};
const preferenceIds = {
  whenAbsent: 'dpref-absent',
  deliveryDays: 'dpref-days',
  preferredContact: 'dpref-contact',
  dropShipCodes: 'dpref-codes',
  instructions: 'dpref-instructions',
};

const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function requestText(r: DeliveryRequest): string {
  if (r.kind === 'pickup') return `Pickup ${r.pickupNumber ?? ''}: ${r.packageCount} package(s), about ${r.totalWeightLb} lb`;
  return `Redelivery: ${r.option ? redeliveryOptionLabels[r.option] : ''}`;
}

/** Enter a redelivery or schedule a pickup at the customer's address of record. */
function RequestForm({ customer, onDone }: { readonly customer: Customer; readonly onDone: (created: DeliveryRequest) => void }) {
  const [kind, setKind] = useState<'redelivery' | 'pickup'>('redelivery');
  const [articles, setArticles] = useState('');
  const [date, setDate] = useState('');
  const [option, setOption] = useState<RedeliveryOption>('deliver');
  const [location, setLocation] = useState<PremisesLocation | ''>('');
  const [count, setCount] = useState('1');
  const [weight, setWeight] = useState('');
  const [instructions, setInstructions] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, clear } = useFormErrors(requestLabels);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    clear();
    try {
      const text = instructions.trim() || null;
      const created =
        kind === 'redelivery'
          ? await requestRedelivery(customer.id, {
              articleNumbers: listOf(articles),
              date,
              option,
              location: location || null,
              instructions: text,
            })
          : await schedulePickup(customer.id, {
              date,
              packageCount: numberOrNaN(count),
              totalWeightLb: numberOrNaN(weight),
              location: location as PremisesLocation,
              instructions: text,
            });
      onDone(created);
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={requestIds} />
      <Form onSubmit={submit} large noValidate>
        <RadioGroup
          name="dlv-kind"
          legend="What the customer asks for"
          options={[
            { value: 'redelivery', label: 'Redelivery of a missed package (notice PS Form 3849 left)' },
            { value: 'pickup', label: 'Package pickup from the address' },
          ]}
          value={kind}
          onChange={setKind}
        />
        {kind === 'redelivery' && (
          <>
            <TextAreaField
              id={requestIds.articleNumbers!}
              label={requestLabels.articleNumbers}
              hint="The number on the notice left, and any others; one per line."
              value={articles}
              onChange={setArticles}
              error={errors.fields.articleNumbers ?? errors.fields.address}
            />
            <RadioGroup
              id={requestIds.option}
              name={requestIds.option!}
              legend={requestLabels.option}
              options={redeliveryOptions.map((o) => ({ value: o, label: redeliveryOptionLabels[o] }))}
              value={option}
              onChange={setOption}
              error={errors.fields.option}
            />
          </>
        )}
        <TextField
          id={requestIds.date!}
          type="date"
          label={requestLabels.date}
          hint={
            kind === 'redelivery'
              ? 'Tomorrow up to 30 days ahead, not a Sunday.'
              : 'The next delivery day up to 30 days ahead, not a Sunday or a federal holiday.'
          }
          value={date}
          onChange={setDate}
          error={errors.fields.date}
        />
        {kind === 'pickup' && (
          <>
            <TextField
              id={requestIds.packageCount!}
              type="number"
              label={requestLabels.packageCount}
              hint="1 to 99."
              value={count}
              onChange={setCount}
              error={errors.fields.packageCount}
            />
            <TextField
              id={requestIds.totalWeightLb!}
              type="number"
              label={`${requestLabels.totalWeightLb} (pounds)`}
              hint="Whole pounds; at most 70 a package."
              value={weight}
              onChange={setWeight}
              error={errors.fields.totalWeightLb}
            />
          </>
        )}
        {(kind === 'pickup' || option === 'deliver') && (
          <>
            <SelectField
              id={requestIds.location!}
              label={requestLabels.location}
              value={location}
              onChange={(value) => setLocation(value as PremisesLocation | '')}
              options={[
                { value: '', label: kind === 'pickup' ? '- Choose -' : 'Where the carrier usually leaves packages' },
                ...premisesLocations.map((l) => ({ value: l, label: locationLabels[l] })),
              ]}
              error={errors.fields.location}
            />
            <TextAreaField
              id={requestIds.instructions!}
              label={requestLabels.instructions}
              hint="For the carrier; at most 500 characters."
              value={instructions}
              onChange={setInstructions}
              error={errors.fields.instructions}
            />
          </>
        )}
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Saving…' : kind === 'redelivery' ? 'Request redelivery' : 'Schedule pickup'}
        </Button>
      </Form>
    </>
  );
}

/** The customer's standing delivery preferences, edited in place. */
function PreferencesForm({ customer, canEdit }: { readonly customer: Customer; readonly canEdit: boolean }) {
  const loaded = useLoad(() => fetchDeliveryPreferences(customer.id), [customer.id]);
  const [draft, setDraft] = useState<PreferencesDraft | null>(null);
  const [saved, setSaved] = useState<DeliveryPreferences | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, fromError, clear } = useFormErrors(preferenceLabels);

  useEffect(() => {
    const p = loaded.data;
    if (!p) return;
    setDraft(preferencesDraft(p));
  }, [loaded.data]);

  if (loaded.error) return <LoadError what="the delivery preferences" error={loaded.error} onRetry={loaded.reload} />;
  if (!draft) return <Loading />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    clear();
    setSaved(null);
    try {
      setSaved(await saveDeliveryPreferences(customer.id, preferencesInput(draft)));
      loaded.reload();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="dpref-heading" className="margin-top-3" data-testid="delivery-preferences">
      <h3 id="dpref-heading">Delivery preferences</h3>
      {saved && (
        <Alert type="success" slim>
          <p className="usa-alert__text">Delivery preferences saved.</p>
        </Alert>
      )}
      <ErrorSummary errors={errors} fieldIds={preferenceIds} />
      <Form onSubmit={submit} large noValidate>
        <DeliveryPreferenceFields
          ids={preferenceIds}
          labels={preferenceLabels}
          hints={{
            dropShipCodes:
              "Business mailers: DNDC, DSCF or DDU and the facility's 5-digit ZIP Code or 6-character locale key, one per line (e.g. DDU:20260).",
          }}
          draft={draft}
          onChange={setDraft}
          errors={errors}
        />
        {canEdit && (
          <Button type="submit" disabled={busy} className="margin-top-3">
            {busy ? 'Saving…' : 'Save delivery preferences'}
          </Button>
        )}
      </Form>
    </section>
  );
}

/**
 * Deliveries and pickups on the customer page: the customer's redeliveries and pickups
 * (newest first) with cancel and complete for those still requested, the form to enter one,
 * and the standing delivery preferences.
 */
export function DeliveryServices({ customer, canEnter }: { readonly customer: Customer; readonly canEnter: boolean }) {
  const requests = useLoad(
    async () =>
      [...(await listRedeliveries(customer.id)), ...(await listPickups(customer.id))].sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      ),
    [customer.id],
  );
  const [entering, setEntering] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const act = async (action: (id: string) => Promise<DeliveryRequest>, id: string) => {
    setActionError(null);
    try {
      await action(id);
      requests.reload();
    } catch (error) {
      setActionError(problemMessage(error));
    }
  };

  const data = requests.data;
  return (
    <section aria-labelledby="deliveries-heading" className="margin-top-4" data-testid="delivery-services">
      <h2 id="deliveries-heading">Deliveries and pickups</h2>
      {notice && (
        <Alert type="success" slim data-testid="delivery-notice">
          <p className="usa-alert__text">{notice}</p>
        </Alert>
      )}
      {actionError && (
        <Alert type="error" slim>
          <p className="usa-alert__text">{actionError}</p>
        </Alert>
      )}
      {requests.error ? (
        <LoadError what="the redeliveries and pickups" error={requests.error} onRetry={requests.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p data-testid="no-deliveries">No redelivery or pickup has been requested for this customer.</p>
      ) : (
        <Table caption="Redeliveries and pickups, newest first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Day</th>
              <th scope="col">Where</th>
              <th scope="col">Status</th>
              {canEnter && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody data-testid="delivery-rows">
            {data.map((r) => (
              <tr key={r.id}>
                <th scope="row" data-label="Request">
                  {requestText(r)}
                  {r.articleNumbers.length > 0 && <span className="display-block text-normal">{r.articleNumbers.join(', ')}</span>}
                  <span className="display-block text-normal text-base-dark">Entered {formatDateTime(r.createdAt)}</span>
                </th>
                <td data-label="Day">{formatDay(r.date)}</td>
                <td data-label="Where">
                  {r.option === 'post_office' ? 'Post Office' : `${r.address.deliveryLine}, ${r.address.lastLine}`}
                  {r.location && <span className="display-block">{locationLabels[r.location]}</span>}
                  {r.instructions && <span className="display-block text-base-dark">{r.instructions}</span>}
                </td>
                <td data-label="Status">
                  {statusLabels[r.status]}
                  {r.statusAt && <span className="display-block">{formatDateTime(r.statusAt)}</span>}
                </td>
                {canEnter && (
                  <td data-label="Actions">
                    {r.status === 'requested' && (
                      <ButtonGroup type="default">
                        <Button type="button" unstyled onClick={() => void act(completeDeliveryRequest, r.id)}>
                          Mark completed
                        </Button>
                        <Button type="button" unstyled onClick={() => void act(cancelDeliveryRequest, r.id)}>
                          Cancel
                        </Button>
                      </ButtonGroup>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      {canEnter &&
        (entering ? (
          <section aria-labelledby="dlv-form-heading" className="margin-top-3">
            <h3 id="dlv-form-heading">Request a redelivery or a pickup</h3>
            <RequestForm
              customer={customer}
              onDone={(created) => {
                setEntering(false);
                setNotice(
                  created.kind === 'pickup'
                    ? `Pickup scheduled for ${formatDay(created.date)}. Confirmation number ${created.pickupNumber}.`
                    : `Redelivery requested for ${formatDay(created.date)}.`,
                );
                requests.reload();
              }}
            />
            <Button type="button" unstyled className="padding-105" onClick={() => setEntering(false)}>
              Cancel
            </Button>
          </section>
        ) : (
          <Button type="button" outline className="margin-top-2" onClick={() => setEntering(true)}>
            Request a redelivery or a pickup
          </Button>
        ))}
      <PreferencesForm customer={customer} canEdit={canEnter} />
    </section>
  );
}
