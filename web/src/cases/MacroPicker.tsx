import { useState } from 'react';
import { Button, FormGroup, Label, Select } from '@trussworks/react-uswds';
import { listMacros, previewMacro, type MacroActions, type MacroPreview } from '../api/macros.ts';
import { problemMessage } from '../api/problem.ts';
import { describedBy } from '../forms/describedBy.ts';
import { useLoad } from '../util/useLoad.ts';
import { priorityLabels, resolutionLabels, statusLabels } from './caseText.ts';

/** What a macro would do besides the reply, in words: "Status: Waiting for the customer · Priority: High · Tags: refund". */
export function macroActionParts(actions: MacroActions): string[] {
  const parts: string[] = [];
  if (actions.status)
    parts.push(
      `Status: ${statusLabels[actions.status]}${actions.resolutionCode ? ` (${resolutionLabels[actions.resolutionCode] ?? actions.resolutionCode})` : ''}`,
    );
  if (actions.priority) parts.push(`Priority: ${priorityLabels[actions.priority]}`);
  if (actions.tags?.length) parts.push(`Tags: ${actions.tags.join(', ')}`);
  return parts;
}

interface Props {
  readonly caseId: string;
  /** The macro filled in for this case: its text goes in the reply box, its actions are offered. */
  readonly onPreview: (macroName: string, preview: MacroPreview) => void;
}

/** Choose a macro and fill it in for the case (POST …/macros/{id}/preview: nothing is sent or changed). */
export function MacroPicker({ caseId, onPreview }: Props) {
  const macros = useLoad(() => listMacros(), []);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = 'case-reply-macro';
  const errorId = error ? `${id}-error` : undefined;

  if (macros.error) return <p className="usa-hint">Macros could not be loaded: {problemMessage(macros.error)}</p>;
  if (!macros.data || macros.data.length === 0) return null;

  const use = async () => {
    const macro = macros.data?.find((m) => m.id === chosen);
    if (!macro) {
      setError('Choose a macro to use.');
      document.getElementById(id)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onPreview(macro.name, await previewMacro(caseId, macro.id));
    } catch (failure) {
      setError(problemMessage(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="caseline-macro-picker" data-testid="macro-picker">
      <FormGroup error={Boolean(error)} className="margin-top-0">
        <Label htmlFor={id} error={Boolean(error)}>
          Macro
        </Label>
        <div className="usa-hint" id={`${id}-hint`}>
          A prepared answer, filled in for this case. You can change the text before recording it.
        </div>
        {error && (
          <span className="usa-error-message" id={errorId} role="alert">
            {error}
          </span>
        )}
        <div className="caseline-inline-control">
          <Select
            id={id}
            name={id}
            value={chosen}
            onChange={(event) => {
              setChosen(event.target.value);
              setError(null);
            }}
            validationStatus={error ? 'error' : undefined}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy(`${id}-hint`, errorId)}
          >
            <option value="">- Choose a macro -</option>
            {macros.data.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
          <Button type="button" outline disabled={busy} onClick={() => void use()}>
            {busy ? 'Filling in…' : 'Use macro'}
          </Button>
        </div>
      </FormGroup>
    </div>
  );
}
