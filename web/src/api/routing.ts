import { api } from './client.ts';
import type { CaseChannel, CasePriority } from './cases.ts';

/** Shapes of src/http/routes/routing.ts. */
export type CustomerType = 'person' | 'organisation' | 'unknown';
export type AssignmentStrategy = 'manual' | 'round_robin' | 'least_loaded';
export const customerTypes: readonly CustomerType[] = ['person', 'organisation', 'unknown'];
export const assignmentStrategies: readonly AssignmentStrategy[] = ['manual', 'round_robin', 'least_loaded'];
/** detectableLanguages in src/modules/cases/routing/detect-language.ts; test/console-lists.test.ts holds them equal. */
export const routingLanguages = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Spanish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'pt', name: 'Portuguese' },
  { code: 'it', name: 'Italian' },
] as const;

export interface RuleConditions {
  readonly channels?: readonly CaseChannel[];
  readonly categories?: readonly string[];
  readonly customerTypes?: readonly CustomerType[];
  readonly words?: readonly string[];
  readonly languages?: readonly string[];
}

export interface RuleActions {
  readonly businessArea?: string | null;
  readonly priority?: CasePriority;
  readonly tags?: readonly string[];
  readonly assignment?: AssignmentStrategy;
}

export interface RoutingRule {
  readonly id: string;
  readonly name: string;
  readonly enabled: boolean;
  readonly conditions: RuleConditions;
  readonly actions: RuleActions;
}

export interface RuleInput {
  readonly name: string;
  readonly enabled: boolean;
  readonly conditions: RuleConditions;
  readonly actions: RuleActions;
}

export interface RoutingSample {
  readonly channel: CaseChannel;
  readonly category: string | null;
  readonly customerType: CustomerType;
  readonly title: string;
  readonly body: string;
}

export interface RoutingDecision {
  readonly rule: { readonly id: string; readonly name: string } | null;
  readonly actions: RuleActions;
  readonly language: string | null;
}

const rulePath = (id: string) => `/api/routing/rules/${encodeURIComponent(id)}`;

export const listRules = () => api.get<RoutingRule[]>('/api/routing/rules');
export const createRule = (input: RuleInput) => api.post<RoutingRule>('/api/routing/rules', input);
export const updateRule = (id: string, input: RuleInput) => api.put<RoutingRule>(rulePath(id), input);
export const deleteRule = (id: string) => api.delete(rulePath(id));
export const reorderRules = (ids: readonly string[]) => api.put<RoutingRule[]>('/api/routing/order', { ids });
/** POST: the sample's subject and body are personal data, never in the URL. */
export const previewRouting = (sample: RoutingSample) => api.post<RoutingDecision>('/api/routing/preview', sample);
export const staffOfArea = (area?: string) => api.get<{ id: string; displayName: string }[]>('/api/routing/staff', { query: { area } });
