import { api } from './client.ts';
import type { CasePriority, ResolutionCode } from './cases.ts';

/** Shapes of src/http/routes/macros.ts and macro-schema.ts. */
export type MacroStatus = 'open' | 'pending_customer' | 'pending_internal' | 'resolved' | 'closed';
export const macroStatuses: readonly MacroStatus[] = ['open', 'pending_customer', 'pending_internal', 'resolved', 'closed'];

/** The placeholders a template may use (placeholderNames in src/modules/macros/template.ts; test/console-lists.test.ts holds them equal). */
export const macroPlaceholders = [
  { name: 'customer.name', meaning: 'the customer’s name' },
  { name: 'customer.first_name', meaning: 'the customer’s first name' },
  { name: 'case.number', meaning: 'the case number' },
  { name: 'case.title', meaning: 'the case title' },
  { name: 'agent.name', meaning: 'your name' },
  { name: 'survey.link', meaning: 'the satisfaction survey link (its line is left out when there is no survey)' },
] as const;

export interface MacroActions {
  readonly status?: MacroStatus;
  /** Required with status 'resolved', refused otherwise. */
  readonly resolutionCode?: ResolutionCode;
  readonly priority?: CasePriority;
  readonly tags?: readonly string[];
}

export interface Macro {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly businessArea: string | null;
  readonly actions: MacroActions;
  readonly placeholders: readonly string[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export interface MacroInput {
  readonly name: string;
  readonly body: string;
  readonly businessArea: string | null;
  readonly actions: MacroActions;
}

export interface MacroPreview {
  readonly body: string;
  readonly actions: MacroActions;
}

const macroPath = (id: string) => `/api/macros/${encodeURIComponent(id)}`;

export const listMacros = () => api.get<Macro[]>('/api/macros');
export const createMacro = (input: MacroInput) => api.post<Macro>('/api/macros', input);
export const updateMacro = (id: string, input: MacroInput) => api.put<Macro>(macroPath(id), input);
export const deleteMacro = (id: string) => api.delete(macroPath(id));
export const previewMacro = (caseId: string, macroId: string) =>
  api.post<MacroPreview>(`/api/cases/${encodeURIComponent(caseId)}/macros/${encodeURIComponent(macroId)}/preview`);
