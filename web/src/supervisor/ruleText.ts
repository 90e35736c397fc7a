import type { RoutingRule, RuleActions } from '../api/routing.ts';
import { channelLabels, priorityLabels } from '../cases/caseText.ts';

const typeLabels: Record<string, string> = { person: 'person', organisation: 'organisation', unknown: 'not known' };
const assignmentText: Record<string, string> = {
  manual: 'left in the queue',
  round_robin: 'round robin',
  least_loaded: 'least loaded agent',
};

/** A rule's conditions in words, one part each. */
export function conditionParts(conditions: RoutingRule['conditions']): string[] {
  const parts: string[] = [];
  if (conditions.channels?.length) parts.push(`Channel: ${conditions.channels.map((c) => channelLabels[c]).join(' or ')}`);
  if (conditions.categories?.length) parts.push(`Category: ${conditions.categories.join(' or ')}`);
  if (conditions.customerTypes?.length) parts.push(`Customer: ${conditions.customerTypes.map((t) => typeLabels[t] ?? t).join(' or ')}`);
  if (conditions.words?.length) parts.push(`Words: ${conditions.words.map((w) => `“${w}”`).join(', ')}`);
  if (conditions.languages?.length) parts.push(`Language: ${conditions.languages.join(' or ')}`);
  return parts;
}

/** A rule's actions in words. */
export function actionParts(actions: RuleActions): string[] {
  const parts: string[] = [];
  if (actions.businessArea !== undefined) parts.push(`Business area: ${actions.businessArea ?? 'shared'}`);
  if (actions.priority) parts.push(`Priority: ${priorityLabels[actions.priority]}`);
  if (actions.tags?.length) parts.push(`Tags: ${actions.tags.join(', ')}`);
  if (actions.assignment) parts.push(`Assignment: ${assignmentText[actions.assignment] ?? actions.assignment}`);
  return parts;
}
