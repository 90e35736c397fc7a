import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form } from '@trussworks/react-uswds';
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
import { Page } from '../frame/Page.tsx';
import { formatDay } from '../tracking/coaParts.tsx';
import { useLoad } from '../util/useLoad.ts';
import { DeliveryRequestList } from './DeliveryRequestList.tsx';
import { deliveryServicesApi, type PortalDeliveryRequest } from './deliveryServicesApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

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
  const requests = useLoad(() => deliveryServicesApi.redeliveries(), []);
  const [article, setArticle] = useState('');
  const [date, setDate] = useState('');
  const [option, setOption] = useState<RedeliveryOption>('deliver');
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
      const delivering = option === 'deliver';
      setDone(
        await deliveryServicesApi.requestRedelivery({
          articleNumbers: article.trim() ? [article] : [],
          date,
          option,
          location: delivering && location ? location : null,
          instructions: delivering ? instructions.trim() || null : null,
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
    <Page title="Redelivery" heading="Schedule a redelivery">
      <p className="usa-intro">
        Missed a delivery? Enter the tracking number from the notice we left (PS Form 3849) and choose a day. We deliver to your address of
        record, or you collect the package at your Post Office that day.
      </p>
      {done && (
        <Alert type="success" data-testid="redelivery-done">
          <h2 className="usa-alert__heading">Redelivery requested</h2>
          <p className="usa-alert__text">
            {done.option === 'post_office'
              ? `Your package will be ready at your Post Office on ${formatDay(done.date)}.`
              : `We will bring your package on ${formatDay(done.date)}.`}
          </p>
        </Alert>
      )}
      <PortalErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={submit} large noValidate>
        <TextField
          id={ids.articleNumbers!}
          label={labels.articleNumbers}
          hint="The number under the barcode on the notice, e.g. 9400 1000 0000 0000 0000 00."
          value={article}
          onChange={setArticle}
          error={errors.fields.articleNumbers}
          autoComplete="off"
        />
        <TextField
          id={ids.date!}
          type="date"
          label={labels.date}
          hint="Tomorrow up to 30 days ahead; we do not deliver on Sundays."
          value={date}
          onChange={setDate}
          error={errors.fields.date}
        />
        <RadioGroup
          id={ids.option}
          name={ids.option!}
          legend={labels.option}
          options={redeliveryOptions.map((o) => ({ value: o, label: redeliveryOptionLabels[o] }))}
          value={option}
          onChange={setOption}
          error={errors.fields.option}
        />
        {option === 'deliver' && (
          <>
            <SelectField
              id={ids.location!}
              label={labels.location}
              value={location}
              onChange={(value) => setLocation(value as PremisesLocation | '')}
              options={[
                { value: '', label: 'Where the carrier usually leaves packages' },
                ...premisesLocations.map((l) => ({ value: l, label: locationLabels[l] })),
              ]}
              error={errors.fields.location}
            />
            <TextAreaField
              id={ids.instructions!}
              label={labels.instructions}
              hint="Optional: anything the carrier should know. At most 500 characters."
              value={instructions}
              onChange={setInstructions}
              error={errors.fields.instructions}
            />
          </>
        )}
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Sending…' : 'Schedule redelivery'}
        </Button>
      </Form>
      <h2 className="margin-top-5">Your redeliveries</h2>
      <DeliveryRequestList requests={requests} what="redeliveries" />
      <p className="margin-top-3">
        <Link to="/portal/delivery-preferences" className="usa-link">
          Set what we do when you are not home
        </Link>
      </p>
    </Page>
  );
}
