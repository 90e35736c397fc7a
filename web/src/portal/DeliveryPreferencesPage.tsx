import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import {
  DeliveryPreferenceFields,
  preferencesDraft,
  preferencesInput,
  type PreferencesDraft,
} from '../tracking/DeliveryPreferenceFields.tsx';
import { useLoad } from '../util/useLoad.ts';
import { deliveryServicesApi } from './deliveryServicesApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = {
  whenAbsent: 'When nobody is home',
  deliveryDays: 'Days you prefer deliveries',
  preferredContact: 'How we contact you about deliveries',
  dropShipCodes: 'Drop-ship codes',
  instructions: 'Instructions for your carrier',
};
const ids = {
  whenAbsent: 'pref-absent',
  deliveryDays: 'pref-days',
  preferredContact: 'pref-contact',
  dropShipCodes: 'pref-codes',
  instructions: 'pref-instructions',
};

/** /portal/delivery-preferences: what the carrier does when you are out, the days you prefer, how we reach you. */
export function DeliveryPreferencesPage() {
  const loaded = useLoad(() => deliveryServicesApi.preferences(), []);
  const [draft, setDraft] = useState<PreferencesDraft | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { errors, fromError, clear } = usePortalFormErrors(labels);

  useEffect(() => {
    const p = loaded.data;
    if (!p) return;
    setDraft(preferencesDraft(p));
  }, [loaded.data]);

  const submit = async (event: FormEvent, chosen: PreferencesDraft) => {
    event.preventDefault();
    setBusy(true);
    clear();
    setSaved(false);
    try {
      await deliveryServicesApi.savePreferences(preferencesInput(chosen));
      setSaved(true);
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Delivery preferences" heading="Delivery preferences">
      <p className="usa-intro">Tell your carrier what to do with packages when you are not home, and which days suit you best.</p>
      {loaded.error ? (
        <LoadError what="your delivery preferences" error={loaded.error} onRetry={loaded.reload} />
      ) : !draft ? (
        <Loading />
      ) : (
        <>
          {saved && (
            <Alert type="success" data-testid="preferences-saved">
              <h2 className="usa-alert__heading">Preferences saved</h2>
              <p className="usa-alert__text">Your carrier will see them from the next delivery day.</p>
            </Alert>
          )}
          <PortalErrorSummary errors={errors} fieldIds={ids} />
          <Form onSubmit={(event) => void submit(event, draft)} large noValidate>
            <DeliveryPreferenceFields
              ids={ids}
              labels={labels}
              hints={{
                dropShipCodes:
                  "Business mailers only: DNDC, DSCF or DDU and the facility's 5-digit ZIP Code, one per line (e.g. DDU:20260).",
                instructions: 'At most 500 characters.',
              }}
              draft={draft}
              onChange={setDraft}
              errors={errors}
            />
            <Button type="submit" disabled={busy} className="margin-top-3">
              {busy ? 'Saving…' : 'Save preferences'}
            </Button>
          </Form>
        </>
      )}
    </Page>
  );
}
