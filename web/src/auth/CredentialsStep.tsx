import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { login, type SessionStage } from '../api/auth.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { SsoButton } from './SsoButton.tsx';

const labels = { username: 'Username', password: 'Password' };
const ids = { username: 'username', password: 'password' };

/** Username and password. A failure never says which of the two was wrong: the API's detail is shown as is. */
export function CredentialsStep({
  onStage,
  focus,
  notice,
}: {
  readonly onStage: (stage: SessionStage) => void;
  readonly focus: boolean;
  readonly notice?: ReactNode;
}) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!username.trim()) checks.username = 'Enter your username.';
    if (!password) checks.password = 'Enter your password.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const result = await login(username.trim(), password);
      setPassword('');
      onStage(result.stage);
    } catch (error) {
      setPassword('');
      fromError(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Sign in" focusOnMount={focus}>
      {notice}
      <p className="usa-intro">Sign in with your Caseline username and password.</p>
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-mobile-lg">
        <TextField
          id={ids.username}
          label={labels.username}
          value={username}
          onChange={setUsername}
          error={errors.fields.username}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-required
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
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </Form>
      <SsoButton />
    </Page>
  );
}
