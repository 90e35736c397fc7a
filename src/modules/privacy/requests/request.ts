import type { IdentityMethod, PrivacyRequestChannel, PrivacyRequestStatus } from '../../../db/index.ts';
import type { MailingAddress } from '../../letters/index.ts';
import type { RecordRecipient } from '../disclosures/index.ts';
import type { DeadlineStatus, PrivacyRequestKind } from './deadlines.ts';

export type { IdentityMethod, PrivacyRequestChannel, PrivacyRequestStatus };

export const requestChannels = ['portal', 'letter', 'email', 'walk_in', 'fax'] as const satisfies readonly PrivacyRequestChannel[];
export const requestStatuses = [
  'received',
  'in_review',
  'granted',
  'partially_granted',
  'denied',
  'withdrawn',
  'closed',
] as const satisfies readonly PrivacyRequestStatus[];
export const identityMethods = [
  'document',
  'notarized_statement',
  'in_person',
  'portal_account',
  'knowledge',
] as const satisfies readonly IdentityMethod[];

/** The kinds a requester opens; an appeal is opened with `appeal` against a denied request. */
export const openableKinds = ['notification', 'access', 'amendment'] as const satisfies readonly PrivacyRequestKind[];
export type OpenableKind = (typeof openableKinds)[number];

export const decisionOutcomes = ['granted', 'partially_granted', 'denied'] as const satisfies readonly PrivacyRequestStatus[];
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/**
 * Where a request may go from each status. A decision is final for its request (a further
 * review is an appeal, a request of its own); 'closed' files a decided request away.
 */
export const statusTransitions: Readonly<Record<PrivacyRequestStatus, readonly PrivacyRequestStatus[]>> = {
  received: ['in_review', 'granted', 'partially_granted', 'denied', 'withdrawn'],
  in_review: ['granted', 'partially_granted', 'denied', 'withdrawn'],
  granted: ['closed'],
  partially_granted: ['closed'],
  denied: ['closed'],
  withdrawn: [],
  closed: [],
};

/** The requester as they gave themselves: the letters go to this name and address. */
export interface Requester {
  readonly name: string;
  readonly kind?: 'person' | 'organisation';
  /** For letters; none for a requester answered through the portal or by e-mail. */
  readonly address?: MailingAddress | null;
  readonly email?: string | null;
}

/** The value an amendment asks to correct: a customer value (table 'customer_values', its id and field). */
export interface AmendmentTarget {
  readonly recordTable: string;
  readonly recordId: string;
  readonly field: string;
  /** The value the requester says is correct. */
  readonly requestedValue: string;
}

export interface NewPrivacyRequest {
  readonly kind: OpenableKind;
  readonly channel: PrivacyRequestChannel;
  /** The known customer the request is about; omitted for a requester not in the registry. */
  readonly customerId?: string | null;
  /** For a requester not in the registry: the business area the request is kept in. */
  readonly businessArea?: string | null;
  readonly requester: Requester;
  /** The request in the requester's words (or the agent's summary of a letter or call). */
  readonly details: string;
  /** When it reached the agency; default: now. The clock starts on this day. */
  readonly receivedAt?: Date;
  /** Required for an amendment, refused otherwise. */
  readonly target?: AmendmentTarget | null;
  /**
   * A customer's own request from the portal: how the account proved it is the customer's
   * (recorded as the identity verification, method portal_account). Refused on any other.
   */
  readonly portalIdentity?: string | null;
}

export interface IdentityVerification {
  readonly method: IdentityMethod;
  /** What was seen or checked ("Driver's license, NY, ending 4411, seen at the counter"). */
  readonly evidence: string;
}

export interface Decision {
  readonly outcome: DecisionOutcome;
  /** Required for a denial or partial grant; quoted in the letter. */
  readonly reason?: string | null;
}

export interface NewAppeal {
  readonly channel: PrivacyRequestChannel;
  readonly details: string;
  readonly receivedAt?: Date;
}

export interface RequestDeadline {
  readonly name: 'acknowledge' | 'decide';
  readonly dueAt: Date;
  /** Null once met. */
  readonly status: DeadlineStatus | null;
}

export interface PrivacyRequest {
  readonly id: string;
  readonly number: string;
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly kind: PrivacyRequestKind;
  readonly channel: PrivacyRequestChannel;
  readonly status: PrivacyRequestStatus;
  readonly requester: Requester;
  readonly details: string;
  readonly receivedAt: Date;
  readonly identity: { readonly method: IdentityMethod; readonly verifiedBy: string; readonly verifiedAt: Date } | null;
  readonly acknowledgeDue: Date | null;
  readonly decideDue: Date;
  readonly acknowledgedAt: Date | null;
  readonly decidedAt: Date | null;
  readonly decisionReason: string | null;
  readonly appealOf: string | null;
  readonly appealWindowEnds: Date | null;
  readonly target: AmendmentTarget | null;
  readonly recordType: string;
  readonly disposeAfter: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** The deadline running now, if any, and where it stands. */
  readonly nextDeadline: RequestDeadline | null;
}

export interface RequestEvent {
  readonly kind: string;
  readonly actor: string;
  readonly at: Date;
  readonly detail: Readonly<Record<string, unknown>>;
}

export interface DecisionResult {
  readonly request: PrivacyRequest;
  /** After an accepted amendment: the earlier recipients of the record to be told of it (552a(c)(4)). */
  readonly recipientsToNotify: readonly RecordRecipient[];
}

export interface RequestFilter {
  readonly status?: PrivacyRequestStatus;
  /** Only requests with a deadline passed and unmet. */
  readonly overdue?: boolean;
  /** Only requests with a deadline at most 3 business days away (deadlines.ts dueSoonBusinessDays). */
  readonly dueSoon?: boolean;
  readonly limit?: number;
}

export const letterKinds = ['acknowledgement', 'grant', 'denial', 'appeal-decision', 'amendment-notice'] as const;
export type LetterKind = (typeof letterKinds)[number];

export interface StatementOfDisagreement {
  readonly id: string;
  readonly requestId: string;
  readonly recordTable: string;
  readonly recordId: string;
  readonly filedAt: Date;
}
