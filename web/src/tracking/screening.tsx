import { useEffect, useRef, type ReactNode } from 'react';
import { Alert } from '@trussworks/react-uswds';
import {
  fraudRuleLabels,
  screeningOutcomeLabels,
  screeningThresholds,
  type ReviewDecision,
  type Screening,
  type ScreeningOutcome,
  type ScreeningReason,
} from '../api/changes-of-address.ts';
import { holdRuleLabels, holdScreeningOutcomeLabels, holdScreeningThresholds, type HoldScreeningOutcome } from '../api/hold-mail.ts';
import { formatDateTime } from '../util/formatDateTime.ts';

/** What tells one fraud screen from another on screen: its outcomes', thresholds' and rules' names. */
export interface Screen<Outcome extends string> {
  readonly outcomeLabels: Readonly<Record<Outcome, string>>;
  readonly heldFrom: number;
  readonly refusedFrom: number;
  readonly ruleLabels: Readonly<Record<string, string>>;
}

export const coaScreen: Screen<ScreeningOutcome> = {
  outcomeLabels: screeningOutcomeLabels,
  heldFrom: screeningThresholds.review,
  refusedFrom: screeningThresholds.deny,
  ruleLabels: fraudRuleLabels,
};

export const holdScreen: Screen<HoldScreeningOutcome> = {
  outcomeLabels: holdScreeningOutcomeLabels,
  heldFrom: holdScreeningThresholds.review,
  refusedFrom: holdScreeningThresholds.refuse,
  ruleLabels: holdRuleLabels,
};

/** A fired rule in words: its name for people, its points, and why it fired (counts and codes only). */
export function reasonText(reason: ScreeningReason, ruleLabels: Readonly<Record<string, string>>): string {
  const name = ruleLabels[reason.rule] ?? reason.rule.replace(/_/g, ' ');
  return `${name} (${reason.points} ${reason.points === 1 ? 'point' : 'points'}): ${reason.explanation}.`;
}

/** The screen's outcome, its score against the thresholds, and each reason. */
export function ScreeningSummary<Outcome extends string>({
  screen,
  screening,
}: {
  readonly screen: Screen<Outcome>;
  readonly screening: Screening<Outcome>;
}) {
  return (
    <>
      <span className="text-bold">{screen.outcomeLabels[screening.outcome]}</span>
      <span className="display-block">
        Score {screening.score} of 100{' '}
        <span className="text-base-dark">
          (held from {screen.heldFrom}, refused from {screen.refusedFrom})
        </span>
      </span>
      {screening.reasons.length === 0 ? (
        <span className="display-block">No rule fired.</span>
      ) : (
        <ul className="usa-list margin-y-05 padding-left-205">
          {screening.reasons.map((r) => (
            <li key={r.rule}>{reasonText(r, screen.ruleLabels)}</li>
          ))}
        </ul>
      )}
    </>
  );
}

/**
 * What the screen decided about the request just entered, with its reasons; it takes the focus
 * so that the agent hears the outcome at once. Children follow the reasons (the letters).
 */
export function ScreeningResult<Outcome extends string>({
  id,
  testId,
  type,
  heading,
  text,
  screen,
  screening,
  children,
}: {
  /** The request's id: a new request takes the focus again. */
  readonly id: string;
  readonly testId: string;
  readonly type: 'success' | 'warning' | 'error' | 'info';
  readonly heading: string;
  readonly text: string;
  readonly screen: Screen<Outcome>;
  readonly screening: Screening<Outcome>;
  readonly children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [id]);
  return (
    <div ref={ref} tabIndex={-1} data-testid={testId}>
      <Alert type={type} className="margin-y-2">
        <h3 className="usa-alert__heading">{heading}</h3>
        <p className="usa-alert__text">
          {text} Fraud screen score: {screening.score} of 100.
        </p>
        {screening.reasons.length > 0 && (
          <ul className="usa-list">
            {screening.reasons.map((r) => (
              <li key={r.rule}>{reasonText(r, screen.ruleLabels)}</li>
            ))}
          </ul>
        )}
        {children}
      </Alert>
    </div>
  );
}

/** A held request's review, once a supervisor decided it. */
export function ReviewNote({ review }: { readonly review: ReviewDecision | null }) {
  if (!review) return null;
  return (
    <span className="display-block">
      {review.decision === 'approve' ? 'Approved' : 'Denied'} on review {formatDateTime(review.decidedAt)}
    </span>
  );
}
