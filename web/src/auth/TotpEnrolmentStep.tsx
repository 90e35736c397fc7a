import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { beginTotpEnrolment, confirmTotpEnrolment, type TotpEnrolment } from '../api/auth.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { CodeField, checkCode } from './CodeField.tsx';
import type { StepProps } from './MfaStep.tsx';
import { QrCode } from './QrCode.tsx';
import { signInGone, wrongStep } from './signInErrors.ts';

const labels = { code: 'Authentication code' };

/** Groups of four, as authenticator apps show keys; the spaces are ignored when typed. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, '$1 ');

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
        <>
          <ol className="usa-process-list">
            <li className="usa-process-list__item">
              <h2 className="usa-process-list__heading">Scan the QR code</h2>
              <p>Open your authenticator app, choose to add an account, and scan this code.</p>
              <QrCode value={enrolment.uri} alt="QR code to add Caseline to your authenticator app" />
            </li>
            <li className="usa-process-list__item">
              <h2 className="usa-process-list__heading">Or enter the key yourself</h2>
              <p>If you cannot scan the code, choose to enter a key in your app, and type this one. It is a time-based key.</p>
              <label className="usa-label" htmlFor="totp-secret">
                Authenticator key
              </label>
              <input
                id="totp-secret"
                className="usa-input caseline-secret"
                type="text"
                readOnly
                value={enrolment.secret}
                spellCheck={false}
              />
              <p className="usa-hint" aria-hidden="true">
                In groups of four: <span className="caseline-mono">{grouped(enrolment.secret)}</span>
              </p>
            </li>
            <li className="usa-process-list__item">
              <h2 className="usa-process-list__heading">Enter the code it shows</h2>
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
            </li>
          </ol>
        </>
      )}
    </Page>
  );
}
