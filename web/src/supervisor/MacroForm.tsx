import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import { casePriorities, resolutionCodes, type CasePriority, type ResolutionCode } from '../api/cases.ts';
import {
  createMacro,
  macroPlaceholders,
  macroStatuses,
  updateMacro,
  type Macro,
  type MacroActions,
  type MacroInput,
  type MacroStatus,
} from '../api/macros.ts';
import { useSession } from '../auth/useSession.ts';
import { priorityLabels, resolutionLabels, statusLabels } from '../cases/caseText.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { badTagMessage, splitList } from './tagList.ts';

const labels = {
  name: 'Name',
  businessArea: 'Business area',
  body: 'Reply template',
  actions: 'Actions',
  status: 'Status after the reply',
  resolutionCode: 'Resolution code',
  priority: 'Priority',
  tags: 'Tags',
};
const ids = {
  name: 'macro-name',
  businessArea: 'macro-area',
  body: 'macro-body',
  actions: 'macro-status',
  status: 'macro-status',
  resolutionCode: 'macro-resolution',
  priority: 'macro-priority',
  tags: 'macro-tags',
};

/** Create or change a macro (POST /api/macros, PUT /api/macros/{id}); the server's 422 shows next to its field. */
export function MacroForm({
  macro,
  onSaved,
  onCancel,
}: {
  readonly macro: Macro | null;
  readonly onSaved: (saved: Macro) => void;
  readonly onCancel: () => void;
}) {
  const session = useSession();
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [name, setName] = useState(macro?.name ?? '');
  const [area, setArea] = useState(macro?.businessArea ?? '');
  const [body, setBody] = useState(macro?.body ?? '');
  const [status, setStatus] = useState<string>(macro?.actions.status ?? '');
  const [resolutionCode, setResolutionCode] = useState<string>(macro?.actions.resolutionCode ?? '');
  const [priority, setPriority] = useState<string>(macro?.actions.priority ?? '');
  const [tags, setTags] = useState((macro?.actions.tags ?? []).join(', '));
  const [busy, setBusy] = useState(false);
  const areas = [...new Set([...session.businessAreas, ...(macro?.businessArea ? [macro.businessArea] : [])])];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const tagList = splitList(tags);
    const checks: Record<string, string> = {};
    if (!name.trim()) checks.name = 'Enter a name for the macro.';
    if (!body.trim()) checks.body = 'Enter the reply template.';
    if (status === 'resolved' && !resolutionCode) checks.resolutionCode = 'Choose the resolution code: the macro resolves the case.';
    const badTag = badTagMessage(tagList);
    if (badTag) checks.tags = badTag;
    if (!fromChecks(checks)) return;
    const actions: MacroActions = {
      ...(status ? { status: status as MacroStatus } : {}),
      ...(status === 'resolved' && resolutionCode ? { resolutionCode: resolutionCode as ResolutionCode } : {}),
      ...(priority ? { priority: priority as CasePriority } : {}),
      ...(tagList.length ? { tags: tagList } : {}),
    };
    const input: MacroInput = { name: name.trim(), body, businessArea: area || null, actions };
    setBusy(true);
    try {
      onSaved(macro ? await updateMacro(macro.id, input) : await createMacro(input));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading={macro ? 'The macro was not saved' : 'The macro was not added'} />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="macro-form">
        <TextField
          id={ids.name}
          label={labels.name}
          value={name}
          onChange={setName}
          error={errors.fields.name}
          maxLength={100}
          autoComplete="off"
          aria-required
        />
        <SelectField
          id={ids.businessArea}
          label={labels.businessArea}
          hint="Who may use it: the agents of one business area, or everyone."
          value={area}
          onChange={setArea}
          options={[{ value: '', label: 'Every business area' }, ...areas.map((a) => ({ value: a, label: a }))]}
          error={errors.fields.businessArea}
        />
        <TextAreaField
          id={ids.body}
          label={labels.body}
          hint={
            <>
              The reply, with placeholders filled in for each case. Write a placeholder in double braces; braces are for placeholders only.
              <ul className="usa-list margin-y-05 caseline-placeholder-list">
                {macroPlaceholders.map((p) => (
                  <li key={p.name}>
                    <code>{`{{${p.name}}}`}</code>: {p.meaning}
                  </li>
                ))}
              </ul>
            </>
          }
          value={body}
          onChange={setBody}
          error={errors.fields.body}
          rows={8}
          aria-required
        />
        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend">What the macro suggests besides the reply</legend>
          <SelectField
            id={ids.status}
            label={labels.status}
            value={status}
            onChange={setStatus}
            options={[{ value: '', label: 'No change' }, ...macroStatuses.map((s) => ({ value: s, label: statusLabels[s] }))]}
            error={errors.fields.actions}
          />
          {status === 'resolved' && (
            <SelectField
              id={ids.resolutionCode}
              label={labels.resolutionCode}
              value={resolutionCode}
              onChange={setResolutionCode}
              options={[{ value: '', label: '- Choose -' }, ...resolutionCodes.map((c) => ({ value: c, label: resolutionLabels[c] ?? c }))]}
              error={errors.fields.resolutionCode}
            />
          )}
          <SelectField
            id={ids.priority}
            label={labels.priority}
            value={priority}
            onChange={setPriority}
            options={[{ value: '', label: 'No change' }, ...casePriorities.map((p) => ({ value: p, label: priorityLabels[p] }))]}
          />
          <TextField
            id={ids.tags}
            label={labels.tags}
            hint="Separated by commas: lower-case letters, digits and hyphens."
            value={tags}
            onChange={setTags}
            error={errors.fields.tags}
            autoComplete="off"
          />
        </fieldset>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            {macro ? 'Save macro' : 'Add macro'}
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
