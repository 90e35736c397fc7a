import { useState, type FormEvent } from 'react';
import { Button, Form, FormGroup, Label, Textarea } from '@trussworks/react-uswds';
import { areaIdPattern, saveBusinessArea, type BusinessArea } from '../api/admin.ts';
import { describedBy } from '../forms/describedBy.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';

const labels = { id: 'Identifier', name: 'Name', description: 'Description' };
const ids = { id: 'area-id', name: 'area-name', description: 'area-description' };

/** PUT /api/admin/business-areas/:id creates or renames; the identifier is fixed once made. */
export function BusinessAreaForm({
  area,
  onSaved,
}: {
  readonly area: BusinessArea | null;
  readonly onSaved: (area: BusinessArea) => void;
}) {
  const [id, setId] = useState(area?.id ?? '');
  const [name, setName] = useState(area?.name ?? '');
  const [description, setDescription] = useState(area?.description ?? '');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = useFormErrors(labels);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!areaIdPattern.test(id)) checks.id = 'Identifier must be lower-case letters, digits and dashes, starting with a letter or digit.';
    if (!name.trim()) checks.name = 'Enter a name for the business area.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      onSaved(await saveBusinessArea({ id, name: name.trim(), description: description.trim() }));
    } catch (error) {
      fromError(error);
      setBusy(false);
    }
  };

  const descriptionError = errors.fields.description;
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} />
      <Form onSubmit={(event) => void submit(event)} noValidate large>
        {area ? (
          <p>
            Identifier: <span className="caseline-mono">{area.id}</span>
          </p>
        ) : (
          <TextField
            id={ids.id}
            label={labels.id}
            hint="Stored with every record of the area, so it cannot be changed later. Lower-case letters, digits and dashes, e.g. passports."
            value={id}
            onChange={(v) => setId(v.trim().toLowerCase())}
            error={errors.fields.id}
            autoComplete="off"
            spellCheck={false}
            maxLength={63}
            aria-required
          />
        )}
        <TextField
          id={ids.name}
          label={labels.name}
          value={name}
          onChange={setName}
          error={errors.fields.name}
          maxLength={200}
          autoComplete="off"
          aria-required
        />
        <FormGroup error={Boolean(descriptionError)}>
          <Label htmlFor={ids.description} error={Boolean(descriptionError)}>
            {labels.description}
          </Label>
          <div className="usa-hint" id={`${ids.description}-hint`}>
            Optional. What the area handles, in up to 2,000 characters.
          </div>
          {descriptionError && (
            <span className="usa-error-message" id={`${ids.description}-error`}>
              {descriptionError}
            </span>
          )}
          <Textarea
            id={ids.description}
            name={ids.description}
            maxLength={2000}
            error={Boolean(descriptionError)}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            aria-describedby={describedBy(`${ids.description}-hint`, descriptionError && `${ids.description}-error`)}
          />
        </FormGroup>
        <Button type="submit" disabled={busy} className="margin-top-3">
          {area ? 'Save changes' : 'Add business area'}
        </Button>
      </Form>
    </>
  );
}
