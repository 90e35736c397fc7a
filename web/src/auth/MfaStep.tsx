import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { verifyMfa, type SessionStage } from '../api/auth.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { CodeField, checkCode } from './CodeField.tsx';
import { signInGone, wrongStep } from './signInErrors.ts';

const labels = { code: 'Authentication code' };

export interface StepProps {
  readonly onStage: (stage: SessionStage) => void;
  /** The half-finished sign-in is gone (expired, or the session moved on): start again. */
  readonly onGone: (error: unknown) => void;
  readonly onCancel: () => void;
  readonly focus: boolean;
  /** Why the user is here (shown under the heading). */
  readonly notice?: ReactNode;
}

export function MfaStep({ onStage, onGone, onCancel, focus, notice }: StepProps) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(checkCode(code))) return;
    setBusy(true);
    try {
      onStage((await verifyMfa(code)).stage);
    } catch (error) {
      setBusy(false);
      setCode('');
      if (signInGone(error) || wrongStep(error)) onGone(error);
      else fromError(error);
    }
  };

  return (
    <Page title="Enter your authentication code" focusOnMount={focus}>
      {notice}
      <p className="usa-intro">
        Your account is protected by a second step. Open your authenticator app and enter the code it shows for Caseline.
      </p>
      <ErrorSummary errors={errors} fieldIds={{ code: 'code' }} />
      <Form onSubmit={(event) => void submit(event)} noValidate>
        <CodeField value={code} onChange={setCode} error={errors.fields.code} />
        <div className="caseline-actions margin-top-3">
          <Button type="submit" disabled={busy}>
            Verify
          </Button>
          <Button type="button" unstyled onClick={onCancel}>
            Cancel and start over
          </Button>
        </div>
      </Form>
    </Page>
  );
}
