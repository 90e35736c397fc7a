import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { Page } from '../frame/Page.tsx';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi } from './portalApi.ts';
import { usePortalSession } from './PortalSessionContext.ts';
import { PortalCodeField, PortalEmailField, PortalNewPasswordField } from './PortalFields.tsx';
import { checkCode, checkEmail, passwordMinLength, present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { email: 'E-mail address', code: 'Code', password: 'New password' };
const ids = { email: 'reset-email', code: 'reset-code', password: 'reset-password' };

/** /portal/reset: a code to the account's address, then the code and a new password. Every session ends. */
export function ResetPage() {
  const [step, setStep] = useState<'request' | 'complete' | 'done'>('request');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const { ended } = usePortalSession();

  const request = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(present({ email: checkEmail(email) })) || busy) return;
    setBusy(true);
    try {
      await portalApi.requestReset(email.trim());
      setStep('complete');
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const complete = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = present({
      code: checkCode(code),
      password:
        [...password].length < passwordMinLength ? `Your new password must be at least ${passwordMinLength} characters.` : undefined,
    });
    if (!fromChecks(checks) || busy) return;
    setBusy(true);
    try {
      await portalApi.completeReset(email.trim(), code, password);
      ended();
      setPassword('');
      setStep('done');
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  if (step === 'done')
    return (
      <Page key="done" title="Your password is changed" focusOnMount>
        <Alert type="success" role="status">
          <h2 className="usa-alert__heading">Password changed</h2>
          <p className="usa-alert__text">For your security, you are signed out everywhere you were signed in.</p>
        </Alert>
        <p className="margin-top-3">
          <Link to="/portal/sign-in" className="usa-button">
            Sign in with your new password
          </Link>
        </p>
      </Page>
    );

  if (step === 'complete')
    return (
      <Page key="complete" title="Choose a new password" focusOnMount>
        <p className="usa-intro">
          If that address has an account, we have sent a message to it with a 6-digit code. Check your inbox (and your spam folder).
        </p>
        <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your password was not changed" />
        <Form onSubmit={(event) => void complete(event)} noValidate large>
          <PortalCodeField
            id={ids.code}
            label={labels.code}
            hint="The 6 digits from the e-mail."
            value={code}
            onChange={setCode}
            error={errors.fields.code}
          />
          <PortalNewPasswordField
            id={ids.password}
            label={labels.password}
            value={password}
            onChange={setPassword}
            error={errors.fields.password}
          />
          <Button type="submit" disabled={busy} className="margin-top-3">
            Change password
          </Button>
        </Form>
      </Page>
    );

  return (
    <Page key="request" title="Reset your password">
      <p className="usa-intro">Enter the e-mail address you sign in with. We will send you a code to choose a new password.</p>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="No code was sent" />
      <Form onSubmit={(event) => void request(event)} noValidate large>
        <PortalEmailField
          id={ids.email}
          label={labels.email}
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
          autoComplete="email"
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Send me a code
        </Button>
      </Form>
    </Page>
  );
}
