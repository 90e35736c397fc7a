import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Button, Form, Table } from '@trussworks/react-uswds';
import {
  accessReportUrl,
  acknowledgeRequest,
  appealRequest,
  decideRequest,
  fileStatement,
  getRequest,
  identityMethods,
  letterUrl,
  requestChannels,
  verifyIdentity,
  type DecisionOutcome,
  type IdentityMethod,
  type LetterKind,
  type PrivacyRequest,
  type RecipientToNotify,
  type RequestChannel,
} from '../api/privacy-requests.ts';
import { problemMessage } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { channelLabels, DeadlineTag, deadlineNames, kindLabels, statusLabels } from './RequestQueuePage.tsx';
import { agencyToday, formatAgencyDate, startOfAgencyDay } from './retentionText.ts';

const methodLabels: Readonly<Record<IdentityMethod, string>> = {
  document: 'Identity document seen',
  notarized_statement: 'Notarized statement',
  in_person: 'In person, at the counter',
  portal_account: 'Signed in to the customer portal',
  knowledge: 'Questions only the requester could answer',
};
const outcomeLabels: Readonly<Record<DecisionOutcome, string>> = {
  granted: 'Grant',
  partially_granted: 'Partially grant',
  denied: 'Deny',
};
const letterLabels: Readonly<Record<LetterKind, string>> = {
  acknowledgement: 'Acknowledgement letter',
  grant: 'Grant letter',
  denial: 'Denial letter',
  'appeal-decision': 'Appeal decision letter',
  'amendment-notice': 'Amendment notice',
};
const open = (r: PrivacyRequest) => r.status === 'received' || r.status === 'in_review';

function Fact({ term, children }: { readonly term: string; readonly children: ReactNode }) {
  return (
    <div className="caseline-fields__row">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Panel({ id, title, children }: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="margin-top-4 border-top border-base-lighter padding-top-2" data-testid={id}>
      <h3 id={`${id}-heading`} className="margin-top-0">
        {title}
      </h3>
      {children}
    </section>
  );
}

const identityLabels = { method: 'How the identity was verified', evidence: 'What was seen or checked' };
function IdentityForm({ request, onDone }: { readonly request: PrivacyRequest; readonly onDone: (r: PrivacyRequest) => void }) {
  const { errors, fromError, fromChecks } = useFormErrors(identityLabels);
  const [method, setMethod] = useState<IdentityMethod | ''>('');
  const [evidence, setEvidence] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!method) checks.method = 'Choose how the requester’s identity was verified.';
    if (!evidence.trim()) checks.evidence = 'Enter what was seen or checked, such as “Passport, ending 4411, seen at the counter”.';
    if (!fromChecks(checks) || !method) return;
    setBusy(true);
    try {
      onDone(await verifyIdentity(request.id, { method, evidence: evidence.trim() }));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary
        errors={errors}
        fieldIds={{ method: 'identity-method', evidence: 'identity-evidence' }}
        heading="Identity not recorded"
      />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet" data-testid="identity-form">
        <SelectField
          id="identity-method"
          label={identityLabels.method}
          value={method}
          onChange={(v) => setMethod(v as IdentityMethod | '')}
          options={[{ value: '', label: '- Select -' }, ...identityMethods.map((m) => ({ value: m, label: methodLabels[m] }))]}
          error={errors.fields.method}
        />
        <TextAreaField
          id="identity-evidence"
          label={identityLabels.evidence}
          hint="Kept encrypted with the request. No full document numbers: the last digits are enough."
          value={evidence}
          onChange={setEvidence}
          error={errors.fields.evidence}
          rows={2}
          maxLength={2000}
        />
        <Button type="submit" disabled={busy}>
          Record verification
        </Button>
      </Form>
    </>
  );
}

