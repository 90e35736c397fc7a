import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Table } from '@trussworks/react-uswds';
import {
  verificationMethodLabels,
  verificationOutcomeLabels,
  type IdentityVerification,
  type ReviewDecisionKind,
} from '../api/changes-of-address.ts';
import { EntryForm } from '../forms/EntryForm.tsx';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';

/** What a request the fraud screen held has, whatever the service. */
export interface Reviewable {
  readonly id: string;
  readonly customerId: string;
  readonly name: string;
  readonly createdAt: string;
  readonly verification: IdentityVerification | null;
}

export interface ReviewListProps<T extends Reviewable> {
  /** Of the ids and test ids: the page shows one list a service. */
  readonly prefix: string;
  /** What one item is to the supervisor: 'request', 'hold'. */
  readonly noun: string;
  readonly load: () => Promise<T[]>;
  readonly decide: (id: string, decision: ReviewDecisionKind, reason: string) => Promise<T>;
  /** Each choice with what it does to the customer's mail. */
  readonly choices: Readonly<Record<ReviewDecisionKind, string>>;
  /** The notice once decided. */
  readonly decidedText: (decided: T) => string;
  readonly heading: string;
  readonly loadWhat: string;
  readonly empty: string;
  readonly caption: string;
  /** The row header's label and, under the customer's name, what was asked. */
  readonly itemLabel: string;
  readonly itemLines: (item: T) => ReactNode;
  readonly addressLabel: string;
  readonly address: (item: T) => ReactNode;
  readonly screening: (item: T) => ReactNode;
  readonly refreshable?: boolean;
  readonly className?: string;
  readonly testId?: string;
}

const labels = { decision: 'Decision', reason: 'Reason' };

/** Approve or deny one held item; the reason is required and kept with the decision. */
function DecisionForm<T extends Reviewable>({
  item,
  prefix,
  noun,
  decide,
  choices,
  onDecided,
  onCancel,
}: Pick<ReviewListProps<T>, 'prefix' | 'noun' | 'decide' | 'choices'> & {
  readonly item: T;
  readonly onDecided: (decided: T) => void;
  readonly onCancel: () => void;
}) {
  const ids = { decision: `${prefix}-decision`, reason: `${prefix}-reason` };
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [decision, setDecision] = useState<ReviewDecisionKind | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks: Record<string, string> = {};
    if (!decision) checks.decision = `Choose to approve or deny the ${noun}.`;
    if (!reason.trim()) checks.reason = `Enter the reason for the decision: it is kept with the ${noun}.`;
    if (!fromChecks(checks) || !decision) return;
    setBusy(true);
    try {
      onDecided(await decide(item.id, decision, reason.trim()));
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <EntryForm
      errors={errors}
      fieldIds={ids}
      errorHeading="The decision was not recorded"
      testId={`${prefix}-form`}
      onSubmit={submit}
      busy={busy}
      label="Record decision"
      busyLabel="Recording…"
      onCancel={onCancel}
    >
      <RadioGroup
        id={ids.decision}
        name={ids.decision}
        legend={labels.decision}
        options={[
          { value: 'approve', label: choices.approve },
          { value: 'deny', label: choices.deny },
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
    </EntryForm>
  );
}

/**
 * A review queue of the Fraud review page (fraud.review): what a screen held, oldest first,
 * with the identity check and the rules that fired. A supervisor approves or denies each with a
 * reason; the focus goes to the form, and back to the list when it closes.
 */
export function ReviewList<T extends Reviewable>(props: ReviewListProps<T>) {
  const { prefix, noun, heading, itemLabel, addressLabel } = props;
  const { notify } = useNotifications();
  const queue = useLoad(props.load, []);
  const [decidingId, setDecidingId] = useState<string | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const deciding = useMemo(() => queue.data?.find((item) => item.id === decidingId) ?? null, [queue.data, decidingId]);

  useEffect(() => {
    if (decidingId) formHeading.current?.focus();
  }, [decidingId]);

  const close = () => {
    setDecidingId(null);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const decided = (item: T) => {
    notify('success', props.decidedText(item));
    queue.reload();
    close();
  };

  const table = (rows: T[]) => (
    <Table caption={props.caption} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">{itemLabel}</th>
          <th scope="col">{addressLabel}</th>
          <th scope="col">Identity</th>
          <th scope="col">Fraud screen</th>
          <th scope="col">
            <span className="usa-sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody data-testid={`${prefix}-rows`}>
        {rows.map((item) => (
          <tr key={item.id}>
            <th scope="row" data-label={itemLabel}>
              <Link to={`/customers/${item.customerId}`} className="usa-link">
                {item.name}
              </Link>
              {props.itemLines(item)}
              <span className="display-block text-normal text-base-dark">Held {formatDateTime(item.createdAt)}</span>
            </th>
            <td data-label={addressLabel}>{props.address(item)}</td>
            <td data-label="Identity">
              {item.verification
                ? `${verificationMethodLabels[item.verification.method]}: ${verificationOutcomeLabels[item.verification.outcome].toLowerCase()}`
                : 'Verification record disposed of'}
            </td>
            <td data-label="Fraud screen">{props.screening(item)}</td>
            <td data-label="Actions" className="text-no-wrap">
              <Button
                type="button"
                className="margin-top-0"
                onClick={() => setDecidingId(item.id)}
                disabled={decidingId === item.id}
                aria-label={`Approve or deny the ${noun} of ${item.name}`}
              >
                Approve or deny
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );

  return (
    <section aria-labelledby={`${prefix}-list-heading`} className={props.className} data-testid={props.testId}>
      {deciding && (
        <section
          aria-labelledby={`${prefix}-form-heading`}
          className="margin-bottom-5 padding-bottom-4 border-bottom-1px border-base-lighter"
        >
          <h2 id={`${prefix}-form-heading`} ref={formHeading} tabIndex={-1} className="caseline-focus-heading">
            Decide on the {noun} of {deciding.name}
          </h2>
          <DecisionForm
            key={deciding.id}
            item={deciding}
            prefix={prefix}
            noun={noun}
            decide={props.decide}
            choices={props.choices}
            onDecided={decided}
            onCancel={close}
          />
        </section>
      )}
      <h2 id={`${prefix}-list-heading`} ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
        {heading}
        {queue.data ? ` (${queue.data.length})` : ''}
      </h2>
      {queue.error ? (
        <LoadError what={props.loadWhat} error={queue.error} onRetry={queue.reload} />
      ) : !queue.data ? (
        <Loading />
      ) : queue.data.length === 0 ? (
        <p data-testid={`${prefix}-empty`}>{props.empty}</p>
      ) : props.refreshable ? (
        <>
          <Button type="button" outline onClick={queue.reload} disabled={queue.loading}>
            Refresh
          </Button>
          {table(queue.data)}
        </>
      ) : (
        table(queue.data)
      )}
    </section>
  );
}
