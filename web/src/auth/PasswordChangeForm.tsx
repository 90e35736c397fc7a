import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { changePassword, type SessionStage } from '../api/auth.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';

export const minPasswordLength = 12;
const labels = { currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'Confirm new password' };
const ids = { currentPassword: 'current-password', newPassword: 'new-password', confirmPassword: 'confirm-password' };

export interface PasswordChangeFormProps {
  readonly onChanged: (stage: SessionStage) => void;
  /** Called instead of showing the error when the caller handles it (a lost sign-in). */
  readonly onFailure?: (error: unknown) => boolean;
  readonly currentHint?: ReactNode;
  readonly submitLabel?: string;
  readonly children?: ReactNode;
}

/** POST /api/auth/password: at first sign-in (a one-time password) and from the account menu. */
export function PasswordChangeForm({
  onChanged,
  onFailure,
  currentHint,
  submitLabel = 'Change password',
  children,
}: PasswordChangeFormProps) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [show, setShow] = useState(false);
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!current) checks.currentPassword = 'Enter your current password.';
    if ([...next].length < minPasswordLength) checks.newPassword = `New password must be at least ${minPasswordLength} characters.`;
    else if (next === current) checks.newPassword = 'New password must be different from the current one.';
    if (!checks.newPassword && confirm !== next) checks.confirmPassword = 'The new passwords do not match. Type the same password twice.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const { stage } = await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setBusy(false);
      onChanged(stage);
    } catch (error) {
      setBusy(false);
      if (onFailure?.(error)) return;
      fromError(error);
    }
  };

  const type = show ? 'text' : 'password';
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate>
        {children}
        <TextField
          id={ids.currentPassword}
          label={labels.currentPassword}
          hint={currentHint}
          type={type}
          value={current}
          onChange={setCurrent}
          error={errors.fields.currentPassword}
          autoComplete="current-password"
          aria-required
        />
        <TextField
          id={ids.newPassword}
          label={labels.newPassword}
          hint={`At least ${minPasswordLength} characters, without your username. A passphrase of several words is easiest to remember.`}
          type={type}
          value={next}
          onChange={setNext}
          error={errors.fields.newPassword}
          autoComplete="new-password"
          aria-required
        />
        <TextField
          id={ids.confirmPassword}
          label={labels.confirmPassword}
          type={type}
          value={confirm}
          onChange={setConfirm}
          error={errors.fields.confirmPassword}
          autoComplete="new-password"
          aria-required
        />
        <Checkbox
          id="show-passwords"
          name="show-passwords"
          label="Show passwords"
          checked={show}
          onChange={(e) => setShow(e.target.checked)}
          className="margin-top-2"
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          {submitLabel}
        </Button>
      </Form>
    </>
  );
}
