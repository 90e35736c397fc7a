import type { ScreeningReason } from '../api/changes-of-address.ts';
import { holdRuleLabels, holdScreeningOutcomeLabels, holdScreeningThresholds, type HoldMail } from '../api/hold-mail.ts';

/** A fired rule of the hold mail screen in words: its name for people, its points, and why (counts only). */
export function holdReasonText(reason: ScreeningReason): string {
  const name = holdRuleLabels[reason.rule] ?? reason.rule.replace(/_/g, ' ');
  return `${name} (${reason.points} ${reason.points === 1 ? 'point' : 'points'}): ${reason.explanation}.`;
}

/** The hold mail screen's outcome, its score against the thresholds, and each reason. */
export function HoldScreeningSummary({ screening }: { readonly screening: HoldMail['screening'] }) {
  return (
    <>
      <span className="text-bold">{holdScreeningOutcomeLabels[screening.outcome]}</span>
      <span className="display-block">
        Score {screening.score} of 100{' '}
        <span className="text-base-dark">
          (held from {holdScreeningThresholds.review}, refused from {holdScreeningThresholds.refuse})
        </span>
      </span>
      {screening.reasons.length === 0 ? (
        <span className="display-block">No rule fired.</span>
      ) : (
        <ul className="usa-list margin-y-05 padding-left-205">
          {screening.reasons.map((r) => (
            <li key={r.rule}>{holdReasonText(r)}</li>
          ))}
        </ul>
      )}
    </>
  );
}
