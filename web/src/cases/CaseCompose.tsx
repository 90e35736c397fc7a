import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Form } from '@trussworks/react-uswds';
import { addCaseNote, recordCaseReply } from '../api/cases.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';

type Mode = 'reply' | 'note';
const noErrors: FormErrors = { fields: {} };
const replyLabels = { to: 'To', body: 'Reply' };
const noteLabels = { body: 'Note' };

interface Props {
  readonly caseId: string;
  /** Where a reply goes unless the agent changes it: the customer's or sender's e-mail address. */
  readonly defaultTo: string;
  readonly onDone: () => void;
}

/** Reply to the customer (POST …/replies: recorded in the case) or add an internal note (POST …/notes). */
export function CaseCompose({ caseId, defaultTo, onDone }: Props) {
  const { notify } = useNotifications();
  const [mode, setMode] = useState<Mode>('reply');
  const [to, setTo] = useState(defaultTo);
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
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
            <TextField
              id={ids.to}
              label="To"
              hint="E-mail addresses, separated by commas. Leave empty for a reply given by phone or in person."
              value={to}
              onChange={setTo}
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
