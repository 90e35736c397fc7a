import { useState, type FormEvent } from 'react';
import { Button, Checkbox, Form } from '@trussworks/react-uswds';
import { updateUser, type BusinessArea, type StaffUser, type StaffUserChange } from '../api/admin.ts';
import type { StaffRole } from '../api/roles.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { RoleAndAreaFields, areaFieldId, roleFieldId } from './RoleAndAreaFields.tsx';

const labels = { displayName: 'Display name', roles: 'Roles', businessAreas: 'Business areas', disabled: 'Account disabled' };
const ids = { displayName: 'user-display-name', roles: roleFieldId, businessAreas: areaFieldId, disabled: 'user-disabled' };

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export function EditUserForm({
  user,
  areas,
  onSaved,
}: {
  readonly user: StaffUser;
  readonly areas: readonly BusinessArea[];
  readonly onSaved: (user: StaffUser) => void;
}) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [roles, setRoles] = useState<string[]>([...user.roles]);
  const [businessAreas, setBusinessAreas] = useState<string[]>([...user.businessAreas]);
  const [disabled, setDisabled] = useState(user.disabled);
  const [busy, setBusy] = useState(false);
  const [unchanged, setUnchanged] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setUnchanged(false);
    const checks: Record<string, string> = {};
    if (!displayName.trim()) checks.displayName = 'Enter the name shown in the console.';
    if (!fromChecks(checks)) return;
    const change: { -readonly [K in keyof StaffUserChange]: StaffUserChange[K] } = {};
    if (displayName.trim() !== user.displayName) change.displayName = displayName.trim();
    if (!same(roles, user.roles)) change.roles = roles as StaffRole[];
    if (!same(businessAreas, user.businessAreas)) change.businessAreas = businessAreas;
    if (disabled !== user.disabled) change.disabled = disabled;
    if (Object.keys(change).length === 0) {
      setUnchanged(true);
      return;
    }
    setBusy(true);
    try {
      onSaved(await updateUser(user.id, change));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate large>
        <TextField
          id={ids.displayName}
          label={labels.displayName}
          value={displayName}
          onChange={setDisplayName}
          error={errors.fields.displayName}
          autoComplete="off"
          aria-required
        />
        <RoleAndAreaFields
          roles={roles}
          onRoles={setRoles}
          areas={businessAreas}
          onAreas={setBusinessAreas}
          allAreas={areas}
          errors={errors.fields}
        />
        <Checkbox
          id={ids.disabled}
          name="disabled"
          label={labels.disabled}
          labelDescription="A disabled account cannot sign in, and its API tokens stop working."
          checked={disabled}
          onChange={(e) => setDisabled(e.target.checked)}
          className="margin-top-3"
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          Save changes
        </Button>
        {unchanged && (
          <p role="status" className="margin-top-1">
            Nothing was changed.
          </p>
        )}
      </Form>
    </>
  );
}
