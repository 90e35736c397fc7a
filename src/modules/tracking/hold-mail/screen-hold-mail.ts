import type { HoldScreening, HoldScreeningOutcome } from './hold-mail.ts';
import { holdMailRules, type HoldMailRule, type HoldMailSignals } from './hold-mail-rules.ts';

/**
 * Below `review` a hold is scheduled; from `review` it waits for the fraud team; from
 * `refuse` it is refused. The score is the sum of the fired rules' points, capped at `cap`.
 * The same scale as the change-of-address screen, so the fraud team reads both alike.
 */
export const holdScreeningThresholds = { review: 30, refuse: 70, cap: 100 } as const;

function outcomeOf(score: number): HoldScreeningOutcome {
  return score >= holdScreeningThresholds.refuse ? 'refuse' : score >= holdScreeningThresholds.review ? 'review' : 'pass';
}

/** Runs every rule over the signals: the fired ones (points > 0) are the reasons, heaviest first. Pure. */
export function screenHoldMail(signals: HoldMailSignals, rules: readonly HoldMailRule[] = holdMailRules): HoldScreening {
  const reasons = rules
    .map((r) => ({ rule: r.rule, points: r.points(signals), explanation: r.explain(signals) }))
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points || a.rule.localeCompare(b.rule));
  const score = Math.min(
    holdScreeningThresholds.cap,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  return { score, outcome: outcomeOf(score), reasons };
}