const decisionLabels = { outcome: 'Decision', reason: 'Reasons' };
function DecisionForm({
  request,
  onDone,
}: {
  readonly request: PrivacyRequest;
  readonly onDone: (r: PrivacyRequest, recipients: readonly RecipientToNotify[]) => void;
}) {
  const { errors, fromError, fromChecks } = useFormErrors(decisionLabels);
  const [outcome, setOutcome] = useState<DecisionOutcome | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!outcome) checks.outcome = 'Choose the decision: grant, partially grant or deny.';
    if (outcome && outcome !== 'granted' && !reason.trim()) checks.reason = 'Give the reasons: the letter quotes them.';
    if (!fromChecks(checks) || !outcome) return;
    setBusy(true);
    try {
      const result = await decideRequest(request.id, { outcome, reason: reason.trim() || null });
      onDone(result.request, result.recipientsToNotify);
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={{ outcome: 'decision-outcome', reason: 'decision-reason' }} heading="Not decided" />
      {request.target && (
        <dl className="caseline-fields" data-testid="decision-target">
          <Fact term="Field to correct">{request.target.field.replaceAll('_', ' ')}</Fact>
          <Fact term="Value asked for">{request.target.requestedValue}</Fact>
        </dl>
      )}
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet" data-testid="decision-form">
        <RadioGroup
          id="decision-outcome"
          name="decision-outcome"
          legend={decisionLabels.outcome}
          options={(['granted', 'partially_granted', 'denied'] as const).map((o) => ({ value: o, label: outcomeLabels[o] }))}
          value={outcome}
          onChange={setOutcome}
          error={errors.fields.outcome}
        />
        <TextAreaField
          id="decision-reason"
          label={decisionLabels.reason}
          hint={
            request.kind === 'amendment'
              ? 'Needed to deny or partially grant; quoted in the letter. Granting corrects the customer value and lists whom to tell.'
              : 'Needed to deny or partially grant; quoted in the letter.'
          }
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          rows={3}
          maxLength={10_000}
        />
        <Button type="submit" disabled={busy}>
          Record decision
        </Button>
      </Form>
    </>
  );
}

const appealLabels = { channel: 'Appeal received by', details: 'The appeal', receivedAt: 'Appeal received on' };
function AppealForm({ request, onDone }: { readonly request: PrivacyRequest; readonly onDone: (appeal: PrivacyRequest) => void }) {
  const session = useSession();
  const { errors, fromError, fromChecks } = useFormErrors(appealLabels);
  const [channel, setChannel] = useState<RequestChannel | ''>('');
  const [details, setDetails] = useState('');
  const [receivedOn, setReceivedOn] = useState(() => agencyToday(session.timeZone));
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!channel) checks.channel = 'Choose how the appeal was received.';
    if (!details.trim()) checks.details = 'Enter the appeal, in the requester’s words or as a summary.';
    if (!receivedOn) checks.receivedAt = 'Enter the date the appeal reached us.';
    if (!fromChecks(checks) || !channel) return;
    setBusy(true);
    try {
      onDone(
        await appealRequest(request.id, {
          channel,
          details: details.trim(),
          receivedAt: startOfAgencyDay(receivedOn, session.timeZone),
        }),
      );
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary
        errors={errors}
        fieldIds={{ channel: 'appeal-channel', details: 'appeal-details', receivedAt: 'appeal-received' }}
        heading="The appeal was not recorded"
      />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet" data-testid="appeal-form">
        <SelectField
          id="appeal-channel"
          label={appealLabels.channel}
          value={channel}
          onChange={(v) => setChannel(v as RequestChannel | '')}
          options={[{ value: '', label: '- Select -' }, ...requestChannels.map((c) => ({ value: c, label: channelLabels[c] ?? c }))]}
          error={errors.fields.channel}
        />
        <TextAreaField
          id="appeal-details"
          label={appealLabels.details}
          value={details}
          onChange={setDetails}
          error={errors.fields.details}
          rows={3}
          maxLength={20_000}
        />
        <TextField
          id="appeal-received"
          label={appealLabels.receivedAt}
          type="date"
          value={receivedOn}
          onChange={setReceivedOn}
          error={errors.fields.receivedAt}
        />
        <Button type="submit" disabled={busy}>
          Open appeal
        </Button>
      </Form>
    </>
  );
}

