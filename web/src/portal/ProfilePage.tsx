import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, AlertHeading, Button, Form, Tag } from '@trussworks/react-uswds';
import { humanize } from '../customers/fieldText.ts';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import {
  portalApi,
  type PortalPreference,
  type PortalPreferenceName,
  type PortalPrivacyRequest,
  type PortalProfile,
  type PortalProfileValue,
} from './portalApi.ts';
import { choiceFields, present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { value: 'The correct value', explanation: 'Why it needs correcting' };

/** The values of each field together, in the order the server lists them (the record's: the name first). */
function byField(values: readonly PortalProfileValue[]): [string, PortalProfileValue[]][] {
  const groups = new Map<string, PortalProfileValue[]>();
  for (const value of values) groups.set(value.field, [...(groups.get(value.field) ?? []), value]);
  return [...groups];
}

/** The values to correct by request: the preferences are set directly, in their own form below. */
function correctable(profile: PortalProfile): PortalProfileValue[] {
  const preferences = new Set(profile.preferences.map((p) => p.field));
  return profile.values.filter((value) => !preferences.has(value.field));
}

/** /portal/profile: what our customer registry holds about the customer, a way to ask for each value's correction, and their preferences. */
export function ProfilePage() {
  const profile = useLoad(() => portalApi.profile(), []);
  return (
    <Page title="My profile">
      <p className="usa-intro">
        This is what our customer records hold about you. If something is wrong or out of date, you have the right to ask us to correct it.
      </p>
      {profile.error && !profile.data ? (
        <LoadError what="your profile" error={profile.error} onRetry={profile.reload} />
      ) : !profile.data ? (
        <Loading label="Loading your profile…" />
      ) : (
        <div data-testid="profile">
          <p>
            The record is in the name of <strong className="caseline-break">{profile.data.name}</strong>.
          </p>
          {byField(correctable(profile.data)).map(([field, values]) => (
            <section key={field} aria-labelledby={`profile-${field}`} className="margin-top-4 maxw-tablet-lg">
              <h2 id={`profile-${field}`} className="margin-bottom-1">
                {values[0]!.fieldName}
              </h2>
              <ul className="usa-list usa-list--unstyled" data-field={field}>
                {values.map((value) => (
                  <ProfileValueItem key={value.id} value={value} several={values.length > 1} />
                ))}
              </ul>
            </section>
          ))}
          <PreferencesForm key={preferencesKey(profile.data)} preferences={profile.data.preferences} onSaved={profile.setData} />
        </div>
      )}
    </Page>
  );
}

const preferenceLabels: Record<PortalPreferenceName, string> = {
  preferredContact: 'How should we contact you?',
  mediaPreference: 'How would you like to receive what we send you?',
};
const preferenceIds: Record<PortalPreferenceName, string> = {
  preferredContact: 'preference-preferred-contact',
  mediaPreference: 'preference-media',
};
// The form starts again from the record whenever the saved values change.
const preferencesKey = (profile: PortalProfile) => profile.preferences.map((p) => p.value ?? '').join('|');

/**
 * The customer's preferences: theirs to state, so saved on the record straight away (not a
 * correction request). The choices are the registry's, as the server lists them.
 */
function PreferencesForm({
  preferences,
  onSaved,
}: {
  readonly preferences: readonly PortalPreference[];
  readonly onSaved: (profile: PortalProfile) => void;
}) {
  const [chosen, setChosen] = useState<Partial<Record<PortalPreferenceName, string>>>(() =>
    Object.fromEntries(preferences.map((p) => [p.name, p.value ?? ''])),
  );
  const [busy, setBusy] = useState(false);
  const { errors, fromError, clear } = usePortalFormErrors(preferenceLabels);
  const { notify } = useNotifications();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    // Only what changed, and never back to "not set": the server takes a value from the list.
    const changed = Object.fromEntries(
      preferences.filter((p) => chosen[p.name] && chosen[p.name] !== (p.value ?? '')).map((p) => [p.name, chosen[p.name]!]),
    );
    clear();
    if (Object.keys(changed).length === 0) {
      notify('info', 'Your preferences are unchanged.');
      return;
    }
    setBusy(true);
    try {
      onSaved(await portalApi.setPreferences(changed));
      notify('success', 'Your preferences were saved.');
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="preferences-heading" className="margin-top-4 maxw-tablet-lg">
      <h2 id="preferences-heading">Preferences</h2>
      <p>How you want to hear from us. These are yours to set: a change is saved on your record straight away.</p>
      <PortalErrorSummary errors={errors} fieldIds={preferenceIds} heading="Your preferences were not saved" />
      <Form onSubmit={(event) => void submit(event)} noValidate large aria-label="Preferences">
        {preferences.map((p) => (
          <SelectField
            key={p.name}
            id={preferenceIds[p.name]}
            label={preferenceLabels[p.name]}
            value={chosen[p.name] ?? ''}
            onChange={(value) => setChosen((current) => ({ ...current, [p.name]: value }))}
            options={[
              ...(p.value === null ? [{ value: '', label: '- Not set -' }] : []),
              ...p.choices.map((choice) => ({ value: choice, label: humanize(choice) })),
            ]}
            error={errors.fields[p.name]}
          />
        ))}
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Saving…' : 'Save my preferences'}
        </Button>
      </Form>
    </section>
  );
}

/** `several`: the field has more than one value, so which is the main one is worth saying. */
function ProfileValueItem({ value, several }: { readonly value: PortalProfileValue; readonly several: boolean }) {
  const [asking, setAsking] = useState(false);
  const [filed, setFiled] = useState<PortalPrivacyRequest | null>(null);
  const textId = `profile-value-${value.id}`;
  const shown = choiceFields.has(value.field) && !value.masked ? humanize(value.value) : value.value;

  return (
    <li className="border-top-1px border-base-lighter padding-y-2" data-testid="profile-value">
      <p id={textId} className="margin-0">
        <span className={`caseline-break${value.masked ? ' caseline-mono' : ''}`}>{shown}</span>
        {value.label && <span className="text-base-dark"> ({humanize(value.label)})</span>}
        {several && value.primary && <Tag className="bg-base caseline-tag margin-left-1">Main</Tag>}
      </p>
      {value.masked && (
        <p className="usa-hint margin-top-05 margin-bottom-0">
          Shown masked: this is sensitive, so we never show it in full online. You can still ask for a correction if it is wrong.
        </p>
      )}
      {filed ? (
        <CorrectionFiled request={filed} />
      ) : asking ? (
        <CorrectionForm value={value} onCancel={() => setAsking(false)} onFiled={setFiled} />
      ) : (
        <Button type="button" outline className="margin-top-1" aria-describedby={textId} onClick={() => setAsking(true)}>
          Ask for a correction
        </Button>
      )}
    </li>
  );
}

function CorrectionForm({
  value,
  onCancel,
  onFiled,
}: {
  readonly value: PortalProfileValue;
  readonly onCancel: () => void;
  readonly onFiled: (request: PortalPrivacyRequest) => void;
}) {
  const ids = { value: `correction-${value.id}-value`, explanation: `correction-${value.id}-explanation` };
  const [correct, setCorrect] = useState('');
  const [explanation, setExplanation] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = present({
      value: correct.trim() ? undefined : 'Enter the correct value.',
      explanation: explanation.trim() ? undefined : 'Tell us why it needs correcting.',
    });
    if (!fromChecks(checks) || busy) return;
    setBusy(true);
    try {
      onFiled(await portalApi.askCorrection(value.id, value.field, correct.trim(), explanation));
    } catch (error) {
      setBusy(false);
      fromError(error);
    }
  };

  return (
    <div className="margin-top-2">
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your request was not sent" />
      <Form onSubmit={(event) => void submit(event)} noValidate large aria-label={`Correction of ${value.fieldName}`}>
        <TextField
          id={ids.value}
          label={labels.value}
          hint={value.field === 'mailing_address' ? 'The whole address as it should read.' : undefined}
          value={correct}
          onChange={setCorrect}
          error={errors.fields.value}
          inputRef={first}
          maxLength={1000}
          autoComplete="off"
          aria-required
        />
        <TextAreaField
          id={ids.explanation}
          label={labels.explanation}
          hint="What is wrong, and anything that helps us check it."
          value={explanation}
          onChange={setExplanation}
          error={errors.fields.explanation}
          rows={4}
          maxLength={10000}
          aria-required
        />
        <div className="caseline-actions margin-top-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Sending…' : 'Ask for the correction'}
          </Button>
          <Button type="button" unstyled onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </Form>
    </div>
  );
}

function CorrectionFiled({ request }: { readonly request: PortalPrivacyRequest }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const acknowledge = request.nextDeadline?.name === 'acknowledge' ? request.nextDeadline.dueAt : null;
  return (
    <div ref={ref} tabIndex={-1} className="margin-top-2" data-testid="correction-filed">
      <Alert type="success">
        <AlertHeading level="h3">We received your request {request.number}</AlertHeading>
        <p className="usa-alert__text">
          Our privacy office must acknowledge it within 10 business days
          {acknowledge && <> (by {formatDateTime(acknowledge)})</>} and decide within 30 business days, as the Privacy Act requires (5
          U.S.C. 552a(d)(2)). If we agree, we correct the record; if not, we tell you why and how to ask for a review.
        </p>
        <p className="usa-alert__text">
          Follow it under{' '}
          <Link to="/portal/privacy" className="usa-link">
            My privacy
          </Link>
          .
        </p>
      </Alert>
    </div>
  );
}
