import { useState, type FormEvent } from 'react';
import { Button, Form, Grid } from '@trussworks/react-uswds';
import { auditActions, type AuditFilter } from '../api/audit.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import type { FormErrors } from '../forms/useFormErrors.ts';
import { fromLocalInput, toLocalInput, uuidPattern } from './auditQuery.ts';

export const auditFieldLabels = {
  actor: 'Actor',
  subject: 'Data subject',
  recordType: 'Record type',
  recordId: 'Record id',
  action: 'Action',
  from: 'From',
  to: 'To',
};
export const auditFieldIds = {
  actor: 'audit-actor',
  subject: 'audit-subject',
  recordType: 'audit-record-type',
  recordId: 'audit-record-id',
  action: 'audit-action',
  from: 'audit-from',
  to: 'audit-to',
};

interface Props {
  readonly initial: AuditFilter;
  readonly errors: FormErrors;
  readonly onSearch: (filter: AuditFilter) => void;
  readonly onInvalid: (fields: Record<string, string>) => void;
  readonly onClear: () => void;
}

export function AuditFilterForm({ initial, errors, onSearch, onInvalid, onClear }: Props) {
  const [actor, setActor] = useState(initial.actor ?? '');
  const [subject, setSubject] = useState(initial.subject ?? '');
  const [recordType, setRecordType] = useState(initial.recordType ?? '');
  const [recordId, setRecordId] = useState(initial.recordId ?? '');
  const [action, setAction] = useState<string>(initial.action ?? '');
  const [from, setFrom] = useState(toLocalInput(initial.from));
  const [to, setTo] = useState(toLocalInput(initial.to));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (subject.trim() && !uuidPattern.test(subject.trim()))
      checks.subject = 'Data subject must be a subject id (a UUID), such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.';
    const fromIso = fromLocalInput(from);
    const toIso = fromLocalInput(to);
    if (from && !fromIso) checks.from = 'Enter a valid date and time.';
    if (to && !toIso) checks.to = 'Enter a valid date and time.';
    if (fromIso && toIso && fromIso >= toIso) checks.to = 'To must be later than From.';
    if (Object.keys(checks).length) {
      onInvalid(checks);
      return;
    }
    const filter: Record<string, string | undefined> = {
      actor: actor.trim() || undefined,
      subject: subject.trim().toLowerCase() || undefined,
      recordType: recordType.trim() || undefined,
      recordId: recordId.trim() || undefined,
      action: action || undefined,
      from: fromIso,
      to: toIso,
    };
    onSearch(Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AuditFilter);
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={auditFieldIds} />
      <Form onSubmit={submit} noValidate large className="maxw-full">
        <Grid row gap>
          <Grid tablet={{ col: 6 }} desktop={{ col: 4 }}>
            <TextField
              id={auditFieldIds.actor}
              label={auditFieldLabels.actor}
              hint="The id of the user, token or job that acted."
              value={actor}
              onChange={setActor}
              error={errors.fields.actor}
              autoComplete="off"
              spellCheck={false}
            />
          </Grid>
          <Grid tablet={{ col: 6 }} desktop={{ col: 4 }}>
            <TextField
              id={auditFieldIds.subject}
              label={auditFieldLabels.subject}
              hint="The id (UUID) of the person whose data was touched."
              value={subject}
              onChange={setSubject}
              error={errors.fields.subject}
              autoComplete="off"
              spellCheck={false}
            />
          </Grid>
          <Grid tablet={{ col: 6 }} desktop={{ col: 4 }}>
            <SelectField
              id={auditFieldIds.action}
              label={auditFieldLabels.action}
              hint="What was done."
              value={action}
              onChange={setAction}
              options={[{ value: '', label: 'Any action' }, ...auditActions.map((a) => ({ value: a, label: a.replace(/_/g, ' ') }))]}
              error={errors.fields.action}
            />
          </Grid>
          <Grid tablet={{ col: 6 }} desktop={{ col: 3 }}>
            <TextField
              id={auditFieldIds.recordType}
              label={auditFieldLabels.recordType}
              hint="Such as usps-880/customer or staff_user."
              value={recordType}
              onChange={setRecordType}
              error={errors.fields.recordType}
              autoComplete="off"
              spellCheck={false}
            />
          </Grid>
          <Grid tablet={{ col: 6 }} desktop={{ col: 3 }}>
            <TextField
              id={auditFieldIds.recordId}
              label={auditFieldLabels.recordId}
              hint="The id of the record."
              value={recordId}
              onChange={setRecordId}
              error={errors.fields.recordId}
              autoComplete="off"
              spellCheck={false}
            />
          </Grid>
          <Grid tablet={{ col: 6 }} desktop={{ col: 3 }}>
            <TextField
              id={auditFieldIds.from}
              label={auditFieldLabels.from}
              hint="Your local time."
              type="datetime-local"
              value={from}
              onChange={setFrom}
              error={errors.fields.from}
            />
          </Grid>
          <Grid tablet={{ col: 6 }} desktop={{ col: 3 }}>
            <TextField
              id={auditFieldIds.to}
              label={auditFieldLabels.to}
              hint="Your local time."
              type="datetime-local"
              value={to}
              onChange={setTo}
              error={errors.fields.to}
            />
          </Grid>
        </Grid>
        <div className="caseline-actions margin-top-3">
          <Button type="submit">Search the audit log</Button>
          <Button type="button" outline onClick={onClear}>
            Clear filters
          </Button>
        </div>
      </Form>
    </>
  );
}
