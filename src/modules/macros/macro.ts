import type { CasePriority, CaseStatus, ResolutionCode } from '../cases/index.ts';
import type { PlaceholderName } from './template.ts';

/** The statuses a macro may move a case to: every one an agent can choose, 'new' aside. */
export const macroStatuses = [
  'open',
  'pending_customer',
  'pending_internal',
  'resolved',
  'closed',
] as const satisfies readonly CaseStatus[];
export type MacroStatus = (typeof macroStatuses)[number];

/** What using the macro does to the case besides the reply: each part optional. */
export interface MacroActions {
  readonly status?: MacroStatus;
  /** Required with status 'resolved', refused otherwise. */
  readonly resolutionCode?: ResolutionCode;
  readonly priority?: CasePriority;
  /** Tags to add to the case. */
  readonly tags?: readonly string[];
}

export interface MacroInput {
  readonly name: string;
  /** The template: text with {{placeholders}}. */
  readonly body: string;
  /** null (or missing): for everyone; else for that business area's staff and cases. */
  readonly businessArea?: string | null;
  readonly actions?: MacroActions;
}

export interface Macro {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly businessArea: string | null;
  readonly actions: MacroActions;
  /** The placeholders the body uses, in order of first use. */
  readonly placeholders: readonly PlaceholderName[];
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedBy: string;
  readonly updatedAt: Date;
}

/** A macro filled in for one case: the reply to send and the actions to apply with it. */
export interface MacroPreview {
  readonly body: string;
  readonly actions: MacroActions;
}
