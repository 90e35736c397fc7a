import { useState } from 'react';
import { Link } from 'react-router';
import {
  locationLabels,
  premisesLocations,
  redeliveryOptionLabels,
  redeliveryOptions,
  type PremisesLocation,
  type RedeliveryOption,
} from '../api/delivery-services.ts';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formatDay } from '../tracking/coaParts.tsx';
import { DeliveryRequestPage } from './DeliveryRequestPage.tsx';
import { deliveryServicesApi } from './deliveryServicesApi.ts';

const labels: Readonly<Record<string, string>> = {
  articleNumbers: 'Tracking number',
  date: 'Day',
  option: 'How you want it',
  location: 'Where to leave it',
  instructions: 'Instructions',
};
const ids: Readonly<Record<string, string>> = {
  articleNumbers: 'redelivery-article',
  date: 'redelivery-date',
  option: 'redelivery-option',
  location: 'redelivery-location',
  instructions: 'redelivery-instructions',
};

/** /portal/redelivery: we missed you — bring the package again to your address, or collect it at the Post Office. */
export function RedeliveryPage() {
  const [article, setArticle] = useState('');
  const [date, setDate] = useState('');
  const [option, setOption] = useState<RedeliveryOption>('deliver');
  const [location, setLocation] = useState<PremisesLocation | ''>('');
  const [instructions, setInstructions] = useState('');
  const delivering = option === 'deliver';

  return (
    <DeliveryRequestPage
      title="Redelivery"
      heading="Schedule a redelivery"
      intro="Missed a delivery? Enter the tracking number from the notice we left (PS Form 3849) and choose a day. We deliver to your address of record, or you collect the package at your Post Office that day."
      labels={labels}
      ids={ids}
      list={deliveryServicesApi.redeliveries}
      send={() =>
        deliveryServicesApi.requestRedelivery({
          articleNumbers: article.trim() ? [article] : [],
          date,
          option,
          location: delivering && location ? location : null,
          instructions: delivering ? instructions.trim() || null : null,
        })
      }
      confirmation={{
        testId: 'redelivery-done',
        heading: 'Redelivery requested',
        text: (done) =>
          done.option === 'post_office'
            ? `Your package will be ready at your Post Office on ${formatDay(done.date)}.`
            : `We will bring your package on ${formatDay(done.date)}.`,
      }}
      submitLabel="Schedule redelivery"
      what="redeliveries"
      after={
        <p className="margin-top-3">
          <Link to="/portal/delivery-preferences" className="usa-link">
            Set what we do when you are not home
          </Link>
        </p>
      }
    >
      {(field) => (
        <>
          <TextField
            {...field('articleNumbers')}
            hint="The number under the barcode on the notice, e.g. 9400 1000 0000 0000 0000 00."
            value={article}
            onChange={setArticle}
            autoComplete="off"
          />
          <TextField
            {...field('date')}
            type="date"
            hint="Tomorrow up to 30 days ahead; we do not deliver on Sundays."
            value={date}
            onChange={setDate}
          />
          <RadioGroup
            id={ids.option}
            name={ids.option!}
            legend={labels.option}
            options={redeliveryOptions.map((o) => ({ value: o, label: redeliveryOptionLabels[o] }))}
            value={option}
            onChange={setOption}
            error={field('option').error}
          />
          {delivering && (
            <>
              <SelectField
                {...field('location')}
                value={location}
                onChange={(value) => setLocation(value as PremisesLocation | '')}
                options={[
                  { value: '', label: 'Where the carrier usually leaves packages' },
                  ...premisesLocations.map((l) => ({ value: l, label: locationLabels[l] })),
                ]}
              />
              <TextAreaField
                {...field('instructions')}
                hint="Optional: anything the carrier should know. At most 500 characters."
                value={instructions}
                onChange={setInstructions}
              />
            </>
          )}
        </>
      )}
    </DeliveryRequestPage>
  );
}
