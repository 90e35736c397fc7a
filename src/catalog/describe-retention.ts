import type { EndingEvent, Period, RetentionRule } from './types.ts';

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const endings: Record<EndingEvent, string> = {
  ceased_to_participate: 'the customer ceases to participate',
  superseded_or_removal_requested: 'the record is superseded or obsolete, or the customer requests its removal',
};

function describePeriod(period: Period): string {
  const unit = period.amount === 1 ? period.unit.slice(0, -1) : period.unit;
  return `${period.amount} ${unit}`;
}

/** The rule in one phrase, for people reading a record's retention (not the notice's wording). */
export function describeRetention(rule: RetentionRule): string {
  switch (rule.kind) {
    case 'from_creation':
      return `${describePeriod(rule.period)} from creation`;
    case 'from_resolution':
      return `${describePeriod(rule.period)} after resolution`;
    case 'from_relationship_end':
      return `${describePeriod(rule.period)} after the relationship ends`;
    case 'calendar_anchored':
      return `${describePeriod(rule.period)} after the first ${months[rule.anchor.month - 1]} ${rule.anchor.day} following creation`;
    case 'until_event':
      return rule.after === undefined ? `until ${endings[rule.event]}` : `${describePeriod(rule.after)} after ${endings[rule.event]}`;
  }
}
