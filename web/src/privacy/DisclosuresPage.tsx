import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Button, ButtonGroup, Checkbox, Fieldset, Form, Table, Tag } from '@trussworks/react-uswds';
import {
  disclosureNatures,
  listDisclosures,
  listRoutineUses,
  recipientKinds,
  recordDisclosure,
  type Disclosure,
  type DisclosureNature,
  type RecipientKind,
  type RoutineUse,
} from '../api/disclosures.ts';
import { listRecordTypes, type RecordTypeRow } from '../api/catalog.ts';
import { ApiError } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { agencyToday, formatAgencyDate, startOfAgencyDay } from './retentionText.ts';

const natureLabels: Readonly<Record<DisclosureNature, string>> = {
  copy: 'Copy',
  extract: 'Extract',
  summary: 'Summary',
  inspection: 'Inspection',
  verbal: 'Read out or told',
};
const recipientKindLabels: Readonly<Record<RecipientKind, string>> = {
  contractor: 'Contractor',
  agency: 'Another agency',
  law_enforcement: 'Law enforcement',
  congress: 'Congress',
  court: 'Court',
  other: 'Other',
};
/** The records a disclosure is most often of; the server refuses a table that holds none of the subject's records. */
const recordTables: readonly { value: string; label: string }[] = [
  { value: 'customers', label: 'Customer record' },
  { value: 'cases', label: 'Case' },
  { value: 'calls', label: 'Call' },
];
const recordTableLabel = (table: string) => recordTables.find((t) => t.value === table)?.label ?? table;
const routineUseLabel = (use: RoutineUse) => `${use.designation}, routine use ${use.number}`;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const labels = {
  recordTable: 'Record',
  recordId: 'Record ID',
  recordType: 'Record type',
  disclosedAt: 'Disclosed on',
  nature: 'Nature of the disclosure',
  purpose: 'Purpose',
  recipientName: 'Recipient',
  recipientAddress: 'Recipient’s address',
  recipientKind: 'Kind of recipient',
  routineUse: 'Routine use',
  lawEnforcementRequest: 'Law-enforcement request',
};
const ids = {
  recordTable: 'disclosure-table',
  recordId: 'disclosure-record',
  recordType: 'disclosure-record-type',
  disclosedAt: 'disclosure-date',
  nature: 'disclosure-nature',
  purpose: 'disclosure-purpose',
  recipientName: 'disclosure-recipient',
  recipientAddress: 'disclosure-address',
  recipientKind: 'disclosure-recipient-kind',
  routineUse: 'disclosure-routine-use',
  lawEnforcementRequest: 'disclosure-law-enforcement',
};

function byFormField(error: unknown): unknown {
  if (!(error instanceof ApiError) || !error.problem.errors) return error;
  const nested: Record<string, string> = {
    '/body/recipient/name': '/body/recipientName',
    '/body/recipient/address': '/body/recipientAddress',
    '/body/recipient': '/body/recipientName',
  };
  return new ApiError({ ...error.problem, errors: error.problem.errors.map((e) => ({ ...e, field: nested[e.field] ?? e.field })) });
}