const statementLabels = { statement: 'Statement of disagreement' };
function StatementForm({ request, onDone }: { readonly request: PrivacyRequest; readonly onDone: () => void }) {
  const { errors, fromError, fromChecks } = useFormErrors(statementLabels);
  const [statement, setStatement] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(statement.trim() ? {} : { statement: 'Enter the statement, in the requester’s words.' })) return;
    setBusy(true);
    try {
      await fileStatement(request.id, statement.trim());
      setStatement('');
      onDone();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <ErrorSummary errors={errors} fieldIds={{ statement: 'statement-text' }} heading="The statement was not filed" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet" data-testid="statement-form">
        <TextAreaField
          id="statement-text"
          label={statementLabels.statement}
          hint="It attaches to the disputed record and goes with every later disclosure of it (5 U.S.C. 552a(d)(4))."
          value={statement}
          onChange={setStatement}
          error={errors.fields.statement}
          rows={4}
          maxLength={10_000}
        />
        <Button type="submit" disabled={busy}>
          File statement
        </Button>
      </Form>
    </>
  );
}

/** The letters the request's steps so far have produced. */
function lettersFor(r: PrivacyRequest, recipients: readonly RecipientToNotify[]): { kind: LetterKind; href: string; label: string }[] {
  const decided = r.decidedAt !== null && ['granted', 'partially_granted', 'denied', 'closed'].includes(r.status);
  const out: { kind: LetterKind; href: string; label: string }[] = [];
  if (r.acknowledgedAt || r.status === 'received' || r.status === 'in_review')
    out.push({ kind: 'acknowledgement', href: letterUrl(r.id, 'acknowledgement'), label: letterLabels.acknowledgement });
  if (decided && r.kind === 'appeal')
    out.push({ kind: 'appeal-decision', href: letterUrl(r.id, 'appeal-decision'), label: letterLabels['appeal-decision'] });
  else if (decided && r.status === 'granted') out.push({ kind: 'grant', href: letterUrl(r.id, 'grant'), label: letterLabels.grant });
  else if (decided && (r.status === 'denied' || r.status === 'partially_granted'))
    out.push({ kind: 'denial', href: letterUrl(r.id, 'denial'), label: letterLabels.denial });
  recipients.forEach((recipient, index) =>
    out.push({
      kind: 'amendment-notice',
      href: letterUrl(r.id, 'amendment-notice', index),
      label: `${letterLabels['amendment-notice']} to ${recipient.recipient.name}`,
    }),
  );
  return out;
}

/** The request's history, oldest first, from the moments it records. */
function historyOf(r: PrivacyRequest): { at: string; what: string; dayOnly?: boolean }[] {
  const entries: { at: string; what: string; dayOnly?: boolean }[] = [
    // Receipt is recorded as a day (the clock starts on it), not a time.
    { at: r.receivedAt, what: `Received by ${(channelLabels[r.channel] ?? r.channel).toLowerCase()}`, dayOnly: true },
    { at: r.createdAt, what: 'Recorded in Caseline' },
  ];
  if (r.identity) entries.push({ at: r.identity.verifiedAt, what: `Identity verified: ${methodLabels[r.identity.method].toLowerCase()}` });
  if (r.acknowledgedAt) entries.push({ at: r.acknowledgedAt, what: 'Acknowledged; in review' });
  if (r.decidedAt)
    entries.push({
      at: r.decidedAt,
      what: r.status === 'withdrawn' ? 'Withdrawn by the requester' : `Decided: ${statusLabels[r.status].toLowerCase()}`,
    });
  return entries.sort((a, b) => a.at.localeCompare(b.at));
}

