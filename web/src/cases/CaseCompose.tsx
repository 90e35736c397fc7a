import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import { addCaseNote, changeCaseStatus, classifyCase, recordCaseReply, statusTransitions, type CaseStatus } from '../api/cases.ts';
import type { MacroActions, MacroPreview } from '../api/macros.ts';
import { problemMessage } from '../api/problem.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { statusLabels } from './caseText.ts';
import { macroActionParts, MacroPicker } from './MacroPicker.tsx';

type Mode = 'reply' | 'note';
const noErrors: FormErrors = { fields: {} };
const replyLabels = { to: 'To', body: 'Reply' };
const noteLabels = { body: 'Note' };

interface Props {
  readonly caseId: string;
  /** Where a reply goes unless the agent changes it: the customer's or sender's e-mail address. */
  readonly defaultTo: string;
  readonly onDone: () => void;
  /** The case's status now: whether a macro's status change can follow the reply. */
  readonly status?: CaseStatus;
}

interface UsedMacro {
  readonly name: string;
  readonly actions: MacroActions;
}

/** Whether the macro's status can follow the reply (a reply moves a new case to open); the reason when not. */
function statusMove(current: CaseStatus | undefined, actions: MacroActions): { ok: boolean; why?: string } | null {
  if (!actions.status || !current) return null;
  const after: CaseStatus = current === 'new' ? 'open' : current;
  if (after === actions.status) return { ok: false, why: `The case will already be ${statusLabels[after].toLowerCase()}.` };
  if (!statusTransitions[after].includes(actions.status))
    return {
      ok: false,
      why: `A case that is ${statusLabels[after].toLowerCase()} cannot become ${statusLabels[actions.status].toLowerCase()}.`,
    };
  return { ok: true };
}

