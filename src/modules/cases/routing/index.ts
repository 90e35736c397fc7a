export {
  createRouting,
  InvalidRoutingRule,
  RoutingRuleNotFound,
  rulesAsJson,
  rulesOf,
  type Routing,
  type RuleInput,
  type StaffMember,
} from './routing-service.ts';
export { detectableLanguages, detectLanguage } from './detect-language.ts';
export {
  foldWords,
  routeCase,
  ruleMatches,
  type AssignmentStrategy,
  type CustomerType,
  type RoutingActions,
  type RoutingConditions,
  type RoutingDecision,
  type RoutingInput,
  type RoutingRule,
} from './routing-rule.ts';
