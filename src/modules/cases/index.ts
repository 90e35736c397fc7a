export {
  CaseConflict,
  CaseNotFound,
  createCaseService,
  InvalidCaseField,
  type CaseRead,
  type CaseService,
  type CaseServiceOptions,
  type InboundMessage,
  type OpenedCase,
} from './case-service.ts';
export {
  caseChannels,
  casePriorities,
  caseRecordTypes,
  caseStatuses,
  openStatuses,
  resolutionCodes,
  statusTransitions,
  type CaseChannel,
  type CasePriority,
  type CaseRecordType,
  type CaseStatus,
  type ResolutionCode,
} from './case-kinds.ts';
export { isCaseNumber } from './case-number.ts';
export { caseMover } from './case-merge-mover.ts';
export type { CaseDetail, CaseEvent, CaseLink, CaseMessage, CaseSummary, NewCase, Sender } from './case.ts';
export type { CaseFilter } from './case-repository.ts';
export {
  createRouting,
  detectableLanguages,
  detectLanguage,
  InvalidRoutingRule,
  RoutingRuleNotFound,
  type AssignmentStrategy,
  type Routing,
  type RoutingActions,
  type RoutingConditions,
  type RoutingDecision,
  type RoutingRule,
  type RuleInput,
  type StaffMember,
} from './routing/index.ts';
