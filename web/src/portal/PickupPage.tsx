import { useState, type FormEvent } from 'react';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { locationLabels, premisesLocations, type PremisesLocation } from '../api/delivery-services.ts';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDay } from '../tracking/coaParts.tsx';
import { useLoad } from '../util/useLoad.ts';
import { DeliveryRequestList } from './DeliveryRequestList.tsx';
import { deliveryServicesApi, type PortalDeliveryRequest } from './deliveryServicesApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels: Readonly<Record<string, string>> = {
  date: 'Pickup day',
  packageCount: 'Number of packages',
  totalWeightLb: 'Estimated total weight',
  location: 'Where the packages will be',
  instructions: 'Instructions',
};
const ids: Readonly<Record<string, string>> = {
  date: 'pickup-date',
  packageCount: 'pickup-count',
  totalWeightLb: 'pickup-weight',
  location: 'pickup-location',
  instructions: 'pickup-instructions',
};
const numberOrNaN = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

/** /portal/pickup: the carrier collects prepaid packages from your address of record on a delivery day. */
export function PickupPage() {
  const requests = useLoad(() => deliveryServicesApi.pickups(), []);
  const [date, setDate] = useState('');
  const [count, setCount] = useState('1');
  const [weight, setWeight] = useState('');
  const [location, setLocation] = useState<PremisesLocation | ''>('');
  const [instructions, setInstructions] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PortalDeliveryRequest | null>(null);
  const { errors, fromError, clear } = usePortalFormErrors(labels);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    clear();
    setDone(null);
    try {
      setDone(
        await deliveryServicesApi.schedulePickup({
          date,
          packageCount: numberOrNaN(count),
          totalWeightLb: numberOrNaN(weight),
          location: location as PremisesLocation,
          instructions: instructions.trim() || null,
        }),
      );
      requests.reload();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Package pickup" heading="Schedule a package pickup">
      <p className="usa-intro">
        Your carrier picks up prepaid packages at your address of record when delivering your mail. Choose a delivery day and tell us where
        the packages will be.
      </p>
      {done && (
        <Alert type="success" data-testid="pickup-done">
          <h2 className="usa-alert__heading">Pickup scheduled</h2>
          <p className="usa-alert__text">
            We will pick up on {formatDay(done.date)}. Your confirmation number is <strong>{done.pickupNumber}</strong>: quote it if you
            call us.
          </p>
        </Alert>
      )}
      <PortalErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={submit} large noValidate>
        <TextField
          id={ids.date!}
          type="date"
          label={labels.date}
          hint="The next delivery day up to 30 days ahead; no pickups on Sundays or federal holidays."
          value={date}
          onChange={setDate}
          error={errors.fields.date}
        />
        <TextField
          id={ids.packageCount!}
          type="number"
          label={labels.packageCount}
          hint="1 to 99."
          value={count}
          onChange={setCount}
          error={errors.fields.packageCount}
        />
        <TextField
          id={ids.totalWeightLb!}
          type="number"
          label={`${labels.totalWeightLb} (pounds)`}
          hint="All packages together, in whole pounds; at most 70 pounds a package."
          value={weight}
          onChange={setWeight}
          error={errors.fields.totalWeightLb}
        />
        <SelectField
          id={ids.location!}
          label={labels.location}
          value={location}
          onChange={(value) => setLocation(value as PremisesLocation | '')}
          options={[{ value: '', label: '- Choose -' }, ...premisesLocations.map((l) => ({ value: l, label: locationLabels[l] }))]}
          error={errors.fields.location}
        />
        <TextAreaField
          id={ids.instructions!}
          label={labels.instructions}
          hint="Required if you chose Other. At most 500 characters."
          value={instructions}
          onChange={setInstructions}
          error={errors.fields.instructions}
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Sending…' : 'Schedule pickup'}
        </Button>
      </Form>
      <h2 className="margin-top-5">Your pickups</h2>
      <DeliveryRequestList requests={requests} what="pickups" />
    </Page>
  );
}
