import { addPeriod, localDateOf, nextAnchorDay, startOfLocalDay } from './local-calendar.ts';
import type { Period, RecordHistory, RetentionRule } from './types.ts';

/** The notices' periods are calendar periods of the agency's headquarters. */
export const agencyTimeZone = 'America/New_York';

export interface DisposeOptions {
  /** IANA zone whose calendar the periods are counted in. */
  readonly timeZone?: string;
}

const noPeriod: Period = { amount: 0, unit: 'days' };

function isResolved(history: RecordHistory): history is RecordHistory & { resolvedAt: Date } {
  const { resolvedAt, reopenedAt } = history;
  if (resolvedAt == null) return false;
  return reopenedAt == null || resolvedAt.getTime() > reopenedAt.getTime();
}

function triggerOf(rule: RetentionRule, history: RecordHistory): Date | null {
  switch (rule.kind) {
    case 'from_creation':
    case 'calendar_anchored':
      return history.createdAt;
    case 'from_resolution':
      return isResolved(history) ? history.resolvedAt : null;
    case 'from_relationship_end':
      return history.relationshipEndedAt ?? null;
    case 'until_event':
      return history.ceasedAt ?? null;
  }
}

/**
 * The instant a record becomes due for disposal, or null while its retention trigger
 * (resolution, end of relationship, ending event) has not happened.
 *
 * The period is added to the local calendar date of the trigger and the record falls
 * due at the start of the following local day, so its whole period has run whatever
 * the hour of the trigger, the zone or daylight saving time. A calendar-anchored period
 * starts at the beginning of its anchor day and falls due when it ends.
 */
export function disposeAfter(rule: RetentionRule, history: RecordHistory, options: DisposeOptions = {}): Date | null {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const trigger = triggerOf(rule, history);
  if (trigger === null) return null;
  const instant = trigger.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`disposeAfter: the ${rule.kind} trigger is an invalid date`);
  const triggerDay = localDateOf(instant, timeZone);
  if (rule.kind === 'calendar_anchored') {
    const anchorDay = nextAnchorDay(triggerDay, rule.anchor);
    return new Date(startOfLocalDay(addPeriod(anchorDay, rule.period), timeZone));
  }
  const period = rule.kind === 'until_event' ? (rule.after ?? noPeriod) : rule.period;
  const lastDay = addPeriod(triggerDay, period);
  return new Date(startOfLocalDay(addPeriod(lastDay, { amount: 1, unit: 'days' }), timeZone));
}
