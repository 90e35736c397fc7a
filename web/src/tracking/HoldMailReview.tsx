import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonGroup, Form, Table } from '@trussworks/react-uswds';
import { verificationMethodLabels, verificationOutcomeLabels, type ReviewDecisionKind } from '../api/changes-of-address.ts';
import { decideHoldMail, endActionLabels, fetchHoldReviewQueue, type HoldMail } from '../api/hold-mail.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { addressText, formatDay } from './coaParts.tsx';
import { HoldScreeningSummary } from './holdMailParts.tsx';

const labels = { decision: 'Decision', reason: 'Reason' };
const ids = { decision: 'hold-review-decision', reason: 'hold-review-reason' };

function DecisionForm({
  hold,
  onDecided,
  onCancel,
}: {
  readonly hold: HoldMail;
  readonly onDecided: (decided: HoldMail) => void;
  readonly onCancel: () => void;
}) {
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [decision, setDecision] = useState<ReviewDecisionKind | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!decision) checks.decision = 'Choose to approve or deny the hold.';
    if (!reason.trim()) checks.reason = 'Enter the reason for the decision: it is kept with the hold.';
    if (!fromChecks(checks) || !decision) return;
    setBusy(true);
    try {
      onDecided(await decideHoldMail(hold.id, decision, reason.trim()));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The decision was not recorded" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="hold-review-form">
        <RadioGroup
          id={ids.decision}
          name={ids.decision}
          legend={labels.decision}
          options={[
            { value: 'approve', label: 'Approve: mail is held between the dates' },
            { value: 'deny', label: 'Deny: no mail is held' },
          ]}
          value={decision}
          onChange={setDecision}
          error={errors.fields.decision}
        />
        <TextAreaField
          id={ids.reason}
          label={labels.reason}
          hint="Why: what you checked, and what it showed. Recorded with your name."
          value={reason}
          onChange={setReason}
          error={errors.fields.reason}
          rows={4}
          maxLength={2000}
          aria-required
        />
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Recording…' : 'Record decision'}
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

/**
 * The holds the hold mail screen held (GET /api/hold-mail/review, fraud.review), oldest first,
 * for the Fraud review page beside the changes of address: a supervisor approves or denies each.
 */
export function HoldMailReview() {
  const { notify } = useNotifications();
  const queue = useLoad(fetchHoldReviewQueue, []);
  const [decidingId, setDecidingId] = useState<string | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const deciding = useMemo(() => queue.data?.find((h) => h.id === decidingId) ?? null, [queue.data, decidingId]);

  useEffect(() => {
    if (decidingId) formHeading.current?.focus();
  }, [decidingId]);

  const close = () => {
    setDecidingId(null);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const decided = (hold: HoldMail) => {
    notify(
      'success',
      hold.status === 'scheduled'
        ? `Hold approved: mail is held from ${formatDay(hold.beginDate)} to ${formatDay(hold.endDate)}.`
        : 'Hold denied: no mail will be held.',
    );
    queue.reload();
    close();
  };

  return (
    <section aria-labelledby="hold-review-list-heading" className="margin-top-5" data-testid="hold-review">
      {deciding && (
        <section
          aria-labelledby="hold-review-form-heading"
          className="margin-bottom-5 padding-bottom-4 border-bottom-1px border-base-lighter"
        >
          <h2 id="hold-review-form-heading" ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
            Decide on the hold of {deciding.name}
          </h2>
          <DecisionForm key={deciding.id} hold={deciding} onDecided={decided} onCancel={close} />
        </section>
      )}
      <h2 id="hold-review-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
        Held hold mail requests{queue.data ? ` (${queue.data.length})` : ''}
      </h2>
      {queue.error ? (
        <LoadError what="the hold mail review queue" error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <Loading />
      ) : queue.data.length === 0 ? (
        <p data-testid="hold-review-empty">No hold mail request is waiting for review.</p>
      ) : (
        <Table caption="Hold mail requests held for review, oldest first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Hold</th>
              <th scope="col">Address</th>
              <th scope="col">Identity</th>
              <th scope="col">Fraud screen</th>
              <th scope="col">
                <span className="usa-sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody data-testid="hold-review-rows">
            {queue.data.map((h) => (
              <tr key={h.id}>
                <th scope="row" data-label="Hold">
                  <Link to={`/customers/${h.customerId}`} className="usa-link">
                    {h.name}
                  </Link>
                  <span className="display-block text-normal">
                    {formatDay(h.beginDate)} to {formatDay(h.endDate)}
                  </span>
                  <span className="display-block text-normal">{endActionLabels[h.endAction]}</span>
                  <span className="display-block text-normal text-base-dark">Held {formatDateTime(h.createdAt)}</span>
                </th>
                <td data-label="Address">{addressText(h.address)}</td>
                <td data-label="Identity">
                  {h.verification
                    ? `${verificationMethodLabels[h.verification.method]}: ${verificationOutcomeLabels[h.verification.outcome].toLowerCase()}`
                    : 'Verification record disposed of'}
                </td>
                <td data-label="Fraud screen">
                  <HoldScreeningSummary screening={h.screening} />
                </td>
                <td data-label="Actions" className="text-no-wrap">
                  <Button
                    type="button"
                    className="margin-top-0"
                    onClick={() => setDecidingId(h.id)}
                    disabled={decidingId === h.id}
                    aria-label={`Approve or deny the hold of ${h.name}`}
                  >
                    Approve or deny
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
