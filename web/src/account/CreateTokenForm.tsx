import { useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { heldScopes, scopeLabels, type Scope } from '../api/grants.ts';
import { createToken, type CreatedApiToken } from '../api/tokens.ts';
import { useSession } from '../auth/useSession.ts';
import { CheckboxGroup } from '../forms/CheckboxGroup.tsx';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';

const labels = { name: 'Token name', scopes: 'Scopes', expiresInDays: 'Expires in (days)' };
const ids = { name: 'token-name', scopes: 'token-scopes', expiresInDays: 'token-expires' };

export function CreateTokenForm({ onCreated }: { readonly onCreated: (created: CreatedApiToken) => void }) {
  const session = useSession();
  const available = heldScopes(session.roles);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState('90');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks, clear } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    const expiresInDays = Number(days);
    if (!name.trim()) checks.name = 'Enter a name for the token, such as the system that will use it.';
    if (scopes.length === 0) checks.scopes = 'Choose at least one scope.';
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 366)
      checks.expiresInDays = 'Enter a whole number of days from 1 to 366.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const created = await createToken({ name: name.trim(), scopes: scopes as Scope[], expiresInDays });
      setName('');
      setScopes([]);
      setDays('90');
      clear();
      onCreated(created);
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          id={ids.name}
          label={labels.name}
          value={name}
          onChange={setName}
          error={errors.fields.name}
          maxLength={100}
          aria-required
        />
        <CheckboxGroup
          id={ids.scopes}
          legend={labels.scopes}
          hint="What the token may do. It acts as you, narrowed to these scopes; you can only give scopes your roles hold."
          options={available.map((scope) => ({ value: scope, label: scopeLabels[scope], description: scope }))}
          selected={scopes}
          onChange={setScopes}
          error={errors.fields.scopes}
        />
        <TextField
          id={ids.expiresInDays}
          label={labels.expiresInDays}
          hint="From 1 to 366 days."
          type="number"
          inputMode="numeric"
          min={1}
          max={366}
          value={days}
          onChange={setDays}
          error={errors.fields.expiresInDays}
          className="maxw-card"
          aria-required
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Create token
        </Button>
      </Form>
    </>
  );
}
