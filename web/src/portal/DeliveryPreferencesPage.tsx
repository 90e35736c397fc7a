import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import {
  contactLabels,
  contactMeans,
  dayLabels,
  whenAbsentLabels,
  whenAbsentOptions,
  type ContactMeans,
  type WhenAbsent,
} from '../api/delivery-services.ts';
import { CheckboxGroup } from '../forms/CheckboxGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { deliveryServicesApi } from './deliveryServicesApi.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels: Readonly<Record<string, string>> = {
  whenAbsent: 'When nobody is home',
  deliveryDays: 'Days you prefer deliveries',
  preferredContact: 'How we contact you about deliveries',
  dropShipCodes: 'Drop-ship codes',
  instructions: 'Instructions for your carrier',
};
const ids: Readonly<Record<string, string>> = {
  whenAbsent: 'pref-absent',
  deliveryDays: 'pref-days',
  preferredContact: 'pref-contact',
  dropShipCodes: 'pref-codes',
  instructions: 'pref-instructions',
};
const listOf = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** /portal/delivery-preferences: what the carrier does when you are out, the days you prefer, how we reach you. */
export function DeliveryPreferencesPage() {
  const loaded = useLoad(() => deliveryServicesApi.preferences(), []);
  const [whenAbsent, setWhenAbsent] = useState<WhenAbsent | ''>('');
  const [days, setDays] = useState<string[]>([]);
  const [contact, setContact] = useState<ContactMeans | ''>('');
  const [codes, setCodes] = useState('');
  const [instructions, setInstructions] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { errors, fromError, clear } = usePortalFormErrors(labels);

  useEffect(() => {
    const p = loaded.data;
    if (!p) return;
    setWhenAbsent(p.whenAbsent ?? '');
    setDays(p.deliveryDays.map(String));
    setContact(p.preferredContact ?? '');
    setCodes(p.dropShipCodes.join('\n'));
    setInstructions(p.instructions ?? '');
  }, [loaded.data]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    clear();
    setSaved(false);
    try {
      await deliveryServicesApi.savePreferences({
        whenAbsent: whenAbsent || null,
        deliveryDays: days.map(Number),
        preferredContact: contact || null,
        dropShipCodes: listOf(codes),
        instructions: instructions.trim() || null,
      });
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
      ) : !loaded.data ? (
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
          <Form onSubmit={submit} large noValidate>
            <SelectField
              id={ids.whenAbsent!}
              label={labels.whenAbsent}
              value={whenAbsent}
              onChange={(value) => setWhenAbsent(value as WhenAbsent | '')}
              options={[{ value: '', label: 'No preference' }, ...whenAbsentOptions.map((o) => ({ value: o, label: whenAbsentLabels[o] }))]}
              error={errors.fields.whenAbsent}
            />
            <CheckboxGroup
              id={ids.deliveryDays!}
              legend={labels.deliveryDays}
              options={[1, 2, 3, 4, 5, 6].map((d) => ({ value: String(d), label: dayLabels[d]! }))}
              selected={days}
              onChange={setDays}
              error={errors.fields.deliveryDays}
            />
            <SelectField
              id={ids.preferredContact!}
              label={labels.preferredContact}
              value={contact}
              onChange={(value) => setContact(value as ContactMeans | '')}
              options={[{ value: '', label: 'No preference' }, ...contactMeans.map((c) => ({ value: c, label: contactLabels[c] }))]}
              error={errors.fields.preferredContact}
            />
            <TextAreaField
              id={ids.dropShipCodes!}
              label={labels.dropShipCodes}
              hint="Business mailers only: DNDC, DSCF or DDU and the facility's 5-digit ZIP Code, one per line (e.g. DDU:20260)."
              value={codes}
              onChange={setCodes}
              error={errors.fields.dropShipCodes}
            />
            <TextAreaField
              id={ids.instructions!}
              label={labels.instructions}
              hint="At most 500 characters."
              value={instructions}
              onChange={setInstructions}
              error={errors.fields.instructions}
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
