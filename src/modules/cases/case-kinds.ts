import type { CaseChannel, CasePriority, CaseStatus } from '../../db/index.ts';
import type { RecordTypeId } from '../../catalog/index.ts';

export type { CaseChannel, CasePriority, CaseStatus };

export const caseChannels = ['email', 'phone', 'fax', 'web', 'letter', 'walk_in'] as const satisfies readonly CaseChannel[];
export const casePriorities = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly CasePriority[];
export const caseStatuses = [
  'new',
  'open',
  'pending_customer',
  'pending_internal',
  'resolved',
  'closed',
  'reopened',
] as const satisfies readonly CaseStatus[];

/**
 * The kinds of inquiry a case can be, each a record type of 880.000 with the retention
 * seed 000 gives it (usps.com care 90 days, call centers 1 year, complaint letters 6
 * months, automated complaints 3 years, Operation Santa 6 months after the new year,
 * other inquiries 2 years after resolution).
 */
export const caseRecordTypes = {
  'usps-880/usps-com-care': 'usps.com customer care',
  'usps-880/call-center-contact': '1-800-ASK-USPS, Delivery Confirmation, Special Services or international call center',
  'usps-880/complaint-letter': 'Complaint letter',
  'usps-880/automated-complaint': 'Automated complaint',
  'usps-880/business-service-network': 'Business Service Network',
  'usps-880/operation-santa-letter': 'Operation Santa letter',
  'usps-880/inquiry': 'Other inquiry',
} as const satisfies Partial<Record<RecordTypeId, string>>;
export type CaseRecordType = keyof typeof caseRecordTypes;

export function isCaseRecordType(value: string): value is CaseRecordType {
  return Object.hasOwn(caseRecordTypes, value);
}

/** Where a case may go from each status; a resolved case reopens rather than going back to work. */
export const statusTransitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['open', 'pending_customer', 'pending_internal', 'resolved', 'closed'],
  open: ['pending_customer', 'pending_internal', 'resolved'],
  pending_customer: ['open', 'pending_internal', 'resolved'],
  pending_internal: ['open', 'pending_customer', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['open', 'pending_customer', 'pending_internal', 'resolved'],
};

/** Statuses in which a case is still being worked: what a screen-pop and a queue show. */
export const openStatuses: readonly CaseStatus[] = ['new', 'open', 'pending_customer', 'pending_internal', 'reopened'];

export const resolutionCodes = ['answered', 'resolved_by_action', 'referred', 'duplicate', 'no_response', 'withdrawn', 'spam'] as const;
export type ResolutionCode = (typeof resolutionCodes)[number];
