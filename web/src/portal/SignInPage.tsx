import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert, Button, Form } from '@trussworks/react-uswds';
import { TextField } from '../forms/TextField.tsx';
import { Page } from '../frame/Page.tsx';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { PortalCodeField, PortalEmailField } from './PortalFields.tsx';
import { portalApi } from './portalApi.ts';
import { usePortalSession } from './PortalSessionContext.ts';
import { checkCode, checkEmail, present } from './portalText.ts';
import type { SignInState } from './RequirePortal.tsx';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { email: 'E-mail address', password: 'Password', code: 'Authentication code' };
const ids = { email: 'sign-in-email', password: 'sign-in-password', code: 'sign-in-code' };

/** /portal/sign-in: e-mail address and password, then the authenticator code when the account has one. */
export function SignInPage() {
  const [step, setStep] = useState<'password' | 'mfa'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const { status, refresh } = usePortalSession();
  const navigate = useNavigate();
  const from = (useLocation().state as SignInState | null)?.from;
  const signingIn = useRef(false);

  useEffect(() => {
    if (!signingIn.current && (status === 'linked' || status === 'unlinked')) void navigate('/portal', { replace: true });
    if (!signingIn.current && status === 'mfa') setStep('mfa');
  }, [status, navigate]);

  const finish = async () => {
    const now = await refresh();
    const home = now === 'linked' ? '/portal/cases' : '/portal/link';
    void navigate(from && now === 'linked' ? from : home, { replace: true });
  };

  const signIn = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(present({ email: checkEmail(email), password: password ? undefined : 'Enter your password.' })) || busy) return;
    setBusy(true);
    signingIn.current = true;
    try {
      const { stage } = await portalApi.signIn(email.trim(), password);
      setPassword('');
      if (stage === 'full') return await finish();
      setStep('mfa');
      setBusy(false);
    } catch (error) {
      signingIn.current = false;
      setBusy(false);
      fromError(error);
    }
  };

  const passMfa = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(present({ code: checkCode(code) })) || busy) return;
    setBusy(true);
    signingIn.current = true;
    try {
      await portalApi.mfa(code);
      await finish();
    } catch (error) {
      setBusy(false);
      setCode('');
      fromError(error);
    }
  };

  if (step === 'mfa')
    return (
      <Page key="mfa" title="Enter your authentication code" focusOnMount>
        <p className="usa-intro">Your account has an authenticator app. Open it and enter the code it shows for this portal.</p>
        <PortalErrorSummary errors={errors} fieldIds={ids} heading="You are not signed in yet" />
        <Form onSubmit={(event) => void passMfa(event)} noValidate large>
          <PortalCodeField
            id={ids.code}
            label={labels.code}
            hint="The 6-digit code shown in your authenticator app."
            value={code}
            onChange={setCode}
            error={errors.fields.code}
          />
          <Button type="submit" disabled={busy} className="margin-top-3">
            Verify
          </Button>
        </Form>
      </Page>
    );

  return (
    <Page key="password" title="Sign in">
      {from && (
        <Alert type="info" slim>
          <p className="usa-alert__text">Sign in to see that page.</p>
        </Alert>
      )}
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="You are not signed in" />
      <Form onSubmit={(event) => void signIn(event)} noValidate large>
        <PortalEmailField
          id={ids.email}
          label={labels.email}
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
          autoComplete="username"
        />
        <TextField
          id={ids.password}
          label={labels.password}
          type="password"
          value={password}
          onChange={setPassword}
          error={errors.fields.password}
          autoComplete="current-password"
          aria-required
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Sign in
        </Button>
      </Form>
      <ul className="usa-list usa-list--unstyled margin-top-4">
        <li>
          <Link to="/portal/reset" className="usa-link">
            Forgot your password?
          </Link>
        </li>
        <li className="margin-top-1">
          No account yet?{' '}
          <Link to="/portal/register" className="usa-link">
            Create an account
          </Link>
        </li>
      </ul>
    </Page>
  );
}
