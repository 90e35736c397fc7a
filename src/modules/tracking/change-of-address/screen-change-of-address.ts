import type { Screening, ScreeningOutcome } from './change-of-address.ts';
import { fraudRules, type FraudRule, type ScreeningSignals } from './fraud-rules.ts';

/**
 * The thresholds of the risk score: below `review` a request passes and forwards from
 * its effective date; from `review` it waits in the fraud team's queue; from `deny` it is
 * refused. The score is the sum of the fired rules' points, capped at `cap` so that it
 * reads as a percentage and piling up reasons adds nothing past certainty.
 */
export const screeningThresholds = { review: 30, deny: 70, cap: 100 } as const;

export function outcomeOf(score: number): ScreeningOutcome {
  return score >= screeningThresholds.deny ? 'deny' : score >= screeningThresholds.review ? 'review' : 'pass';
}

/** Runs every rule over the signals: the fired ones (points > 0) are the reasons, heaviest first. Pure. */
export function screenChangeOfAddress(signals: ScreeningSignals, rules: readonly FraudRule[] = fraudRules): Screening {
  const reasons = rules
    .map((r) => ({ rule: r.rule, points: r.points(signals), explanation: r.explain(signals) }))
    .filter((r) => r.points > 0)
    .sort((a, b) => b.points - a.points || a.rule.localeCompare(b.rule));
  const score = Math.min(
    screeningThresholds.cap,
    reasons.reduce((sum, r) => sum + r.points, 0),
  );
  return { score, outcome: outcomeOf(score), reasons };
}
