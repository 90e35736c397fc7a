import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextField } from '../forms/TextField.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { PortalCodeField } from './PortalFields.tsx';
import { portalApi } from './portalApi.ts';
import { usePortalSession } from './PortalSessionContext.ts';
import { checkCode, present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

type Method = 'knowledge' | 'email' | 'phone' | 'letter' | 'new';
/** Where the code went: shown on the page that asks for it. */
type Sent = { readonly by: 'email' | 'phone'; readonly to: string } | { readonly by: 'letter'; readonly expiresAt: string | null };

const labels = {
  method: 'How to link',
  surname: 'Surname (family name)',
  zip: 'ZIP Code',
  ssnLast4: 'Last four digits of your Social Security number',
  name: 'Your full name',
  code: 'Code',
};
const ids = {
  method: 'link-method',
  surname: 'link-surname',
  zip: 'link-zip',
  ssnLast4: 'link-ssn',
  name: 'link-name',
  code: 'link-code',
};
const methods: { value: Method; label: string }[] = [
  { value: 'knowledge', label: 'With details on my record: surname, ZIP Code and the last four digits of my Social Security number' },
  { value: 'email', label: 'With a code sent to the e-mail address on my record' },
  { value: 'phone', label: 'With a code texted to the mobile phone on my record' },
  { value: 'letter', label: 'With a code mailed to the address on my record (arrives in about a week)' },
  { value: 'new', label: 'I have never contacted you before' },
];
const required = (value: string, message: string) => (value.trim() ? undefined : message);

/**
 * /portal/link: the signed-in account proves which customer record is its own, so that the
 * portal can show that record's cases and nobody else's.
 */
export function LinkPage() {
  const { status, refresh } = usePortalSession();
  const { notify } = useNotifications();
  const navigate = useNavigate();
  const [method, setMethod] = useState<Method | undefined>(undefined);
  const [values, setValues] = useState({ surname: '', zip: '', ssnLast4: '', name: '', code: '' });
  const [sent, setSent] = useState<Sent | null>(null);
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks, clear } = usePortalFormErrors(labels);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  if (status === 'linked')
    return (
      <Page title="Link your customer record">
        <Alert type="success" slim>
          <p className="usa-alert__text">Your account is linked to your customer record.</p>
        </Alert>
        <p className="margin-top-3">
          <Link to="/portal/cases" className="usa-button">
            Go to my cases
          </Link>
        </p>
      </Page>
    );

  const linked = async () => {
    await refresh();
    notify('success', 'Your account is linked to your customer record.');
    void navigate('/portal/cases');
  };

  const attempt = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const { surname, zip, ssnLast4, name } = values;
    if (!method) return void fromChecks({ method: 'Choose how to link your record.' });
    if (method === 'new') {
      if (!fromChecks(present({ name: required(name, 'Enter your full name.') }))) return;
      return void attempt(async () => {
        await portalApi.linkAsNew(name.trim());
        await linked();
      });
    }
    const checks = present({
      surname: required(surname, 'Enter your surname.'),
      zip: /^\d{5}(-?\d{4})?$/.test(zip.trim()) ? undefined : 'Enter a ZIP Code of 5 digits, or ZIP+4.',
      ssnLast4:
        method === 'knowledge' && !/^\d{4}$/.test(ssnLast4) ? 'Enter the last four digits of your Social Security number.' : undefined,
    });
    if (!fromChecks(checks)) return;
    if (method === 'knowledge')
      return void attempt(async () => {
        await portalApi.linkByKnowledge(surname.trim(), zip.trim(), ssnLast4);
        await linked();
      });
    void attempt(async () => {
      const [s, z] = [surname.trim(), zip.trim()];
      if (method === 'letter') setSent({ by: 'letter', expiresAt: (await portalApi.mailLinkCode(s, z)).expiresAt });
      else if (method === 'phone') setSent({ by: 'phone', to: (await portalApi.textLinkCode(s, z)).sentTo });
      else setSent({ by: 'email', to: (await portalApi.sendLinkCode(s, z)).sentTo });
      clear();
    });
  };

  const confirm = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy || !fromChecks(present({ code: checkCode(values.code) }))) return;
    void attempt(async () => {
      await portalApi.confirmLinkCode(values.code);
      await linked();
    });
  };

  if (sent !== null)
    return (
      <Page key="code" title={sent.by === 'letter' ? 'Enter the code from our letter' : 'Enter the code we sent'} focusOnMount>
        {sent.by === 'letter' && sent.expiresAt === null ? (
          <p className="usa-intro">Enter the code from the letter we mailed to the address on your record.</p>
        ) : sent.by === 'letter' ? (
          <p className="usa-intro">
            We will mail a letter with a code to the address on your record. It usually arrives within a week; the code works until{' '}
            <strong>{new Date(sent.expiresAt!).toLocaleDateString('en-US', { dateStyle: 'long' })}</strong>. Sign in again when it arrives
            and come back to this page.
          </p>
        ) : (
          <p className="usa-intro">
            We sent a code to <strong className="caseline-mono">{sent.to}</strong>, the{' '}
            {sent.by === 'phone' ? 'mobile phone number' : 'e-mail address'} on your record.
          </p>
        )}
        <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your record was not linked" />
        <Form onSubmit={confirm} noValidate large>
          <PortalCodeField
            id={ids.code}
            label={labels.code}
            hint={`The 6 digits from the ${sent.by === 'phone' ? 'text message' : sent.by === 'letter' ? 'letter' : 'e-mail'}.`}
            value={values.code}
            onChange={set('code')}
            error={errors.fields.code}
          />
          <div className="caseline-actions margin-top-3">
            <Button type="submit" disabled={busy}>
              Link my record
            </Button>
            <Button
              type="button"
              unstyled
              onClick={() => {
                setSent(null);
                clear();
              }}
            >
              Choose another way
            </Button>
          </div>
        </Form>
      </Page>
    );

  return (
    <Page key="choose" title="Link your customer record">
      <p className="usa-intro">
        Before we show you any case, we need to know which of our customer records is yours. This keeps your cases, and everyone else’s,
        private.
      </p>
      <p>
        You do this once. For your security, the number of attempts is limited: after a few wrong tries, linking is locked until tomorrow.
      </p>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your record was not linked" />
      <Form onSubmit={submit} noValidate large className="maxw-tablet-lg">
        <RadioGroup
          id={ids.method}
          name="link-method"
          legend="How do you want to link your record?"
          options={methods}
          value={method}
          onChange={(value) => {
            setMethod(value);
            clear();
          }}
          error={errors.fields.method}
        />
        {method !== undefined && method !== 'new' && (
          <>
            <TextField
              id={ids.surname}
              label={labels.surname}
              value={values.surname}
              onChange={set('surname')}
              error={errors.fields.surname}
              autoComplete="family-name"
              maxLength={100}
              aria-required
            />
            <TextField
              id={ids.zip}
              label={labels.zip}
              hint="Of the mailing address we have for you."
              value={values.zip}
              onChange={set('zip')}
              error={errors.fields.zip}
              autoComplete="postal-code"
              inputMode="numeric"
              maxLength={10}
              className="usa-input--medium"
              aria-required
            />
          </>
        )}
        {method === 'knowledge' && (
          <TextField
            id={ids.ssnLast4}
            label={labels.ssnLast4}
            value={values.ssnLast4}
            onChange={set('ssnLast4')}
            error={errors.fields.ssnLast4}
            autoComplete="off"
            inputMode="numeric"
            maxLength={4}
            className="caseline-code-field"
            aria-required
          />
        )}
        {method === 'email' && (
          <p className="usa-hint margin-top-2">
            We will send a code to the e-mail address on that record, which may not be this account’s.
          </p>
        )}
        {method === 'phone' && (
          <p className="usa-hint margin-top-2">We will text a code to the mobile phone number on that record. Message rates may apply.</p>
        )}
        {method === 'letter' && (
          <p className="usa-hint margin-top-2">
            We will mail a code to the address on that record. It is the slowest way, and the safest: only someone who receives mail there
            can use it.
          </p>
        )}
        {method === 'new' && (
          <TextField
            id={ids.name}
            label={labels.name}
            hint="We start a customer record with your name and this account’s e-mail address."
            value={values.name}
            onChange={set('name')}
            error={errors.fields.name}
            autoComplete="name"
            maxLength={200}
            aria-required
          />
        )}
        <Button type="submit" disabled={busy} className="margin-top-3">
          {method === 'email' || method === 'phone'
            ? 'Send me a code'
            : method === 'letter'
              ? 'Mail me a code'
              : method === 'new'
                ? 'Start my record'
                : 'Link my record'}
        </Button>
      </Form>
      <p className="margin-top-4">
        <Button
          type="button"
          unstyled
          onClick={() => {
            setSent({ by: 'letter', expiresAt: null });
            clear();
          }}
        >
          I have a code from your letter
        </Button>
      </p>
    </Page>
  );
}
