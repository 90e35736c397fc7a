import { sql, type RawBuilder } from 'kysely';
import { personalTables } from '../../../catalog/index.ts';
import { subjectBookkeeping } from '../subject-tables.ts';
import { surveyRecordType } from '../../surveys/index.ts';
import { callRecordType } from '../../calls/index.ts';
import {
  changeOfAddressRecordType,
  coaVerificationRecordType,
  deliveryPreferencesRecordType,
  deliveryRequestRecordType,
  holdMailRecordType,
  trackingAlertRecordType,
} from '../../tracking/index.ts';

/**
 * A table whose rows carry their own `dispose_after`, computed from their record type's
 * rule when written and again when the rule's trigger happens (a case resolved or
 * reopened). Deleting a row takes its dependants with it (foreign keys ON DELETE CASCADE:
 * a case's messages, events, links, attachments, outbound mail, survey invitations).
 */
export interface DisposalTarget {
  readonly table:
    | 'cases'
    | 'calls'
    | 'survey_responses'
    | 'privacy_requests'
    | 'disclosures'
    | 'changes_of_address'
    | 'coa_identity_verifications'
    | 'hold_mail_requests'
    | 'delivery_requests'
    | 'delivery_preferences'
    | 'tracking_subscriptions'
    | 'mailings';
  /** The column naming each row's record type, or the one record type all its rows are. */
  readonly recordType: { readonly column: string } | { readonly fixed: string };
  /** The case a row belongs to, for holds placed on a case: a column, or the case a disclosure was of. */
  readonly caseColumn: string | 'disclosed_case' | null;
  /** When a row was created, for holds on a range of creation dates. */
  readonly createdColumn: string;
}

/** Dependants first: a case's calls and survey answers have rules of their own, often longer. */
export const disposalTargets: readonly DisposalTarget[] = [
  { table: 'survey_responses', recordType: { fixed: surveyRecordType }, caseColumn: 'case_id', createdColumn: 'answered_at' },
  { table: 'calls', recordType: { fixed: callRecordType }, caseColumn: 'case_id', createdColumn: 'created_at' },
  // A change of address (kept 4 years after the relationship ends) and its identity verification (2 years from it).
  { table: 'changes_of_address', recordType: { fixed: changeOfAddressRecordType }, caseColumn: null, createdColumn: 'created_at' },
  { table: 'coa_identity_verifications', recordType: { fixed: coaVerificationRecordType }, caseColumn: null, createdColumn: 'created_at' },
  // A hold (1 year from the request); its verification is the row above's.
  { table: 'hold_mail_requests', recordType: { fixed: holdMailRecordType }, caseColumn: null, createdColumn: 'created_at' },
  // Redeliveries, pickups and delivery preferences: 4 years after the relationship ends.
  { table: 'delivery_requests', recordType: { fixed: deliveryRequestRecordType }, caseColumn: null, createdColumn: 'created_at' },
  { table: 'delivery_preferences', recordType: { fixed: deliveryPreferencesRecordType }, caseColumn: null, createdColumn: 'updated_at' },
  // Tracking alert subscriptions: 1 year from the subscription (Confirmation Services).
  { table: 'tracking_subscriptions', recordType: { fixed: trackingAlertRecordType }, caseColumn: null, createdColumn: 'created_at' },
  // Mailings: drop ship records 2 years from creation, business mailing records 4 years after the relationship ends.
  { table: 'mailings', recordType: { column: 'record_type' }, caseColumn: null, createdColumn: 'created_at' },
  { table: 'cases', recordType: { column: 'record_type' }, caseColumn: 'id', createdColumn: 'created_at' },
  { table: 'privacy_requests', recordType: { column: 'record_type' }, caseColumn: null, createdColumn: 'received_at' },
  // Last: an entry of the accounting is kept 5 years or the life of the record disclosed,
  // whichever is longer (5 U.S.C. 552a(c)(2)), so only once its record is gone.
  { table: 'disclosures', recordType: { column: 'record_type' }, caseColumn: 'disclosed_case', createdColumn: 'disclosed_at' },
];

/** The record type of the row `t` of the target's table: its column, or the one type all its rows are. */
export function recordTypeOf(target: Pick<DisposalTarget, 'recordType'>): RawBuilder<string> {
  return 'column' in target.recordType ? sql<string>`${sql.ref(`t.${target.recordType.column}`)}` : sql<string>`${target.recordType.fixed}`;
}

/** Tables whose rows the blind index points at by id: their entries go with the row. */
export function indexedRecordTables(): string[] {
  return Object.entries(personalTables())
    .filter(([table, decl]) => !subjectBookkeeping.has(table) && Object.hasOwn(decl.columns, 'id'))
    .map(([table]) => table)
    .sort();
}
