import { api, fetchDocument } from './client.ts';
import type { AddressInput } from './customers.ts';

/**
 * Shapes of src/http/routes/change-of-address.ts; the lists are copies of
 * src/modules/tracking/change-of-address/change-of-address.ts (the console cannot import server modules).
 */
export const moveTypes = ['individual', 'family', 'business'] as const;
export type MoveType = (typeof moveTypes)[number];
export const moveDurations = ['permanent', 'temporary'] as const;
export type MoveDuration = (typeof moveDurations)[number];
export const verificationMethods = ['online_card', 'in_person_id', 'knowledge_questions', 'portal_account'] as const;
export type VerificationMethod = (typeof verificationMethods)[number];
export const verificationOutcomes = ['passed', 'failed', 'inconclusive'] as const;
export type VerificationOutcome = (typeof verificationOutcomes)[number];
export const changeOfAddressStatuses = ['accepted', 'in_review', 'refused'] as const;
export type ChangeOfAddressStatus = (typeof changeOfAddressStatuses)[number];
export const screeningOutcomes = ['pass', 'review', 'deny'] as const;
export type ScreeningOutcome = (typeof screeningOutcomes)[number];
export type ReviewDecisionKind = 'approve' | 'deny';

export const moveTypeLabels: Readonly<Record<MoveType, string>> = {
  individual: 'Individual',
  family: 'Family (everyone at the old address with the last name)',
  business: 'Business',
};
export const durationLabels: Readonly<Record<MoveDuration, string>> = { permanent: 'Permanent', temporary: 'Temporary' };
export const verificationMethodLabels: Readonly<Record<VerificationMethod, string>> = {
  online_card: 'Payment card checked with its issuer (online)',
  in_person_id: 'Government photo ID inspected at a Post Office',
  knowledge_questions: 'Knowledge-based questions',
  portal_account: 'Linked portal account',
};
export const verificationOutcomeLabels: Readonly<Record<VerificationOutcome, string>> = {
  passed: 'Passed',
  failed: 'Failed',
  inconclusive: 'Inconclusive',
};
export const statusLabels: Readonly<Record<ChangeOfAddressStatus, string>> = {
  accepted: 'Accepted',
  in_review: 'Held for fraud review',
  refused: 'Denied',
};
export const screeningOutcomeLabels: Readonly<Record<ScreeningOutcome, string>> = {
  pass: 'Passed the screen',
  review: 'Held for review',
  deny: 'Refused by the screen',
};

/** A stored address, standardised to Publication 28. */
export interface NormalisedAddress {
  readonly kind: 'street' | 'po-box' | 'rural-route' | 'highway-contract' | 'military';
  readonly primaryNumber: string;
  readonly preDirectional: string | null;
  readonly streetName: string;
  readonly suffix: string | null;
  readonly postDirectional: string | null;
  readonly unitDesignator: string | null;
  readonly unitNumber: string | null;
  readonly city: string;
  readonly state: string;
  readonly zip5: string;
  readonly zip4: string | null;
  readonly deliveryPoint: string | null;
  readonly deliveryLine: string;
  readonly lastLine: string;
}

/** One rule of the fraud screen that fired, explained in counts and codes only. */
export interface ScreeningReason {
  readonly rule: string;
  readonly points: number;
  readonly explanation: string;
}

/**
 * A fraud screen's verdict: the change of address and the hold mail screens differ only in
 * their outcomes' names.
 */
export interface Screening<Outcome extends string = ScreeningOutcome> {
  readonly score: number;
  readonly outcome: Outcome;
  readonly reasons: readonly ScreeningReason[];
}

/** The identity check an agent made before entering a request, kept 2 years. */
export interface IdentityVerification {
  readonly id: string;
  readonly method: VerificationMethod;
  readonly outcome: VerificationOutcome;
  readonly verifiedBy: string;
  readonly verifiedAt: string;
  readonly disposeAfter: string;
}

/** A supervisor's decision on a request the screen held. */
export interface ReviewDecision {
  readonly decision: ReviewDecisionKind;
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export interface ChangeOfAddress {
  readonly id: string;
  readonly customerId: string;
  readonly businessArea: string | null;
  readonly moveType: MoveType;
  readonly duration: MoveDuration;
  readonly name: string;
  readonly effectiveDate: string;
  readonly endDate: string | null;
  readonly oldAddress: NormalisedAddress;
  readonly newAddress: NormalisedAddress;
  readonly forwardsToPoBox: boolean;
  readonly forwardsToCmra: boolean;
  readonly verification: IdentityVerification | null;
  readonly screening: Screening;
  readonly status: ChangeOfAddressStatus;
  /** Accepted, and today falls within its dates. */
  readonly forwarding: boolean;
  readonly review: ReviewDecision | null;
  readonly enteredBy: string;
  readonly createdAt: string;
  readonly disposeAfter: string | null;
}

export interface NewChangeOfAddress {
  readonly moveType: MoveType;
  readonly duration: MoveDuration;
  readonly name: string;
  readonly effectiveDate: string;
  readonly endDate?: string | null;
  readonly oldAddress: AddressInput;
  readonly newAddress: AddressInput;
  /** The entering agent is recorded as the verifier, now: the console sends neither. */
  readonly verification: Pick<IdentityVerification, 'method' | 'outcome'>;
}

/** The fraud screen's thresholds (screeningThresholds on the server): held from 30 points, refused from 70. */
export const screeningThresholds = { review: 30, deny: 70 } as const;

/** The rules of src/modules/tracking/change-of-address/fraud-rules.ts, named for people. */
export const fraudRuleLabels: Readonly<Record<string, string>> = {
  identity_not_verified: 'Identity not verified',
  recent_verification_failures: 'Recent failed identity checks',
  account_velocity: 'Many requests for this customer',
  device_velocity: 'Many requests from one device',
  network_velocity: 'Many requests from one network',
  new_address_burst: 'Many customers moving to the new address',
  old_address_recent_request: 'Recent request from the same old address',
  forwarding_to_cmra: 'Forwarding to a commercial mail receiving agency',
  forwarding_to_po_box: 'Forwarding to a PO box',
  name_mismatch: 'Name does not match the record',
};

const customerPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/changes-of-address`;
const coaPath = (id: string) => `/api/changes-of-address/${encodeURIComponent(id)}`;

export const listChangesOfAddress = (customerId: string) => api.get<ChangeOfAddress[]>(customerPath(customerId));

export const createChangeOfAddress = (customerId: string, input: NewChangeOfAddress) =>
  api.post<ChangeOfAddress>(customerPath(customerId), input);

export const fetchChangeOfAddress = (id: string) => api.get<ChangeOfAddress>(coaPath(id));

/** The fraud review queue, oldest first (fraud.review). */
export const fetchReviewQueue = () => api.get<ChangeOfAddress[]>('/api/changes-of-address/review', { query: { limit: 200 } });

export const decideChangeOfAddress = (id: string, decision: ReviewDecisionKind, reason: string) =>
  api.post<ChangeOfAddress>(`${coaPath(id)}/decision`, { decision, reason });

/**
 * A request's letter as a PDF blob: 'old' is the move validation letter to the old address,
 * 'new' the confirmation to the new one. Fetched by itself because the API client takes JSON
 * only, and first (not a plain link) so that the server's reason for no letter can be shown.
 */
export async function fetchChangeOfAddressLetter(id: string, which: 'old' | 'new'): Promise<Blob> {
  return (await fetchDocument(`${coaPath(id)}/letters/${which}.pdf`)).blob();
}
