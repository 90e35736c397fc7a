import { api } from './client.ts';

/** Shapes of src/http/routes/privacy-requests.ts (Privacy Act requests, 5 U.S.C. 552a(d)). */
export const requestKinds = ['notification', 'access', 'amendment'] as const;
export type OpenableKind = (typeof requestKinds)[number];
export type RequestKind = OpenableKind | 'appeal';

export const requestChannels = ['portal', 'letter', 'email', 'walk_in', 'fax'] as const;
export type RequestChannel = (typeof requestChannels)[number];

export const requestStatuses = ['received', 'in_review', 'granted', 'partially_granted', 'denied', 'withdrawn', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const identityMethods = ['document', 'notarized_statement', 'in_person', 'portal_account', 'knowledge'] as const;
export type IdentityMethod = (typeof identityMethods)[number];

export const decisionOutcomes = ['granted', 'partially_granted', 'denied'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

export const letterKinds = ['acknowledgement', 'grant', 'denial', 'appeal-decision', 'amendment-notice'] as const;
export type LetterKind = (typeof letterKinds)[number];

/** Where a running deadline stands; null once it is met. */
export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';

export interface RequesterAddress {
  readonly deliveryLine: string;
  readonly unitDesignator: string | null;
  readonly unitNumber: string | null;
  readonly city: string;
  /** Two letters. */
  readonly state: string;
  readonly zip5: string;
  readonly zip4: string | null;
}

export interface Requester {
  readonly name: string;
  readonly kind?: 'person' | 'organisation';
  readonly address?: RequesterAddress | null;
  readonly email?: string | null;
}

/** The customer value an amendment asks to correct. */
export interface AmendmentTarget {
  readonly recordTable: string;
  readonly recordId: string;
  readonly field: string;
  readonly requestedValue: string;
}

export interface PrivacyRequest {
  readonly id: string;
  /** 'PA-2026-000001' */
  readonly number: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly kind: RequestKind;
  readonly channel: RequestChannel;
  readonly status: RequestStatus;
  readonly requester: Requester;
  readonly details: string;
  readonly receivedAt: string;
  readonly identity: { readonly method: IdentityMethod; readonly verifiedBy: string; readonly verifiedAt: string } | null;
  readonly acknowledgeDue: string | null;
  readonly decideDue: string;
  readonly acknowledgedAt: string | null;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
  readonly appealOf: string | null;
  readonly appealWindowEnds: string | null;
  readonly target: AmendmentTarget | null;
  readonly recordType: string;
  readonly disposeAfter: string | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly nextDeadline: { readonly name: 'acknowledge' | 'decide'; readonly dueAt: string; readonly status: DeadlineStatus | null } | null;
}

export interface NewRequest {
  readonly kind: OpenableKind;
  readonly channel: RequestChannel;
  readonly customerId?: string | null;
  readonly businessArea?: string | null;
  readonly requester: Requester;
  readonly details: string;
  /** ISO instant; default: now. */
  readonly receivedAt?: string;
  readonly target?: AmendmentTarget | null;
}

export interface RequestFilter {
  readonly status?: RequestStatus | undefined;
  readonly overdue?: boolean | undefined;
  readonly dueSoon?: boolean | undefined;
  readonly limit?: number | undefined;
}

export interface RecipientToNotify {
  readonly disclosureId: string;
  readonly disclosedAt: string;
  readonly recipient: { readonly name: string; readonly address: string };
  readonly recipientKind: string;
}

export interface DecisionResult {
  readonly request: PrivacyRequest;
  readonly recipientsToNotify: readonly RecipientToNotify[];
}

export interface NewAppeal {
  readonly channel: RequestChannel;
  readonly details: string;
  readonly receivedAt?: string;
}

export interface FiledStatement {
  readonly id: string;
  readonly requestId: string;
  readonly recordTable: string;
  readonly recordId: string;
  readonly filedAt: string;
}

const base = '/api/privacy/requests';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
const flag = (value: boolean | undefined) => (value ? 'true' : undefined);

export const listRequests = (filter: RequestFilter = {}) =>
  api.get<PrivacyRequest[]>(base, {
    query: { status: filter.status, overdue: flag(filter.overdue), dueSoon: flag(filter.dueSoon), limit: filter.limit },
  });
export const getRequest = (id: string) => api.get<PrivacyRequest>(one(id));
export const openRequest = (input: NewRequest) => api.post<PrivacyRequest>(base, input);
export const verifyIdentity = (id: string, input: { readonly method: IdentityMethod; readonly evidence: string }) =>
  api.post<PrivacyRequest>(`${one(id)}/identity`, input);
export const acknowledgeRequest = (id: string) => api.post<PrivacyRequest>(`${one(id)}/acknowledge`);
export const withdrawRequest = (id: string) => api.post<PrivacyRequest>(`${one(id)}/withdraw`);
export const closeRequest = (id: string) => api.post<PrivacyRequest>(`${one(id)}/close`);
export const decideRequest = (id: string, input: { readonly outcome: DecisionOutcome; readonly reason?: string | null }) =>
  api.post<DecisionResult>(`${one(id)}/decision`, input);
export const appealRequest = (id: string, input: NewAppeal) => api.post<PrivacyRequest>(`${one(id)}/appeal`, input);
export const fileStatement = (id: string, statement: string) => api.post<FiledStatement>(`${one(id)}/statement`, { statement });

/** Links, not fetches: the browser opens the PDF (or JSON) itself, with the session cookie. */
export const accessReportUrl = (id: string, format: 'pdf' | 'json') => `${one(id)}/access-report?format=${format}`;
export const letterUrl = (id: string, kind: LetterKind, recipient?: number) =>
  `${one(id)}/letters/${kind}.pdf${recipient === undefined ? '' : `?recipient=${recipient}`}`;
