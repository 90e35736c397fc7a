import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, ButtonGroup, Form, Table } from '@trussworks/react-uswds';
import {
  decideChangeOfAddress,
  fetchReviewQueue,
  verificationMethodLabels,
  verificationOutcomeLabels,
  type ChangeOfAddress,
  type ReviewDecisionKind,
} from '../api/changes-of-address.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { addressText, formatDay, moveText, ScreeningSummary } from './coaParts.tsx';
import { HoldMailReview } from './HoldMailReview.tsx';

const labels = { decision: 'Decision', reason: 'Reason' };
const ids = { decision: 'review-decision', reason: 'review-reason' };

/** Approve or deny one held request; the reason is required and kept with the decision. */
function DecisionForm({
  coa,
  onDecided,
  onCancel,
}: {
  readonly coa: ChangeOfAddress;
  readonly onDecided: (decided: ChangeOfAddress) => void;
  readonly onCancel: () => void;
}) {
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [decision, setDecision] = useState<ReviewDecisionKind | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!decision) checks.decision = 'Choose to approve or deny the request.';
    if (!reason.trim()) checks.reason = 'Enter the reason for the decision: it is kept with the request.';
    if (!fromChecks(checks) || !decision) return;
    setBusy(true);
    try {
      onDecided(await decideChangeOfAddress(coa.id, decision, reason.trim()));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The decision was not recorded" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-full" data-testid="review-form">
        <RadioGroup
          id={ids.decision}
          name={ids.decision}
          legend={labels.decision}
          options={[
            { value: 'approve', label: 'Approve: mail forwards from the effective date' },
            { value: 'deny', label: 'Deny: mail is never forwarded' },
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
 * The fraud review queue (GET /api/changes-of-address/review, fraud.review): changes of
 * address the screen held, oldest first, with the score and the rules that fired. A
 * supervisor approves or denies each with a reason.
 */
export function FraudReviewPage() {
  const { notify } = useNotifications();
  const queue = useLoad(fetchReviewQueue, []);
  const [decidingId, setDecidingId] = useState<string | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const deciding = useMemo(() => queue.data?.find((c) => c.id === decidingId) ?? null, [queue.data, decidingId]);

  useEffect(() => {
    if (decidingId) formHeading.current?.focus();
  }, [decidingId]);

  const close = () => {
    setDecidingId(null);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const decided = (coa: ChangeOfAddress) => {
    notify(
      'success',
      coa.status === 'accepted'
        ? `Change of address approved: mail forwards from ${formatDay(coa.effectiveDate)}.`
        : 'Change of address denied: mail will not be forwarded.',
    );
    queue.reload();
    close();
  };

  return (
    <Page title="Fraud review">
      <p className="usa-intro">
        Changes of address the fraud screen held: a score from 30 holds a request, from 70 refuses it. Check the reasons (call the customer
        at a number already on file, look at the customer’s history), then approve or deny.
      </p>
      {deciding && (
        <section aria-labelledby="review-form-heading" className="margin-bottom-5 padding-bottom-4 border-bottom-1px border-base-lighter">
          <h2 id="review-form-heading" ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
            Decide on the request of {deciding.name}
          </h2>
          <DecisionForm key={deciding.id} coa={deciding} onDecided={decided} onCancel={close} />
        </section>
      )}
      <section aria-labelledby="review-list-heading">
        <h2 id="review-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
          Held requests{queue.data ? ` (${queue.data.length})` : ''}
        </h2>
        {queue.error ? (
          <LoadError what="the review queue" error={queue.error} onRetry={queue.reload} />
        ) : !queue.data ? (
          <Loading />
        ) : queue.data.length === 0 ? (
          <p data-testid="review-empty">No change of address is waiting for review.</p>
        ) : (
          <>
            <Button type="button" outline onClick={queue.reload} disabled={queue.loading}>
              Refresh
            </Button>
            <Table caption="Changes of address held for review, oldest first" fullWidth stackedStyle="headers">
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Addresses</th>
                  <th scope="col">Identity</th>
                  <th scope="col">Fraud screen</th>
                  <th scope="col">
                    <span className="usa-sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody data-testid="review-rows">
                {queue.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row" data-label="Request">
                      <Link to={`/customers/${c.customerId}`} className="usa-link">
                        {c.name}
                      </Link>
                      <span className="display-block text-normal">{moveText(c)}</span>
                      <span className="display-block text-normal">
                        From {formatDay(c.effectiveDate)}
                        {c.endDate ? ` to ${formatDay(c.endDate)}` : ''}
                      </span>
                      <span className="display-block text-normal text-base-dark">Held {formatDateTime(c.createdAt)}</span>
                    </th>
                    <td data-label="Addresses">
                      <span className="display-block">From {addressText(c.oldAddress)}</span>
                      <span className="display-block">To {addressText(c.newAddress)}</span>
                    </td>
                    <td data-label="Identity">
                      {c.verification
                        ? `${verificationMethodLabels[c.verification.method]}: ${verificationOutcomeLabels[c.verification.outcome].toLowerCase()}`
                        : 'Verification record disposed of'}
                    </td>
                    <td data-label="Fraud screen">
                      <ScreeningSummary screening={c.screening} />
                    </td>
                    <td data-label="Actions" className="text-no-wrap">
                      <Button
                        type="button"
                        className="margin-top-0"
                        onClick={() => setDecidingId(c.id)}
                        disabled={decidingId === c.id}
                        aria-label={`Approve or deny the request of ${c.name}`}
                      >
                        Approve or deny
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </>
        )}
      </section>
      <HoldMailReview />
    </Page>
  );
}