/** Enter a disclosure in the accounting (POST /api/disclosures); every message shows next to its field. */
function DisclosureForm({
  subjectId,
  recordTypes,
  onRecorded,
  onCancel,
}: {
  readonly subjectId: string;
  readonly recordTypes: readonly RecordTypeRow[];
  readonly onRecorded: (disclosure: Disclosure) => void;
  readonly onCancel: () => void;
}) {
  const session = useSession();
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [recordTable, setRecordTable] = useState('customers');
  const [recordId, setRecordId] = useState(subjectId);
  const [recordType, setRecordType] = useState('');
  const usesLoad = useLoad(() => listRoutineUses(recordType || undefined), [recordType]);
  const routineUses = usesLoad.data ?? [];
  const [disclosedOn, setDisclosedOn] = useState(() => agencyToday(session.timeZone));
  const [nature, setNature] = useState<DisclosureNature | ''>('');
  const [purpose, setPurpose] = useState('');
  const [recipientName, setRecipientName] = useState('');
  const [recipientAddress, setRecipientAddress] = useState('');
  const [recipientKind, setRecipientKind] = useState<RecipientKind | ''>('');
  const [routineUse, setRoutineUse] = useState('');
  const [lawEnforcement, setLawEnforcement] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!uuidPattern.test(recordId.trim()))
      checks.recordId = 'Enter the record’s ID: for the customer record, the customer’s ID; for a case, the case’s.';
    if (recordTable === 'customers' && !recordType)
      checks.recordType = 'Choose the record type: the customer record is kept under one of its notice’s record types.';
    if (!disclosedOn) checks.disclosedAt = 'Enter the date the record was disclosed.';
    if (!nature) checks.nature = 'Choose the nature of the disclosure: a copy, an extract, a summary, an inspection or told.';
    if (!recipientName.trim()) checks.recipientName = 'Enter the person or agency the record went to.';
    if (!recipientAddress.trim()) checks.recipientAddress = 'Enter the recipient’s address.';
    if (!recipientKind) checks.recipientKind = 'Choose the kind of recipient.';
    if (!purpose.trim()) checks.purpose = 'Enter the purpose the recipient gave for needing the record.';
    if (!routineUse) checks.routineUse = 'Choose the routine use the disclosure was made under.';
    if (!fromChecks(checks) || !nature || !recipientKind) return;
    setBusy(true);
    try {
      onRecorded(
        await recordDisclosure({
          recordTable,
          recordId: recordId.trim(),
          ...(recordType ? { recordType } : {}),
          disclosedAt: startOfAgencyDay(disclosedOn, session.timeZone),
          nature,
          purpose: purpose.trim(),
          recipient: { name: recipientName.trim(), address: recipientAddress.trim() },
          recipientKind,
          routineUse,
          ...(recipientKind === 'law_enforcement' || recipientKind === 'agency' ? { lawEnforcementRequest: lawEnforcement } : {}),
        }),
      );
    } catch (error) {
      fromError(byFormField(error));
    } finally {
      setBusy(false);
    }
  };

  const notices = [...new Set(routineUses.map((u) => u.designation))];
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The disclosure was not recorded" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet-lg" data-testid="disclosure-form">
        <Fieldset legend="What was disclosed">
          <SelectField
            id={ids.recordTable}
            label={labels.recordTable}
            value={recordTable}
            onChange={(v) => {
              setRecordTable(v);
              if (v === 'customers') setRecordId(subjectId);
              else if (recordId === subjectId) setRecordId('');
            }}
            options={recordTables}
            error={errors.fields.recordTable}
          />
          <TextField
            id={ids.recordId}
            label={labels.recordId}
            hint="The customer record’s ID is the customer’s; a case’s is at the end of its page’s address."
            value={recordId}
            onChange={setRecordId}
            error={errors.fields.recordId}
            autoComplete="off"
            spellCheck={false}
          />
          <SelectField
            id={ids.recordType}
            label={labels.recordType}
            hint="Needed for the customer record; a case or call carries its own. It decides the notice and so the routine uses."
            value={recordType}
            onChange={(v) => {
              setRecordType(v);
              setRoutineUse('');
            }}
            options={[
              { value: '', label: recordTable === 'customers' ? '- Select -' : 'The record’s own' },
              ...recordTypes.map((t) => ({ value: t.id, label: `${t.notice}: ${t.name}` })),
            ]}
            error={errors.fields.recordType}
          />
          <SelectField
            id={ids.nature}
            label={labels.nature}
            value={nature}
            onChange={(v) => setNature(v as DisclosureNature | '')}
            options={[{ value: '', label: '- Select -' }, ...disclosureNatures.map((n) => ({ value: n, label: natureLabels[n] }))]}
            error={errors.fields.nature}
          />
          <div className="grid-row">
            <div className="grid-col-auto">
              <TextField
                id={ids.disclosedAt}
                label={labels.disclosedAt}
                type="date"
                value={disclosedOn}
                onChange={setDisclosedOn}
                error={errors.fields.disclosedAt}
              />
            </div>
          </div>
        </Fieldset>
        <Fieldset legend="To whom, and why" className="margin-top-3">
          <TextField
            id={ids.recipientName}
            label={labels.recipientName}
            hint="The person or agency the record went to."
            value={recipientName}
            onChange={setRecipientName}
            error={errors.fields.recipientName}
            autoComplete="off"
          />
          <TextAreaField
            id={ids.recipientAddress}
            label={labels.recipientAddress}
            value={recipientAddress}
            onChange={setRecipientAddress}
            error={errors.fields.recipientAddress}
            rows={2}
          />
          <SelectField
            id={ids.recipientKind}
            label={labels.recipientKind}
            value={recipientKind}
            onChange={(v) => {
              setRecipientKind(v as RecipientKind | '');
              setLawEnforcement(v === 'law_enforcement');
            }}
            options={[{ value: '', label: '- Select -' }, ...recipientKinds.map((k) => ({ value: k, label: recipientKindLabels[k] }))]}
            error={errors.fields.recipientKind}
          />
          {(recipientKind === 'law_enforcement' || recipientKind === 'agency') && (
            <Checkbox
              id={ids.lawEnforcementRequest}
              name={ids.lawEnforcementRequest}
              label="Made at the agency’s written request for a law-enforcement activity (552a(b)(7))"
              checked={lawEnforcement}
              onChange={(event) => setLawEnforcement(event.target.checked)}
            />
          )}
          <TextAreaField
            id={ids.purpose}
            label={labels.purpose}
            value={purpose}
            onChange={setPurpose}
            error={errors.fields.purpose}
            rows={2}
          />
          <SelectField
            id={ids.routineUse}
            label={labels.routineUse}
            hint="The routine use of the record’s notice the disclosure was made under."
            value={routineUse}
            onChange={setRoutineUse}
            options={[{ value: '', label: '- Select -' }, ...routineUses.map((u) => ({ value: u.reference, label: routineUseLabel(u) }))]}
            error={errors.fields.routineUse}
          />
          {notices.length > 0 && (
            <details className="caseline-details margin-top-1">
              <summary>The notices’ routine uses, in their words</summary>
              {notices.map((designation) => (
                <div key={designation} className="margin-top-1">
                  <strong>{designation}</strong>
                  <p className="margin-top-05">{routineUses.find((u) => u.designation === designation)?.noticeText}</p>
                </div>
              ))}
            </details>
          )}
        </Fieldset>
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            Record disclosure
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

