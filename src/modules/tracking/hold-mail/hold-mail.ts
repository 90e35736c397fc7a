import type { AddressInput, NormalisedAddress } from '../../customers/index.ts';
import type { NewVerification, ReviewDecision, ScreeningReason, Verification } from '../change-of-address/index.ts';

/** What happens on the end date: the carrier delivers everything held, or the customer collects it at the Post Office. */
export const endActions = ['deliver', 'pickup'] as const;
export type EndAction = (typeof endActions)[number];

/**
 * scheduled: holds mail between its dates; in_review: held for the fraud team, holds nothing
 * yet; refused: never holds; cancelled: withdrawn before it held any mail. A scheduled hold
 * cancelled after it began stays scheduled and ends the day it was cancelled.
 */
export const holdMailStatuses = ['scheduled', 'in_review', 'refused', 'cancelled'] as const;
export type HoldMailStatus = (typeof holdMailStatuses)[number];

/** Where a scheduled hold stands on a day, derived from its dates: null for a hold that is not scheduled. */
export const holdMailPhases = ['upcoming', 'active', 'ended'] as const;
export type HoldMailPhase = (typeof holdMailPhases)[number];

/** What the hold mail screen concluded (see screen-hold-mail.ts for the thresholds). */
export const holdScreeningOutcomes = ['pass', 'review', 'refuse'] as const;
export type HoldScreeningOutcome = (typeof holdScreeningOutcomes)[number];

export interface NewHoldMail {
  /** The name on the request: the person's or the business's. */
  readonly name: string;
  /** The first day mail is held, 'YYYY-MM-DD' in the agency's calendar. */
  readonly beginDate: string;
  /** The last day mail is held. */
  readonly endDate: string;
  readonly address: AddressInput;
  readonly endAction: EndAction;
  /** For the carrier or the Post Office ("parcels to the side door"); encrypted. */
  readonly instructions?: string | null;
  readonly verification: NewVerification;
}

/** A hold the signed-in customer asks for on the portal: at one of the addresses of their record, named by its value id. */
export interface NewOwnHoldMail {
  readonly addressId: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly endAction: EndAction;
  readonly instructions?: string | null;
}

export interface HoldScreening {
  readonly score: number;
  readonly outcome: HoldScreeningOutcome;
  readonly reasons: readonly ScreeningReason[];
}

export interface HoldMail {
  readonly id: string;
  readonly customerId: string;
  readonly businessArea: string | null;
  readonly name: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly address: NormalisedAddress;
  readonly endAction: EndAction;
  readonly instructions: string | null;
  /** Null once the verification has been disposed of. */
  readonly verification: Verification | null;
  readonly screening: HoldScreening;
  readonly status: HoldMailStatus;
  readonly phase: HoldMailPhase | null;
  readonly review: ReviewDecision | null;
  readonly enteredBy: string;
  readonly createdAt: Date;
  readonly cancelledAt: Date | null;
  readonly cancelledBy: string | null;
  /** A year from the request (seed 001: hold mail records "are retained for up to 1 year"). */
  readonly disposeAfter: Date;
}

/** One line of a delivery unit's list: what the carrier needs to hold the mail, and nothing more. */
export interface HeldDelivery {
  readonly id: string;
  readonly name: string;
  readonly address: NormalisedAddress;
  readonly beginDate: string;
  readonly endDate: string;
  readonly endAction: EndAction;
  readonly instructions: string | null;
}
