import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { createUser, listBusinessAreas, usernamePattern } from '../api/admin.ts';
import type { StaffRole } from '../api/roles.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { generatePassword } from './generatePassword.ts';
import { RoleAndAreaFields, areaFieldId, roleFieldId } from './RoleAndAreaFields.tsx';

const labels = {
  username: 'Username',
  displayName: 'Display name',
  password: 'One-time password',
  roles: 'Roles',
  businessAreas: 'Business areas',
};
const ids = {
  username: 'user-username',
  displayName: 'user-display-name',
  password: 'user-password',
  roles: roleFieldId,
  businessAreas: areaFieldId,
};

export function CreateUserPage() {
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const areas = useLoad(listBusinessAreas, []);
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [roles, setRoles] = useState<string[]>([]);
  const [businessAreas, setBusinessAreas] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!usernamePattern.test(username))
      checks.username = 'Username must be 2 to 63 lower-case letters, digits, dots, dashes or underscores, starting with a letter.';
    if (!displayName.trim()) checks.displayName = 'Enter the name shown in the console.';
    if ([...password].length < 12) checks.password = 'One-time password must be at least 12 characters.';
    if (roles.length === 0) checks.roles = 'Choose at least one role.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      const user = await createUser({ username, displayName: displayName.trim(), password, roles: roles as StaffRole[], businessAreas });
      notify('success', `User ${user.username} was created. Give them the one-time password; they must change it when they first sign in.`);
      navigate('/admin/users');
    } catch (error) {
      fromError(error);
      setBusy(false);
    }
  };

  return (
    <Page title="Create user">
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate large>
        <TextField
          id={ids.username}
          label={labels.username}
          hint="Lower-case letters, digits, dot, dash or underscore, starting with a letter."
          value={username}
          onChange={(v) => setUsername(v.trim().toLowerCase())}
          error={errors.fields.username}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          aria-required
        />
        <TextField
          id={ids.displayName}
          label={labels.displayName}
          value={displayName}
          onChange={setDisplayName}
          error={errors.fields.displayName}
          autoComplete="off"
          aria-required
        />
        <TextField
          id={ids.password}
          label={labels.password}
          hint="At least 12 characters. Give it to the user by a separate channel; they must change it when they first sign in."
          type={showPassword ? 'text' : 'password'}
          value={password}
          onChange={setPassword}
          error={errors.fields.password}
          autoComplete="new-password"
          aria-required
        />
        <div className="display-flex flex-align-center flex-wrap margin-top-1">
          <Button
            type="button"
            outline
            onClick={() => {
              setPassword(generatePassword());
              setShowPassword(true);
            }}
          >
            Generate a password
          </Button>
          <Checkbox
            id="show-user-password"
            name="show-user-password"
            label="Show password"
            checked={showPassword}
            onChange={(e) => setShowPassword(e.target.checked)}
          />
        </div>
        <RoleAndAreaFields
          roles={roles}
          onRoles={setRoles}
          areas={businessAreas}
          onAreas={setBusinessAreas}
          allAreas={areas.data ?? []}
          errors={errors.fields}
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Create user
        </Button>
      </Form>
    </Page>
  );
}
