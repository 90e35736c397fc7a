import { useState, type FormEvent } from 'react';
import { Button, ButtonGroup, Fieldset, Form, FormGroup } from '@trussworks/react-uswds';
import { ApiError } from '../api/problem.ts';
import { placeHold, type LegalHold, type NoticeRules } from '../api/retention.ts';
import { useSession } from '../auth/useSession.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { startOfAgencyDay } from './retentionText.ts';

const labels = {
  scope: 'What the hold keeps',
  recordType: 'Record type',
  caseId: 'Case ID',
  subjectId: 'Data subject ID',
  businessArea: 'Business area',
  createdFrom: 'Created on or after',
  createdTo: 'Created before',
  reason: 'Reason',
  owner: 'Owner',
  reviewOn: 'Review on',
};
const ids = {
  scope: 'hold-scope',
  recordType: 'hold-record-type',
  caseId: 'hold-case',
  subjectId: 'hold-subject',
  businessArea: 'hold-area',
  createdFrom: 'hold-created-from',
  createdTo: 'hold-created-to',
  reason: 'hold-reason',
  owner: 'hold-owner',
  reviewOn: 'hold-review',
};
const scopeMessage = 'must name at least one criterion: a record type, a case, a data subject, a business area or creation dates';

/**
 * The server names a scope criterion '/body/scope/caseId': shown next to the Case ID field,
 * as '/body/caseId' would be. An empty scope is explained in the form's words.
 */
function placedByField(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  return new ApiError({
    ...error.problem,
    errors: error.problem.errors.map((e) =>
      e.field === '/body/scope' ? { ...e, message: scopeMessage } : { ...e, field: e.field.replace(/^\/body\/scope\//, '/body/') },
    ),
  });
}

/** Place a legal hold (POST /api/retention/holds); every message, the browser's or the server's, shows next to its field. */
export function HoldForm({
  rules,
  onPlaced,
  onCancel,
}: {
  readonly rules: readonly NoticeRules[];
  readonly onPlaced: (hold: LegalHold) => void;
  readonly onCancel: () => void;
}) {
  const session = useSession();
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [recordType, setRecordType] = useState('');
  const [caseId, setCaseId] = useState('');
  const [subjectId, setSubjectId] = useState('');
  const [businessArea, setBusinessArea] = useState('');
  const [createdFrom, setCreatedFrom] = useState('');
  const [createdTo, setCreatedTo] = useState('');
  const [reason, setReason] = useState('');
  const [owner, setOwner] = useState('');
  const [reviewOn, setReviewOn] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (![recordType, caseId, subjectId, businessArea, createdFrom, createdTo].some((v) => v.trim()))
      checks.scope = `${labels.scope} ${scopeMessage}.`;
    if (reason.trim().length < 3) checks.reason = 'Enter the reason for the hold: the matter, request or audit (at least 3 characters).';
    if (!owner.trim()) checks.owner = 'Enter the owner: the office or person who answers for the hold.';
    if (!reviewOn) checks.reviewOn = 'Enter the date on which the need for the hold is reviewed.';
    if (!fromChecks(checks)) return;
    setBusy(true);
    try {
      onPlaced(
        await placeHold({
          scope: {
            ...(recordType ? { recordType } : {}),
            ...(caseId.trim() ? { caseId: caseId.trim() } : {}),
            ...(subjectId.trim() ? { subjectId: subjectId.trim() } : {}),
            ...(businessArea.trim() ? { businessArea: businessArea.trim() } : {}),
            ...(createdFrom ? { createdFrom: startOfAgencyDay(createdFrom, session.timeZone) } : {}),
            ...(createdTo ? { createdTo: startOfAgencyDay(createdTo, session.timeZone) } : {}),
          },
          reason: reason.trim(),
          owner: owner.trim(),
          reviewOn,
        }),
      );
    } catch (error) {
      fromError(placedByField(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The hold was not placed" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet-lg" data-testid="hold-form">
        <FormGroup error={Boolean(errors.fields.scope)}>
          <Fieldset
            legend={labels.scope}
            id={ids.scope}
            aria-describedby={`${ids.scope}-hint${errors.fields.scope ? ` ${ids.scope}-error` : ''}`}
          >
            <div className="usa-hint" id={`${ids.scope}-hint`}>
              Fill in at least one. A record is kept when it matches every criterion filled in.
            </div>
            {errors.fields.scope && (
              <span className="usa-error-message" id={`${ids.scope}-error`}>
                {errors.fields.scope}
              </span>
            )}
            <SelectField
              id={ids.recordType}
              label={labels.recordType}
              value={recordType}
              onChange={setRecordType}
              options={[
                { value: '', label: 'Any record type' },
                ...rules.flatMap((notice) =>
                  notice.recordTypes.map((type) => ({ value: type.id, label: `${notice.designation}: ${type.name}` })),
                ),
              ]}
              error={errors.fields.recordType}
            />
            <TextField
              id={ids.caseId}
              label={labels.caseId}
              hint="The case’s ID, as at the end of its page’s address (…/cases/ID)."
              value={caseId}
              onChange={setCaseId}
              error={errors.fields.caseId}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              id={ids.subjectId}
              label={labels.subjectId}
              hint="Keeps every record of one person or organisation."
              value={subjectId}
              onChange={setSubjectId}
              error={errors.fields.subjectId}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField
              id={ids.businessArea}
              label={labels.businessArea}
              value={businessArea}
              onChange={setBusinessArea}
              error={errors.fields.businessArea}
              autoComplete="off"
            />
            <div className="grid-row grid-gap-2">
              <div className="grid-col-auto">
                <TextField
                  id={ids.createdFrom}
                  label={labels.createdFrom}
                  type="date"
                  value={createdFrom}
                  onChange={setCreatedFrom}
                  error={errors.fields.createdFrom}
                />
              </div>
              <div className="grid-col-auto">
                <TextField
                  id={ids.createdTo}
                  label={labels.createdTo}
                  type="date"
                  value={createdTo}
                  onChange={setCreatedTo}
                  error={errors.fields.createdTo}
                />
              </div>
            </div>
          </Fieldset>
        </FormGroup>
        <TextAreaField
          id={ids.reason}
          label={labels.reason}
          hint="The matter, request or audit that needs the records kept: a case caption, a FOIA request number."
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          rows={3}
          maxLength={500}
          aria-required
        />
        <TextField
          id={ids.owner}
          label={labels.owner}
          hint="The office or person who answers for the hold and decides when it ends."
          value={owner}
          onChange={setOwner}
          error={errors.fields.owner}
          maxLength={200}
          aria-required
        />
        <div className="grid-row">
          <div className="grid-col-auto">
            <TextField
              id={ids.reviewOn}
              label={labels.reviewOn}
              hint="When the need for the hold is looked at again."
              type="date"
              value={reviewOn}
              onChange={setReviewOn}
              error={errors.fields.reviewOn}
              aria-required
            />
          </div>
        </div>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            Place hold
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}
