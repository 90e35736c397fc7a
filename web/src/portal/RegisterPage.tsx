import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { usePortalFormErrors } from './usePortalFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi } from './portalApi.ts';
import { usePortalSession } from './PortalSessionContext.ts';
import { PortalCodeField, PortalEmailField, PortalNewPasswordField } from './PortalFields.tsx';
import { checkCode, checkEmail, passwordMinLength, present } from './portalText.ts';

const labels = { email: 'E-mail address', password: 'Password', code: 'Code' };
const ids = { email: 'register-email', password: 'register-password', code: 'register-code' };

/** /portal/register: an e-mail address and a password, then the code we e-mailed to prove the address. */
export function RegisterPage() {
  const [step, setStep] = useState<'details' | 'code'>('details');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const { refresh } = usePortalSession();
  const { notify } = useNotifications();
  const navigate = useNavigate();

  const register = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const ok = fromChecks(
      present({
        email: checkEmail(email),
        password: [...password].length < passwordMinLength ? `Your password must be at least ${passwordMinLength} characters.` : undefined,
      }),
    );
    if (!ok || busy) return;
    setBusy(true);
    try {
      await portalApi.register(email.trim(), password);
      setPassword('');
      setStep('code');
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  const verify = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(present({ code: checkCode(code) })) || busy) return;
    setBusy(true);
    try {
      await portalApi.verify(email.trim(), code);
      await refresh();
      notify('success', 'Your account is ready and you are signed in.');
      void navigate('/portal/link');
    } catch (error) {
      setBusy(false);
      fromError(error);
    }
  };

  const resend = async () => {
    setBusy(true);
    try {
      await portalApi.resend(email.trim());
      setResent(true);
      fromChecks({});
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  if (step === 'code')
    return (
      <Page key="code" title="Enter the code we e-mailed" focusOnMount>
        <p className="usa-intro">
          If the address you gave can be used, we have sent a message to it with a 6-digit code. Check your inbox (and your spam folder).
        </p>
        {resent && (
          <Alert type="info" slim role="status">
            <p className="usa-alert__text">We sent a new code. Only the newest code works.</p>
          </Alert>
        )}
        <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your address was not confirmed" />
        <Form onSubmit={(event) => void verify(event)} noValidate large>
          <PortalCodeField
            id={ids.code}
            label={labels.code}
            hint="The 6 digits from the e-mail."
            value={code}
            onChange={setCode}
            error={errors.fields.code}
          />
          <div className="caseline-actions margin-top-3">
            <Button type="submit" disabled={busy}>
              Confirm and sign in
            </Button>
            <Button type="button" unstyled disabled={busy} onClick={() => void resend()}>
              Send a new code
            </Button>
          </div>
        </Form>
      </Page>
    );

  return (
    <Page key="details" title="Create an account">
      <p className="usa-intro">With an account you can follow your cases, read our answers and ask new questions.</p>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your account was not created" />
      <Form onSubmit={(event) => void register(event)} noValidate large>
        <PortalEmailField
          id={ids.email}
          label={labels.email}
          hint="You sign in with it, and we send codes to it."
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
          autoComplete="email"
        />
        <PortalNewPasswordField
          id={ids.password}
          label={labels.password}
          value={password}
          onChange={setPassword}
          error={errors.fields.password}
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Create account
        </Button>
      </Form>
      <p className="margin-top-4">
        Already have an account?{' '}
        <Link to="/portal/sign-in" className="usa-link">
          Sign in
        </Link>
        .
      </p>
    </Page>
  );
}