/** One Privacy Act request: its facts, deadlines and history, and the steps its status allows. */
export function RequestPage() {
  const { id = '' } = useParams();
  const session = useSession();
  const navigate = useNavigate();
  const { notify } = useNotifications();
  const loaded = useLoad(() => getRequest(id), [id]);
  const [recipients, setRecipients] = useState<readonly RecipientToNotify[]>([]);
  const [ackError, setAckError] = useState<string | null>(null);
  const r = loaded.data;
  const day = (iso: string | null) => formatAgencyDate(iso, session.timeZone);

  if (loaded.error)
    return (
      <Page title="Privacy Act request">
        <LoadError what="the request" error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  if (!r)
    return (
      <Page title="Privacy Act request">
        <Loading />
      </Page>
    );

  const updated = (next: PrivacyRequest, message: string) => {
    loaded.setData(next);
    notify('success', message);
  };
  const acknowledge = async () => {
    setAckError(null);
    try {
      updated(await acknowledgeRequest(r.id), `Request ${r.number} acknowledged.`);
    } catch (error) {
      setAckError(problemMessage(error));
    }
  };
  const appealable =
    (r.status === 'denied' || r.status === 'partially_granted') &&
    r.appealWindowEnds !== null &&
    Date.parse(r.appealWindowEnds) > Date.now();
  const disputable = r.kind === 'amendment' && (r.status === 'denied' || r.status === 'partially_granted');
  const letters = lettersFor(r, recipients);
  const deadlines = [
    ...(r.acknowledgeDue ? [{ name: 'acknowledge', due: r.acknowledgeDue, met: r.acknowledgedAt }] : []),
    { name: 'decide', due: r.decideDue, met: r.decidedAt },
  ];

  return (
    <Page title="Privacy Act request" heading={`${kindLabels[r.kind] ?? r.kind} request ${r.number}`}>
      <p>
        <Link to="/privacy/requests" className="usa-link">
          All requests
        </Link>
      </p>
      <section aria-labelledby="request-facts-heading">
        <h2 id="request-facts-heading">The request</h2>
        <dl className="caseline-fields" data-testid="request-facts">
          <Fact term="Status">{statusLabels[r.status]}</Fact>
          <Fact term="Received">
            {day(r.receivedAt)}, by {(channelLabels[r.channel] ?? r.channel).toLowerCase()}
          </Fact>
          <Fact term="Requester">
            {r.requester.name}
            {r.requester.address && (
              <div>
                {r.requester.address.deliveryLine}, {r.requester.address.city}, {r.requester.address.state} {r.requester.address.zip5}
              </div>
            )}
            {r.requester.email && <div>{r.requester.email}</div>}
          </Fact>
          <Fact term="Data subject">
            <Link to={`/customers/${r.subjectId}`} className="usa-link caseline-uuid">
              {r.subjectId}
            </Link>
          </Fact>
          {r.businessArea && <Fact term="Business area">{r.businessArea}</Fact>}
          <Fact term="The request">
            <span className="text-pre-wrap">{r.details}</span>
          </Fact>
          {r.target && (
            <Fact term="To correct">
              The {r.target.field.replaceAll('_', ' ')}, to “{r.target.requestedValue}”
            </Fact>
          )}
          <Fact term="Identity">
            {r.identity
              ? `Verified ${day(r.identity.verifiedAt)}: ${methodLabels[r.identity.method].toLowerCase()}`
              : 'Not verified yet: no record is released or changed until it is.'}
          </Fact>
          {r.decisionReason && <Fact term="Reasons for the decision">{r.decisionReason}</Fact>}
          {r.appealOf && (
            <Fact term="Appeal of">
              <Link to={`/privacy/requests/${r.appealOf}`} className="usa-link">
                the earlier request
              </Link>
            </Fact>
          )}
          {r.appealWindowEnds && <Fact term="May be appealed until">{day(r.appealWindowEnds)}</Fact>}
        </dl>
      </section>

      <section aria-labelledby="request-deadlines-heading" className="margin-top-4">
        <h2 id="request-deadlines-heading">Deadlines</h2>
        <Table caption="The request’s deadlines, in business days from its receipt" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Due</th>
              <th scope="col">Done</th>
              <th scope="col">Standing</th>
            </tr>
          </thead>
          <tbody data-testid="request-deadlines">
            {deadlines.map((d) => (
              <tr key={d.name}>
                <th scope="row" data-label="Step">
                  {deadlineNames[d.name]}
                </th>
                <td data-label="Due">{day(d.due)}</td>
                <td data-label="Done">{d.met ? day(d.met) : 'Not yet'}</td>
                <td data-label="Standing">
                  {r.nextDeadline?.name === d.name ? (
                    <DeadlineTag status={r.nextDeadline.status} />
                  ) : d.met ? (
                    Date.parse(d.met) <= Date.parse(d.due) ? (
                      'Met on time'
                    ) : (
                      'Met late'
                    )
                  ) : (
                    'Stopped'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>

      <section aria-labelledby="request-actions-heading" className="margin-top-4">
        <h2 id="request-actions-heading">What can be done</h2>
        {!open(r) && !appealable && !disputable && r.kind !== 'access' && (
          <p>Nothing more: the request is {statusLabels[r.status].toLowerCase()}.</p>
        )}
        {open(r) && !r.identity && (
          <Panel id="identity-panel" title="Record identity verification">
            <IdentityForm request={r} onDone={(next) => updated(next, 'Identity verification recorded.')} />
          </Panel>
        )}
        {open(r) && !r.acknowledgedAt && (
          <Panel id="acknowledge-panel" title="Acknowledge">
            <p>Moves the request to review. The acknowledgement letter tells the requester when to expect the decision.</p>
            {ackError && (
              <div className="usa-alert usa-alert--error usa-alert--slim" role="alert">
                <div className="usa-alert__body">
                  <p className="usa-alert__text">{ackError}</p>
                </div>
              </div>
            )}
            <Button type="button" onClick={() => void acknowledge()}>
              Acknowledge receipt
            </Button>
          </Panel>
        )}
        {open(r) && (
          <Panel id="decision-panel" title="Decide">
            <DecisionForm
              request={r}
              onDone={(next, toNotify) => {
                setRecipients(toNotify);
                updated(next, `Request ${r.number}: ${statusLabels[next.status].toLowerCase()}.`);
              }}
            />
          </Panel>
        )}
        {appealable && (
          <Panel id="appeal-panel" title="Record an appeal">
            <p>The requester may appeal until {day(r.appealWindowEnds)}.</p>
            <AppealForm
              request={r}
              onDone={(appeal) => {
                notify('success', `Appeal ${appeal.number} opened.`);
                void navigate(`/privacy/requests/${appeal.id}`);
              }}
            />
          </Panel>
        )}
        {disputable && (
          <Panel id="statement-panel" title="File a statement of disagreement">
            <StatementForm request={r} onDone={() => notify('success', 'Statement of disagreement filed with the record.')} />
          </Panel>
        )}
        {r.kind === 'access' && (
          <Panel id="report-panel" title="Access report">
            {r.identity ? (
              <ul className="usa-list">
                <li>
                  <a href={accessReportUrl(r.id, 'pdf')} className="usa-link" target="_blank" rel="noreferrer" data-testid="report-pdf">
                    Access report (PDF)
                  </a>
                </li>
                <li>
                  <a href={accessReportUrl(r.id, 'json')} className="usa-link" target="_blank" rel="noreferrer" data-testid="report-json">
                    Access report (JSON, for programs)
                  </a>
                </li>
              </ul>
            ) : (
              <p>Available once the requester’s identity is verified.</p>
            )}
          </Panel>
        )}
      </section>

      <section aria-labelledby="request-letters-heading" className="margin-top-4">
        <h2 id="request-letters-heading">Letters</h2>
        {letters.length === 0 ? (
          <p>No letter yet.</p>
        ) : (
          <ul className="usa-list" data-testid="request-letters">
            {letters.map((letter) => (
              <li key={letter.href}>
                <a href={letter.href} className="usa-link" target="_blank" rel="noreferrer">
                  {letter.label} (PDF)
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="request-history-heading" className="margin-top-4">
        <h2 id="request-history-heading">History</h2>
        <ol className="caseline-timeline" data-testid="request-history">
          {historyOf(r).map((entry) => (
            <li key={`${entry.at}-${entry.what}`} className="caseline-timeline__entry">
              <span className="caseline-timeline__time">{entry.dayOnly ? day(entry.at) : formatDateTime(entry.at)}</span>
              <span className="caseline-timeline__summary">{entry.what}</span>
            </li>
          ))}
        </ol>
      </section>
    </Page>
  );
}