/** Reply to the customer (POST …/replies: recorded in the case) or add an internal note (POST …/notes). */
export function CaseCompose({ caseId, defaultTo, onDone, status }: Props) {
  const { notify } = useNotifications();
  const [mode, setMode] = useState<Mode>('reply');
  // The customer's address arrives after the case: shown until the agent types their own recipients.
  const [typedTo, setTypedTo] = useState<string | null>(null);
  const to = typedTo ?? defaultTo;
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [macro, setMacro] = useState<UsedMacro | null>(null);
  const [applyStatus, setApplyStatus] = useState(true);
  const [applyClassification, setApplyClassification] = useState(true);
  const move = macro ? statusMove(status, macro.actions) : null;

  const fillFromMacro = (name: string, preview: MacroPreview) => {
    setBody(preview.body);
    setMacro({ name, actions: preview.actions });
    setApplyStatus(true);
    setApplyClassification(true);
    setErrors(noErrors);
    document.getElementById('case-reply-body')?.focus();
  };
  const ids = { to: 'case-reply-to', body: mode === 'reply' ? 'case-reply-body' : 'case-note-body' };

  const choose = (next: Mode) => {
    setMode(next);
    setErrors(noErrors);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!body.trim()) {
      setErrors({ fields: { body: mode === 'reply' ? 'Enter the reply.' : 'Enter the note.' } });
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      if (mode === 'reply') {
        const recipients = to
          .split(/[,;\s]+/)
          .map((t) => t.trim())
          .filter(Boolean);
        await recordCaseReply(caseId, recipients, body.trim());
        notify('success', 'Reply recorded.');
        const { priority, tags } = macro?.actions ?? {};
        if ((priority || tags?.length) && applyClassification) {
          try {
            await classifyCase(caseId, { ...(priority ? { priority } : {}), ...(tags?.length ? { addTags: tags } : {}) });
            notify('success', 'Priority and tags applied.');
          } catch (failure) {
            notify('error', `The reply was recorded, but the priority and tags did not change: ${problemMessage(failure)}`);
          }
        }
        const next = macro?.actions.status;
        if (next && move?.ok && applyStatus) {
          try {
            await changeCaseStatus(caseId, {
              status: next,
              ...(macro.actions.resolutionCode ? { resolutionCode: macro.actions.resolutionCode } : {}),
            });
            notify('success', `Status changed to ${statusLabels[next].toLowerCase()}.`);
          } catch (failure) {
            notify('error', `The reply was recorded, but the status did not change: ${problemMessage(failure)}`);
          }
        }
        setMacro(null);
      } else {
        await addCaseNote(caseId, body.trim());
        notify('success', 'Note added.');
      }
      setBody('');
      onDone();
    } catch (error) {
      setErrors(formErrorsOf(error, mode === 'reply' ? replyLabels : noteLabels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ButtonGroup type="segmented" className="margin-bottom-2">
        <Button type="button" outline={mode !== 'reply'} aria-pressed={mode === 'reply'} onClick={() => choose('reply')}>
          Reply to the customer
        </Button>
        <Button type="button" outline={mode !== 'note'} aria-pressed={mode === 'note'} onClick={() => choose('note')}>
          Internal note
        </Button>
      </ButtonGroup>
      <ErrorSummary errors={errors} fieldIds={ids} heading={mode === 'reply' ? 'The reply was not recorded' : 'The note was not added'} />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full">
        {mode === 'reply' ? (
          <>
            <MacroPicker caseId={caseId} onPreview={fillFromMacro} />
            <TextField
              id={ids.to}
              label="To"
              hint="E-mail addresses, separated by commas. Leave empty for a reply given by phone or in person."
              value={to}
              onChange={setTypedTo}
              error={errors.fields.to}
              autoComplete="off"
            />
            <TextAreaField
              id={ids.body}
              label="Reply"
              hint="Recorded in the case as the answer given to the customer."
              value={body}
              onChange={setBody}
              error={errors.fields.body}
              rows={6}
            />
            {macro && (
              <div
                className="caseline-macro-actions margin-top-2"
                data-testid="macro-actions"
                role="group"
                aria-labelledby="macro-actions-heading"
              >
                <p id="macro-actions-heading" className="margin-y-05 text-bold">
                  Macro “{macro.name}” used
                </p>
                {macroActionParts(macro.actions).length === 0 ? (
                  <p className="margin-y-05">It suggests no change to the case.</p>
                ) : (
                  <>
                    <p className="margin-y-05">It suggests: {macroActionParts(macro.actions).join(' · ')}.</p>
                    {(macro.actions.priority || macro.actions.tags?.length) && (
                      <div className="usa-checkbox">
                        <input
                          className="usa-checkbox__input"
                          id="case-reply-apply-classification"
                          type="checkbox"
                          checked={applyClassification}
                          onChange={(event) => setApplyClassification(event.target.checked)}
                        />
                        <label className="usa-checkbox__label" htmlFor="case-reply-apply-classification">
                          Apply the priority and tags after recording the reply
                        </label>
                      </div>
                    )}
                  </>
                )}
                {move && (
                  <div className="usa-checkbox">
                    <input
                      className="usa-checkbox__input"
                      id="case-reply-apply-status"
                      type="checkbox"
                      checked={move.ok && applyStatus}
                      disabled={!move.ok}
                      onChange={(event) => setApplyStatus(event.target.checked)}
                      aria-describedby={move.why ? 'case-reply-apply-status-why' : undefined}
                    />
                    <label className="usa-checkbox__label" htmlFor="case-reply-apply-status">
                      Apply the status change ({statusLabels[macro.actions.status!].toLowerCase()}) after recording the reply
                    </label>
                    {move.why && (
                      <span className="usa-hint display-block" id="case-reply-apply-status-why">
                        {move.why}
                      </span>
                    )}
                  </div>
                )}
              </div>
            )}
          </>
        ) : (
          <TextAreaField
            id={ids.body}
            label="Note"
            hint="For staff only: never sent to the customer."
            value={body}
            onChange={setBody}
            error={errors.fields.body}
            rows={4}
          />
        )}
        <Button type="submit" disabled={busy} className="margin-top-2">
          {mode === 'reply' ? 'Record reply' : 'Add note'}
        </Button>
      </Form>
    </>
  );
}
