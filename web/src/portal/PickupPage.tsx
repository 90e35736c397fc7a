import { useState } from 'react';
import { locationLabels, premisesLocations, type PremisesLocation } from '../api/delivery-services.ts';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formatDay } from '../tracking/coaParts.tsx';
import { DeliveryRequestPage } from './DeliveryRequestPage.tsx';
import { deliveryServicesApi } from './deliveryServicesApi.ts';

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
  const [date, setDate] = useState('');
  const [count, setCount] = useState('1');
  const [weight, setWeight] = useState('');
  const [location, setLocation] = useState<PremisesLocation | ''>('');
  const [instructions, setInstructions] = useState('');

  return (
    <DeliveryRequestPage
      title="Package pickup"
      heading="Schedule a package pickup"
      intro="Your carrier picks up prepaid packages at your address of record when delivering your mail. Choose a delivery day and tell us where the packages will be."
      labels={labels}
      ids={ids}
      list={deliveryServicesApi.pickups}
      send={() =>
        deliveryServicesApi.schedulePickup({
          date,
          packageCount: numberOrNaN(count),
          totalWeightLb: numberOrNaN(weight),
          location: location as PremisesLocation,
          instructions: instructions.trim() || null,
        })
      }
      confirmation={{
        testId: 'pickup-done',
        heading: 'Pickup scheduled',
        text: (done) => (
          <>
            We will pick up on {formatDay(done.date)}. Your confirmation number is <strong>{done.pickupNumber}</strong>: quote it if you
            call us.
          </>
        ),
      }}
      submitLabel="Schedule pickup"
      what="pickups"
    >
      {(field) => (
        <>
          <TextField
            {...field('date')}
            type="date"
            hint="The next delivery day up to 30 days ahead; no pickups on Sundays or federal holidays."
            value={date}
            onChange={setDate}
          />
          <TextField {...field('packageCount')} type="number" hint="1 to 99." value={count} onChange={setCount} />
          <TextField
            {...field('totalWeightLb')}
            type="number"
            label={`${labels.totalWeightLb} (pounds)`}
            hint="All packages together, in whole pounds; at most 70 pounds a package."
            value={weight}
            onChange={setWeight}
          />
          <SelectField
            {...field('location')}
            value={location}
            onChange={(value) => setLocation(value as PremisesLocation | '')}
            options={[{ value: '', label: '- Choose -' }, ...premisesLocations.map((l) => ({ value: l, label: locationLabels[l] }))]}
          />
          <TextAreaField
            {...field('instructions')}
            hint="Required if you chose Other. At most 500 characters."
            value={instructions}
            onChange={setInstructions}
          />
        </>
      )}
    </DeliveryRequestPage>
  );
}
