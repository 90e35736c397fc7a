import type { CaseChannel, CasePriority } from '../case-kinds.ts';

export type CustomerType = 'person' | 'organisation' | 'unknown';
export type AssignmentStrategy = 'manual' | 'round_robin' | 'least_loaded';

/** Every given condition must hold; within one, any listed value will do. An empty rule matches everything. */
export interface RoutingConditions {
  readonly channels?: readonly CaseChannel[];
  readonly categories?: readonly string[];
  readonly customerTypes?: readonly CustomerType[];
  /** Words or phrases, any of which in the title or body (whole words, any case or accent). */
  readonly words?: readonly string[];
  readonly languages?: readonly string[];
}

export interface RoutingActions {
  readonly businessArea?: string | null;
  readonly priority?: CasePriority;
  readonly tags?: readonly string[];
  readonly assignment?: AssignmentStrategy;
}

export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly conditions: RoutingConditions;
  readonly actions: RoutingActions;
}

/** What routing looks at in a new case. */
export interface RoutingInput {
  readonly channel: CaseChannel;
  readonly category: string | null;
  readonly customerType: CustomerType;
  readonly title: string;
  readonly body: string;
  readonly language: string | null;
}

export interface RoutingDecision {
  /** The rule that fired, or null when none did (the case stays in the shared queue). */
  readonly rule: { readonly id: string; readonly name: string } | null;
  readonly actions: RoutingActions;
}

/** Lower case, accents off, runs of anything but letters and digits as one space: how words are compared. */
export function foldWords(text: string): string {
  return ` ${text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

export function ruleMatches(conditions: RoutingConditions, input: RoutingInput): boolean {
  const anyOf = <T>(allowed: readonly T[] | undefined, value: T) =>
    allowed === undefined || allowed.length === 0 || allowed.includes(value);
  if (!anyOf(conditions.channels, input.channel)) return false;
  if (!anyOf(conditions.customerTypes, input.customerType)) return false;
  if (conditions.categories?.length && (input.category === null || !conditions.categories.includes(input.category))) return false;
  if (conditions.languages?.length && (input.language === null || !conditions.languages.includes(input.language))) return false;
  if (conditions.words?.length) {
    const text = foldWords(`${input.title} ${input.body}`);
    const found = (word: string) => {
      const folded = foldWords(word);
      return folded.trim() !== '' && text.includes(folded);
    };
    if (!conditions.words.some(found)) return false;
  }
  return true;
}

/** The first enabled rule, in order, whose conditions hold. */
export function routeCase(rules: readonly RoutingRule[], input: RoutingInput): RoutingDecision {
  const rule = rules.find((r) => r.enabled && ruleMatches(r.conditions, input));
  return rule ? { rule: { id: rule.id, name: rule.name }, actions: rule.actions } : { rule: null, actions: {} };
}