/** The accounting of disclosures of one data subject's records, and the form to enter one. */
export function DisclosuresPage() {
  const session = useSession();
  const { notify } = useNotifications();
  const [params, setParams] = useSearchParams();
  const subjectId = params.get('subjectId') ?? '';
  const [typed, setTyped] = useState(subjectId);
  const [typedError, setTypedError] = useState<string | undefined>(undefined);
  const valid = uuidPattern.test(subjectId);
  const disclosures = useLoad(() => (valid ? listDisclosures(subjectId) : Promise.resolve(null)), [subjectId]);
  const routineUses = useLoad(() => listRoutineUses(), []);
  const recordTypes = useLoad(listRecordTypes, []);
  const [adding, setAdding] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (adding) panelHeading.current?.focus();
  }, [adding]);

  const close = () => {
    setAdding(false);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const id = typed.trim();
    if (!uuidPattern.test(id)) {
      setTypedError('Customer ID must be the customer’s ID, as at the end of their page’s address (…/customers/ID).');
      return;
    }
    setTypedError(undefined);
    setAdding(false);
    setParams({ subjectId: id });
  };

  const listed = disclosures.data ?? [];
  const uses = new Map((routineUses.data ?? []).flatMap((u) => [[u.reference, u] as const, [u.standardReference, u] as const]));

  return (
    <Page title="Accounting of disclosures">
      <p className="usa-intro">
        Every record disclosed outside the agency, with its date, nature, purpose and recipient (5 U.S.C. 552a(c)). It is kept five years or
        the life of the record, whichever is longer, and given to the person on request.
      </p>
      <Form onSubmit={show} noValidate className="maxw-tablet" data-testid="subject-form">
        <TextField
          id="disclosures-subject"
          label="Customer ID"
          hint="The customer’s ID, as at the end of their page’s address (…/customers/ID)."
          value={typed}
          onChange={setTyped}
          error={typedError}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit">Show disclosures</Button>
      </Form>

      {valid && (
        <>
          <section aria-labelledby="disclosure-list-heading" className="margin-top-5">
            <h2 id="disclosure-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
              Disclosures{disclosures.data ? ` (${listed.length})` : ''}
            </h2>
            {disclosures.error ? (
              <LoadError what="the accounting of disclosures" error={disclosures.error} onRetry={disclosures.reload} />
            ) : disclosures.loading ? (
              <Loading />
            ) : listed.length === 0 ? (
              <p data-testid="no-disclosures">No disclosure of this customer’s records is on record.</p>
            ) : (
              <Table caption="Disclosures of the customer’s records, newest first" fullWidth stackedStyle="headers">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Record</th>
                    <th scope="col">Nature</th>
                    <th scope="col">Recipient</th>
                    <th scope="col">Routine use</th>
                    <th scope="col">Law enforcement</th>
                    <th scope="col">Disputed</th>
                  </tr>
                </thead>
                <tbody data-testid="disclosure-list">
                  {listed.map((d) => {
                    const use = uses.get(d.routineUse);
                    return (
                      <tr key={d.id} data-disclosure-id={d.id}>
                        <th scope="row" data-label="Date" className="text-no-wrap">
                          {formatAgencyDate(d.disclosedAt, session.timeZone)}
                        </th>
                        <td data-label="Record">
                          {recordTableLabel(d.recordTable)}
                          <div className="caseline-uuid">{d.recordId}</div>
                        </td>
                        <td data-label="Nature">
                          {natureLabels[d.nature]}
                          <div className="font-body-2xs">{d.purpose}</div>
                        </td>
                        <td data-label="Recipient">
                          {d.recipient.name}
                          <div className="font-body-2xs">{d.recipient.address}</div>
                          <div className="font-body-2xs text-base-dark">{recipientKindLabels[d.recipientKind]}</div>
                        </td>
                        <td data-label="Routine use">{use ? routineUseLabel(use) : d.routineUse}</td>
                        <td data-label="Law enforcement">
                          {d.lawEnforcementRequest ? (
                            <Tag className="bg-secondary-dark caseline-tag">Yes: not shown to the person</Tag>
                          ) : (
                            'No'
                          )}
                        </td>
                        <td data-label="Disputed">
                          {d.disputed ? <Tag className="bg-gold text-ink caseline-tag">Yes: statement sent</Tag> : 'No'}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </Table>
            )}
          </section>

          <section aria-labelledby="disclosure-panel-heading" className="margin-top-4">
            {adding ? (
              <>
                <h2 id="disclosure-panel-heading" ref={panelHeading} tabIndex={-1} className="caseline-focus-heading">
                  Record a disclosure
                </h2>
                {recordTypes.error ? (
                  <LoadError what="the record types" error={recordTypes.error} onRetry={recordTypes.reload} />
                ) : (
                  <DisclosureForm
                    subjectId={subjectId}
                    recordTypes={recordTypes.data ?? []}
                    onRecorded={(d) => {
                      notify('success', `Disclosure to ${d.recipient.name} recorded.`);
                      disclosures.reload();
                      close();
                    }}
                    onCancel={close}
                  />
                )}
              </>
            ) : (
              <>
                <h2 id="disclosure-panel-heading" className="usa-sr-only">
                  Record a disclosure
                </h2>
                <Button type="button" onClick={() => setAdding(true)}>
                  Record a disclosure
                </Button>
              </>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
