import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { beginTotpEnrolment, confirmTotpEnrolment, type TotpEnrolment } from '../api/auth.ts';
import { AuthenticatorSteps } from '../forms/AuthenticatorSteps.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { CodeField, checkCode } from './CodeField.tsx';
import type { StepProps } from './MfaStep.tsx';
import { signInGone, wrongStep } from './signInErrors.ts';

const labels = { code: 'Authentication code' };

/** Enrolment in TOTP: a QR code and the same secret as text for manual entry, then a first code. */
export function TotpEnrolmentStep({ onStage, onGone, onCancel, focus, notice }: StepProps) {
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const started = useRef(-1);

  useEffect(() => {
    // Once per round: each call makes a new secret, and only the latest one will be accepted.
    if (started.current === round) return;
    started.current = round;
    setLoadError(null);
    beginTotpEnrolment().then(setEnrolment, (error: unknown) => {
      if (signInGone(error) || wrongStep(error)) onGone(error);
      else setLoadError(error);
    });
  }, [round, onGone]);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(checkCode(code))) return;
    setBusy(true);
    try {
      onStage((await confirmTotpEnrolment(code)).stage);
    } catch (error) {
      setBusy(false);
      setCode('');
      if (signInGone(error) || wrongStep(error)) onGone(error);
      else fromError(error);
    }
  };

  return (
    <Page title="Set up your authenticator app" focusOnMount={focus}>
      {notice}
      <p className="usa-intro">
        Your role can read sensitive personal data, so your account needs a second step at sign-in: a code from an authenticator app on your
        phone or computer.
      </p>
      {loadError ? (
        <LoadError what="a new authenticator key" error={loadError} onRetry={() => setRound((r) => r + 1)} />
      ) : !enrolment ? (
        <Loading label="Creating your authenticator key…" />
      ) : (
        <AuthenticatorSteps
          enrolment={enrolment}
          qrAlt="QR code to add Caseline to your authenticator app"
          secretId="totp-secret"
          heading="h2"
        >
          <ErrorSummary errors={errors} fieldIds={{ code: 'code' }} />
          <Form onSubmit={(event) => void submit(event)} noValidate>
            <CodeField value={code} onChange={setCode} error={errors.fields.code} />
            <div className="caseline-actions margin-top-3">
              <Button type="submit" disabled={busy}>
                Verify and finish
              </Button>
              <Button type="button" unstyled onClick={onCancel}>
                Cancel and start over
              </Button>
            </div>
          </Form>
        </AuthenticatorSteps>
      )}
    </Page>
  );
}
