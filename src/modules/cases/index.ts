export {
  CaseConflict,
  CaseNotFound,
  createCaseService,
  InvalidCaseField,
  type CaseMail,
  type CaseMailer,
  type CaseOutcome,
  type CaseOutcomeHook,
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
export type { CaseDetail, CaseEvent, CaseLink, CaseLinks, CaseMessage, CaseSummary, NewCase, Sender } from './case.ts';
export type { CaseFilter } from './case-repository.ts';
export {
  createRouting,
  detectableLanguages,
  detectLanguage,
  foldWords,
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

// What other modules attaching records to a case need (the attachments module): the case's
// access scope, one checked the way the case service checks it, and an entry in its history.
import { randomUUID as newEventId } from 'node:crypto';
import { actorOf as actorOfPrincipal, authorize as authorizeOnCase, can as canOnCase } from '../../access/index.ts';
import type { Principal as CasePrincipal, Tx as CaseTx } from '../../db/index.ts';
import { CaseNotFound as NoSuchCase } from './case-service.ts';
import { insertEvent as insertCaseEvent, messageIdHash, selectCase as selectCaseRow } from './case-repository.ts';

/** A case as another module sees it: enough to check access, encrypt for its data subject and audit. */
export interface CaseRef {
  readonly id: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly recordType: string;
}

/**
 * The case when `principal` may do `action` on it; CaseNotFound when it may not even read it
 * (a hidden case and a missing one look alike), AccessDenied when it may read but not update.
 */
export async function caseRef(
  trx: CaseTx,
  principal: CasePrincipal,
  id: string,
  action: 'record.read' | 'record.update',
): Promise<CaseRef> {
  const row = await selectCaseRow(trx, id);
  const scope = row ? { subjectId: row.subject_id, businessArea: row.business_area } : null;
  if (!row || !scope || !canOnCase(principal, 'record.read', scope)) throw new NoSuchCase('no such case');
  authorizeOnCase(principal, action, scope);
  return { id: row.id, subjectId: row.subject_id, businessArea: row.business_area, recordType: row.record_type };
}

/** Appends an event to the case's history (`detail`: codes and ids only, never personal values) and marks the case updated. */
export async function appendCaseEvent(
  trx: CaseTx,
  principal: CasePrincipal,
  ref: CaseRef,
  kind: string,
  detail: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await insertCaseEvent(trx, {
    id: newEventId(),
    case_id: ref.id,
    subject_id: ref.subjectId,
    business_area: ref.businessArea,
    at: now,
    actor: actorOfPrincipal(principal),
    kind,
    detail: JSON.stringify(detail),
  });
  await trx.updateTable('cases').set({ updated_at: now }).where('id', '=', ref.id).execute();
}

/** The case message an inbound e-mail became, found by its RFC 5322 Message-ID; null when none. */
export async function inboundMessageOf(trx: CaseTx, messageId: string): Promise<string | null> {
  const row = await trx.selectFrom('case_messages').select('id').where('message_id_hash', '=', messageIdHash(messageId)).executeTakeFirst();
  return row?.id ?? null;
}
export { createCaseSla, type CaseSla, type SlaAlertCase, type SlaTarget, type SweepResult } from './case-sla.ts';
export { agencySlaPolicy } from './sla/agency-policy.ts';
export { businessMinutesBetween, type BusinessCalendar } from './sla/index.ts';
export { observedFederalHoliday, parseLocalDate, type FederalHoliday } from './sla/index.ts';
export { startSlaMonitor, type SlaMonitor, type SlaMonitorOptions } from './case-sla-monitor.ts';
export { caseWorkload, type WorkloadRow } from './case-workload.ts';
export { holdCustomerRetention, refreshCustomerRetention } from './customer-retention.ts';
