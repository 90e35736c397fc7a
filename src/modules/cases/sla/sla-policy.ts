import type { BusinessCalendar } from './business-calendar.ts';

/** Business minutes allowed, on the policy's calendar. */
export interface SlaTargets {
  readonly firstResponseMinutes: number;
  readonly resolutionMinutes: number;
}

/** Targets for a channel, a priority, or both; a field left out matches any. */
export interface SlaRule<C extends string = string, P extends string = string> extends SlaTargets {
  readonly channel?: C;
  readonly priority?: P;
}

export interface SlaPolicy<C extends string = string, P extends string = string> {
  readonly calendar: BusinessCalendar;
  /** Share of a target, in (0, 1), after which a running clock warns: 0.75 warns with a quarter left. */
  readonly warningFraction: number;
  readonly rules: readonly SlaRule<C, P>[];
  /** For a case no rule matches. */
  readonly fallback: SlaTargets;
}

function assertTargets(targets: SlaTargets): void {
  const valid = (minutes: number): boolean => Number.isFinite(minutes) && minutes > 0;
  if (!valid(targets.firstResponseMinutes) || !valid(targets.resolutionMinutes)) {
    throw new RangeError('SLA targets must be a positive number of minutes');
  }
}

/** Checks a policy: positive targets, a warning fraction in (0, 1), no two rules for the same case. */
export function slaPolicy<C extends string, P extends string>(policy: SlaPolicy<C, P>): SlaPolicy<C, P> {
  if (!(policy.warningFraction > 0 && policy.warningFraction < 1)) throw new RangeError('the warning fraction must lie between 0 and 1');
  assertTargets(policy.fallback);
  const seen = new Set<string>();
  for (const rule of policy.rules) {
    assertTargets(rule);
    // Such a rule would never be chosen: the fallback is the rule for any case.
    if (rule.channel === undefined && rule.priority === undefined) throw new RangeError('an SLA rule must name a channel or a priority');
    const key = JSON.stringify([rule.channel ?? null, rule.priority ?? null]);
    if (seen.has(key)) throw new RangeError(`two SLA rules for channel ${rule.channel ?? 'any'} and priority ${rule.priority ?? 'any'}`);
    seen.add(key);
  }
  return policy;
}

/**
 * The targets for a case: the rule for its channel and priority, else the rule for its
 * priority on any channel, else the rule for its channel at any priority, else the
 * fallback. Priority outranks channel because it is the agency's own statement of
 * urgency: an urgent letter is answered on the urgent clock, not the letter one.
 */
export function slaTargetsFor<C extends string, P extends string>(policy: SlaPolicy<C, P>, channel: C, priority: P): SlaTargets {
  const find = (match: (rule: SlaRule<C, P>) => boolean): SlaRule<C, P> | undefined => policy.rules.find(match);
  const { firstResponseMinutes, resolutionMinutes } =
    find((r) => r.channel === channel && r.priority === priority) ??
    find((r) => r.channel === undefined && r.priority === priority) ??
    find((r) => r.channel === channel && r.priority === undefined) ??
    policy.fallback;
  return { firstResponseMinutes, resolutionMinutes };
}
