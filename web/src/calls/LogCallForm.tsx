import { useState, type FormEvent } from 'react';
import { Button, Fieldset, Form, FormGroup, Grid } from '@trussworks/react-uswds';
import { casePriorities, type CasePriority, type CaseSummary } from '../api/cases.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup, type RadioOption } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { priorityLabels } from '../cases/caseText.ts';
import { callDispositions, dispositionLabels, logCall, type CallDirection, type CallDisposition, type NewCall } from './callsApi.ts';

type CaseChoice = 'none' | 'open' | 'existing';

const labels = {
  direction: 'Direction',
  number: 'Number on the call',
  durationSeconds: 'Duration',
  disposition: 'Outcome',
  notes: 'Notes',
  openCase: 'New case',
  caseId: 'Case',
} as const;
const ids = {
  direction: 'call-direction-inbound',
  number: 'call-number',
  durationSeconds: 'call-minutes',
  disposition: 'call-disposition',
  notes: 'call-notes',
  openCase: 'call-case-title',
  caseId: 'call-case-id',
};
const directionOptions: readonly RadioOption<CallDirection>[] = [
  { value: 'inbound', label: 'Inbound (the customer called)' },
  { value: 'outbound', label: 'Outbound (we called)' },
];
const noErrors: FormErrors = { fields: {} };

export interface LogCallFormProps {
  readonly customerId: string;
  /** The caller's number from the screen-pop (router state, never the URL), if the page was opened from one. */
  readonly callerNumber?: string | null;
  /** The customer's cases still being worked, to add the call to. */
  readonly openCases: readonly CaseSummary[];
  readonly onLogged: () => void;
}

/**
 * Log a call with the customer: direction, number, duration, outcome and notes; it may
 * open a phone case or add the notes to one of the customer's open cases.
 */
