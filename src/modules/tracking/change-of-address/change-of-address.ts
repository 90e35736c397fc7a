import type { AddressInput, NormalisedAddress } from '../../customers/index.ts';

/** Who moves: one person, everyone at the old address sharing a last name, or a business (USPS PS Form 3575's three choices). */
export const moveTypes = ['individual', 'family', 'business'] as const;
export type MoveType = (typeof moveTypes)[number];

/** A permanent move, or forwarding for a while (a temporary one has an end date). */
export const moveDurations = ['permanent', 'temporary'] as const;
export type MoveDuration = (typeof moveDurations)[number];

/** How the customer proved who they are before the request is accepted (seed 001 purpose 11). */
export const verificationMethods = [
  /** Online: a payment card whose billing address is the old or new address, checked with the issuer. */
  'online_card',
  /** At a Post Office counter, a clerk inspected a government photo ID. */
  'in_person_id',
  /** Knowledge-based questions answered on the phone or online. */
  'knowledge_questions',
  /** The customer's portal account, already linked to this record by a code mailed to the address of record. */
  'portal_account',
] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export const verificationOutcomes = ['passed', 'failed', 'inconclusive'] as const;
export type VerificationOutcome = (typeof verificationOutcomes)[number];

/** accepted: forwards from its effective date; in_review: held for the fraud team; refused: never forwards. */
export const changeOfAddressStatuses = ['accepted', 'in_review', 'refused'] as const;
export type ChangeOfAddressStatus = (typeof changeOfAddressStatuses)[number];

/** What the fraud screen concluded (see screen-change-of-address.ts for the thresholds). */
export const screeningOutcomes = ['pass', 'review', 'deny'] as const;
export type ScreeningOutcome = (typeof screeningOutcomes)[number];

export interface NewVerification {
  readonly method: VerificationMethod;
  readonly outcome: VerificationOutcome;
  /** Who verified: the clerk's or agent's staff actor, or the verification service's name; default the entering agent. */
  readonly verifiedBy?: string | null;
  /** Default: now. */
  readonly verifiedAt?: Date;
}

/**
 * The customer's own device, when the request came from them online (an integration
 * passes what the web form saw). An agent entering a request on the phone gives none:
 * the agent's own network and workstation say nothing about the customer.
 */
export interface RequestOrigin {
  readonly ipAddress?: string | null;
  readonly deviceFingerprint?: string | null;
}

export interface NewChangeOfAddress {
  readonly moveType: MoveType;
  readonly duration: MoveDuration;
  /** The name on the request: the person's, the family's (a last name is enough) or the business's. */
  readonly name: string;
  /** The first day mail is forwarded, 'YYYY-MM-DD' in the agency's calendar. */
  readonly effectiveDate: string;
  /** Temporary moves only: the last day mail is forwarded. */
  readonly endDate?: string | null;
  readonly oldAddress: AddressInput;
  readonly newAddress: AddressInput;
  readonly verification: NewVerification;
  readonly origin?: RequestOrigin | null;
}

/** One rule of the fraud screen that fired: its name, its points and why, in words holding no personal data. */
export interface ScreeningReason {
  readonly rule: string;
  readonly points: number;
  readonly explanation: string;
}

export interface Screening {
  /** The sum of the reasons' points, capped. */
  readonly score: number;
  readonly outcome: ScreeningOutcome;
  readonly reasons: readonly ScreeningReason[];
}

export interface Verification {
  readonly id: string;
  readonly method: VerificationMethod;
  readonly outcome: VerificationOutcome;
  readonly verifiedBy: string;
  readonly verifiedAt: Date;
  readonly disposeAfter: Date;
}

export interface ReviewDecision {
  readonly decision: 'approve' | 'deny';
  readonly reason: string;
  readonly decidedBy: string;
  readonly decidedAt: Date;
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
  /** The new address is a PO box (Pub 28, 281) or a commercial mail receiving agency. */
  readonly forwardsToPoBox: boolean;
  readonly forwardsToCmra: boolean;
  /** Null once the verification, kept 2 years, has been disposed of before the request. */
  readonly verification: Verification | null;
  readonly screening: Screening;
  readonly status: ChangeOfAddressStatus;
  /** Accepted, and today falls between its effective date and its end date (if any). */
  readonly forwarding: boolean;
  readonly review: ReviewDecision | null;
  readonly enteredBy: string;
  readonly createdAt: Date;
  /** Null until the customer relationship ends: the record type is kept 4 years after that (seed 001). */
  readonly disposeAfter: Date | null;
}
