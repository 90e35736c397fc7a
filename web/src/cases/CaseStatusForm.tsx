import { useState, type FormEvent } from 'react';
import { Button, Form } from '@trussworks/react-uswds';
import { changeCaseStatus, resolutionCodes, statusTransitions, type CaseStatus, type ResolutionCode } from '../api/cases.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { formErrorsOf, type FormErrors } from '../forms/useFormErrors.ts';
import { useNotifications } from '../frame/useNotifications.ts';
import { resolutionLabels, statusActions, statusLabels } from './caseText.ts';

const noErrors: FormErrors = { fields: {} };
const labels = { status: 'New status', resolutionCode: 'Resolution code', resolution: 'Resolution' };
const ids = { status: 'case-status', resolutionCode: 'case-resolution-code', resolution: 'case-resolution' };

/** POST /api/cases/:id/status with one of the statuses the case may move to; resolving asks for a code and the answer given. */
export function CaseStatusForm({
  caseId,
  status,
  onChanged,
}: {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly onChanged: () => void;
}) {
  const { notify } = useNotifications();
  const next = statusTransitions[status];
  const [chosen, setChosen] = useState<CaseStatus | ''>(next.includes('resolved') ? 'resolved' : (next[0] ?? ''));
  const [code, setCode] = useState<ResolutionCode | ''>('');
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!chosen) return;
    if (chosen === 'resolved') {
      const checks: Record<string, string> = {};
      if (!code) checks.resolutionCode = 'Choose the resolution code: how the case was resolved.';
      if (!resolution.trim()) checks.resolution = 'Enter the resolution: what was done or answered.';
      if (Object.keys(checks).length) {
        setErrors({ fields: checks });
        return;
      }
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      await changeCaseStatus(caseId, {
        status: chosen,
        ...(chosen === 'resolved' ? { ...(code ? { resolutionCode: code } : {}), resolution: resolution.trim() } : {}),
      });
      notify('success', `The case is now ${statusLabels[chosen].toLowerCase()}.`);
      onChanged();
    } catch (error) {
      setErrors(formErrorsOf(error, labels));
      setBusy(false);
    }
  };

  if (next.length === 0) return <p>The case cannot change status any more.</p>;
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The status was not changed" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full">
        <SelectField
          id={ids.status}
          label={labels.status}
          value={chosen}
          onChange={(value) => {
            setChosen(value as CaseStatus);
            setErrors(noErrors);
          }}
          options={next.map((s) => ({ value: s, label: statusActions[s] }))}
          error={errors.fields.status}
        />
        {chosen === 'resolved' && (
          <>
            <SelectField
              id={ids.resolutionCode}
              label={labels.resolutionCode}
              value={code}
              onChange={(value) => setCode(value as ResolutionCode | '')}
              options={[{ value: '', label: '- Select -' }, ...resolutionCodes.map((c) => ({ value: c, label: resolutionLabels[c] ?? c }))]}
              error={errors.fields.resolutionCode}
            />
            <TextAreaField
              id={ids.resolution}
              label={labels.resolution}
              hint="What was done or answered, as the record of the case."
              value={resolution}
              onChange={setResolution}
              error={errors.fields.resolution}
              rows={3}
            />
          </>
        )}
        <Button type="submit" disabled={busy} className="margin-top-2">
          {chosen === 'resolved' ? 'Resolve case' : 'Change status'}
        </Button>
      </Form>
    </>
  );
}