export function LogCallForm({ customerId, callerNumber, openCases, onLogged }: LogCallFormProps) {
  const { notify } = useNotifications();
  const [direction, setDirection] = useState<CallDirection>('inbound');
  const [number, setNumber] = useState(callerNumber ?? '');
  const [minutes, setMinutes] = useState('');
  const [seconds, setSeconds] = useState('');
  const [disposition, setDisposition] = useState<CallDisposition>('resolved_on_call');
  const [notes, setNotes] = useState('');
  const [choice, setChoice] = useState<CaseChoice>('none');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState<CasePriority>('normal');
  const [caseId, setCaseId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const choose = (next: CaseChoice) => {
    setChoice(next);
    // The outcome follows the case choice unless the agent picks another.
    setDisposition(next === 'open' ? 'case_opened' : next === 'existing' ? 'case_updated' : 'resolved_on_call');
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    const m = minutes.trim() === '' ? 0 : Number(minutes);
    const s = seconds.trim() === '' ? 0 : Number(seconds);
    if (!Number.isInteger(m) || m < 0 || !Number.isInteger(s) || s < 0 || s > 59)
      checks.durationSeconds = 'Duration: enter whole minutes and 0 to 59 seconds.';
    if (choice === 'open' && !title.trim()) checks.openCase = 'New case: enter what the case is about.';
    if (choice === 'existing' && !caseId) checks.caseId = 'Case: choose the case the call is about.';
    if (Object.keys(checks).length > 0) {
      setErrors({ fields: checks });
      return;
    }
    const call: NewCall = {
      customerId,
      direction,
      number: number.trim() || null,
      durationSeconds: m * 60 + s,
      disposition,
      notes: notes.trim() || null,
      ...(choice === 'open' ? { openCase: { title: title.trim(), category: category.trim() || null, priority } } : {}),
      ...(choice === 'existing' ? { caseId } : {}),
    };
    setBusy(true);
    setErrors(noErrors);
    try {
      const logged = await logCall(call);
      notify('success', logged.caseNumber ? `Call logged on case ${logged.caseNumber}.` : 'Call logged.');
      setNotes('');
      setMinutes('');
      setSeconds('');
      setTitle('');
      setCategory('');
      choose('none');
      onLogged();
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The call was not logged" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet-lg" data-testid="log-call-form">
        <RadioGroup
          name="call-direction"
          legend={labels.direction}
          options={directionOptions}
          value={direction}
          onChange={setDirection}
          error={errors.fields.direction}
        />
        <TextField
          id={ids.number}
          label={labels.number}
          type="tel"
          hint="Leave empty if the number was withheld."
          value={number}
          onChange={setNumber}
          error={errors.fields.number}
          autoComplete="off"
          maxLength={40}
        />
        <FormGroup error={Boolean(errors.fields.durationSeconds)}>
          <Fieldset legend={labels.durationSeconds}>
            {errors.fields.durationSeconds && <span className="usa-error-message">{errors.fields.durationSeconds}</span>}
            <Grid row gap>
              <Grid col={6}>
                <TextField
                  id="call-minutes"
                  label="Minutes"
                  type="text"
                  inputMode="numeric"
                  value={minutes}
                  onChange={setMinutes}
                  autoComplete="off"
                  maxLength={4}
                />
              </Grid>
              <Grid col={6}>
                <TextField
                  id="call-seconds"
                  label="Seconds"
                  type="text"
                  inputMode="numeric"
                  value={seconds}
                  onChange={setSeconds}
                  autoComplete="off"
                  maxLength={2}
                />
              </Grid>
            </Grid>
          </Fieldset>
        </FormGroup>
        <RadioGroup
          name="call-case"
          legend="Case"
          options={[
            { value: 'none', label: 'No case' },
            { value: 'open', label: 'Open a new phone case' },
            { value: 'existing', label: 'Add to an open case', disabled: openCases.length === 0 },
          ]}
          value={choice}
          onChange={choose}
        />
        {choice === 'open' && (
          <>
            <TextField
              id={ids.openCase}
              label="Case title"
              hint="What the case is about, in a few words."
              value={title}
              onChange={setTitle}
              error={errors.fields.openCase}
              maxLength={300}
              autoComplete="off"
              aria-required
            />
            <Grid row gap>
              <Grid tablet={{ col: 6 }}>
                <TextField
                  id="call-case-category"
                  label="Category (optional)"
                  value={category}
                  onChange={setCategory}
                  maxLength={60}
                  autoComplete="off"
                />
              </Grid>
              <Grid tablet={{ col: 6 }}>
                <SelectField
                  id="call-case-priority"
                  label="Priority"
                  value={priority}
                  onChange={(v) => setPriority(v as CasePriority)}
                  options={casePriorities.map((p) => ({ value: p, label: priorityLabels[p] }))}
                />
              </Grid>
            </Grid>
          </>
        )}
        {choice === 'existing' && (
          <SelectField
            id={ids.caseId}
            label={labels.caseId}
            value={caseId}
            onChange={setCaseId}
            options={[{ value: '', label: '- Select -' }, ...openCases.map((c) => ({ value: c.id, label: `${c.number}: ${c.title}` }))]}
            error={errors.fields.caseId}
          />
        )}
        <SelectField
          id={ids.disposition}
          label={labels.disposition}
          value={disposition}
          onChange={(v) => setDisposition(v as CallDisposition)}
          options={callDispositions.map((d) => ({ value: d, label: dispositionLabels[d] }))}
          error={errors.fields.disposition}
        />
        <TextAreaField
          id={ids.notes}
          label={labels.notes}
          hint={choice === 'none' ? 'What was said and done.' : 'They also go into the case.'}
          value={notes}
          onChange={setNotes}
          error={errors.fields.notes}
          rows={4}
          maxLength={20000}
        />
        <Button type="submit" disabled={busy} data-testid="log-call-submit">
          {busy ? 'Logging…' : 'Log call'}
        </Button>
      </Form>
    </>
  );
}
