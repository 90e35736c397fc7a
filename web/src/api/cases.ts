import { api } from './client.ts';

/** Shapes of src/http/routes/cases.ts and case-schema.ts; kinds of src/modules/cases/case-kinds.ts. */
export type CaseChannel = 'email' | 'phone' | 'fax' | 'web' | 'letter' | 'walk_in';
export type CasePriority = 'low' | 'normal' | 'high' | 'urgent';
export type CaseStatus = 'new' | 'open' | 'pending_customer' | 'pending_internal' | 'resolved' | 'closed' | 'reopened';
export type ResolutionCode = 'answered' | 'resolved_by_action' | 'referred' | 'duplicate' | 'no_response' | 'withdrawn' | 'spam';
export type LinkKind = 'article' | 'order' | 'pickup';

export const casePriorities: readonly CasePriority[] = ['low', 'normal', 'high', 'urgent'];
export const resolutionCodes: readonly ResolutionCode[] = [
  'answered',
  'resolved_by_action',
  'referred',
  'duplicate',
  'no_response',
  'withdrawn',
  'spam',
];
export const linkKinds: readonly LinkKind[] = ['article', 'order', 'pickup'];

/**
 * The record types a case can be, with their names. The server does not serve this list
 * on its own (it is in the OpenAPI description of recordType): test/console-lists.test.ts
 * holds the ids to the server's.
 */
export const caseRecordTypes = {
  'usps-880/call-center-contact': 'Call center contact (1-800-ASK-USPS, Delivery Confirmation, Special Services, international)',
  'usps-880/usps-com-care': 'usps.com customer care',
  'usps-880/complaint-letter': 'Complaint letter',
  'usps-880/automated-complaint': 'Automated complaint',
  'usps-880/business-service-network': 'Business Service Network',
  'usps-880/operation-santa-letter': 'Operation Santa letter',
  'usps-880/inquiry': 'Other inquiry',
} as const;
export type CaseRecordType = keyof typeof caseRecordTypes;

/**
 * Where a case may go from each status (statusTransitions in case-kinds.ts): the server
 * answers 409 to any other move. Not served by the API either: test/console-lists.test.ts
 * holds it equal to the server's.
 */
export const statusTransitions: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['open', 'pending_customer', 'pending_internal', 'resolved', 'closed'],
  open: ['pending_customer', 'pending_internal', 'resolved'],
  pending_customer: ['open', 'pending_internal', 'resolved'],
  pending_internal: ['open', 'pending_customer', 'resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['open', 'pending_customer', 'pending_internal', 'resolved'],
};

export interface Sender {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
}

export interface CaseSummary {
  readonly id: string;
  /** C-YYYY-NNNNNN */
  readonly number: string;
  readonly customerId: string | null;
  readonly title: string;
  readonly channel: CaseChannel;
  readonly recordType: string;
  readonly businessArea: string | null;
  readonly category: string | null;
  readonly priority: CasePriority;
  readonly status: CaseStatus;
  /** A staff member's id, or null while in the queue. */
  readonly assignee: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CaseMessage {
  readonly id: string;
  readonly kind: 'inbound' | 'outbound' | 'note';
  readonly channel: CaseChannel | 'internal';
  /** Who wrote it: 'staff:<uuid>' for replies and notes. */
  readonly author: string | null;
  readonly from: Sender | null;
  readonly to: readonly string[];
  readonly body: string;
  readonly createdAt: string;
}

export interface CaseEvent {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly kind: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface CaseLink {
  readonly id: string;
  readonly kind: LinkKind;
  readonly number: string;
}

export interface CaseDetail extends CaseSummary {
  readonly sender: Sender | null;
  readonly tags: readonly string[];
  readonly resolutionCode: ResolutionCode | null;
  readonly resolution: string | null;
  readonly firstResponseAt: string | null;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  /** When the record type's retention rule disposes of the case. */
  readonly disposeAfter: string | null;
  readonly messages: readonly CaseMessage[];
  readonly events: readonly CaseEvent[];
  /** The assignee and every staff member who acted on the case; a null name is an account that no longer exists. */
  readonly personnel: readonly { readonly id: string; readonly displayName: string | null }[];
  readonly links: readonly CaseLink[];
}

export interface NewCase {
  readonly customerId?: string | null;
  readonly sender?: Sender | null;
  readonly channel: CaseChannel;
  readonly recordType: string;
  readonly businessArea?: string | null;
  readonly category?: string | null;
  readonly priority?: CasePriority;
  readonly title: string;
  readonly body: string;
  readonly tags?: readonly string[];
}

export interface CaseQuery {
  /** 'open' (every status still being worked) or a comma list of statuses. */
  readonly status?: string;
  readonly assignee?: 'me' | 'none' | string;
  /** An area's id, or 'none' for the shared queue. */
  readonly businessArea?: string;
  readonly customerId?: string;
  readonly limit?: number;
}

export interface StatusChange {
  readonly status: CaseStatus;
  readonly resolutionCode?: ResolutionCode;
  readonly resolution?: string;
}

export const caseNumberPattern = /^C-\d{4}-\d{6,}$/;

const path = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

export const openCase = (input: NewCase) => api.post<CaseSummary>('/api/cases', input);
export const listCases = (query: CaseQuery) => api.get<CaseSummary[]>('/api/cases', { query: { ...query } });
export const fetchCase = (id: string) => api.get<CaseDetail>(path(id));
export const caseIdOfNumber = (number: string) => api.get<{ id: string }>(`/api/cases/by-number/${encodeURIComponent(number)}`);
export const changeCaseStatus = (id: string, change: StatusChange) => api.post<CaseSummary>(`${path(id)}/status`, change);
/** 'me', a staff id, or null to put the case back in the queue. */
export const assignCase = (id: string, assignee: string | null) => api.post<CaseSummary>(`${path(id)}/assign`, { assignee });
export const addCaseNote = (id: string, body: string) => api.post<CaseMessage>(`${path(id)}/notes`, { body });
/** A case's priority and tags: a macro's canned actions, or triage. */
export const classifyCase = (id: string, change: { priority?: CasePriority; addTags?: readonly string[] }) =>
  api.post<CaseSummary>(`${path(id)}/classification`, change);
/** Recorded in the case, and e-mailed when the case came by e-mail or the recipients are addresses. */
export const recordCaseReply = (id: string, to: readonly string[], body: string) =>
  api.post<CaseMessage>(`${path(id)}/replies`, { to, body });
export const receiveCaseMessage = (id: string, channel: CaseChannel, body: string, from?: Sender | null) =>
  api.post<CaseSummary>(`${path(id)}/messages`, { channel, body, ...(from ? { from } : {}) });
export const linkToCase = (id: string, kind: LinkKind, number: string) => api.post<CaseLink>(`${path(id)}/links`, { kind, number });
