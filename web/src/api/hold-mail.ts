import { api } from './client.ts';
import type { AddressInput } from './customers.ts';
import type { IdentityVerification, NormalisedAddress, ReviewDecision, ReviewDecisionKind, Screening } from './changes-of-address.ts';

/**
 * Shapes of src/http/routes/hold-mail.ts; the lists are copies of
 * src/modules/tracking/hold-mail/hold-mail.ts (the console cannot import server modules).
 */
export const endActions = ['deliver', 'pickup'] as const;
export type EndAction = (typeof endActions)[number];
export const holdMailStatuses = ['scheduled', 'in_review', 'refused', 'cancelled'] as const;
export type HoldMailStatus = (typeof holdMailStatuses)[number];
export type HoldMailPhase = 'upcoming' | 'active' | 'ended';
export type HoldScreeningOutcome = 'pass' | 'review' | 'refuse';

export const endActionLabels: Readonly<Record<EndAction, string>> = {
  deliver: 'The carrier delivers all held mail on the end date',
  pickup: 'The customer collects the held mail at the Post Office',
};
export const holdStatusLabels: Readonly<Record<HoldMailStatus, string>> = {
  scheduled: 'Scheduled',
  in_review: 'Held for fraud review',
  refused: 'Refused',
  cancelled: 'Cancelled',
};
export const holdPhaseLabels: Readonly<Record<HoldMailPhase, string>> = {
  upcoming: 'Not begun',
  active: 'Holding mail now',
  ended: 'Ended',
};
export const holdScreeningOutcomeLabels: Readonly<Record<HoldScreeningOutcome, string>> = {
  pass: 'Passed the screen',
  review: 'Held for review',
  refuse: 'Refused by the screen',
};

/** The screen's thresholds (holdScreeningThresholds on the server): held from 30 points, refused from 70. */
export const holdScreeningThresholds = { review: 30, refuse: 70 } as const;

/** The rules of src/modules/tracking/hold-mail/hold-mail-rules.ts, named for people. */
export const holdRuleLabels: Readonly<Record<string, string>> = {
  identity_not_verified: 'Identity not verified',
  address_not_of_record: 'Address not on the customer record',
  moved_away_from_address: 'Someone moved away from this address',
  address_hold_burst: 'Many customers holding mail at this address',
};

/** The USPS limits the server checks (check-hold-mail.ts), for the form's hints. */
export const holdLimits = { minDays: 3, maxDays: 30, maxDaysAhead: 30 } as const;

/** The limits as the console's and the portal's date fields say them. */
export const holdDateHints = {
  first: `Tomorrow at the earliest, and at most ${holdLimits.maxDaysAhead} days ahead.`,
  last: `A hold lasts ${holdLimits.minDays} to ${holdLimits.maxDays} days, counting the first and the last.`,
} as const;

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
  readonly verification: IdentityVerification | null;
  readonly screening: Screening<HoldScreeningOutcome>;
  readonly status: HoldMailStatus;
  readonly phase: HoldMailPhase | null;
  readonly review: ReviewDecision | null;
  readonly enteredBy: string;
  readonly createdAt: string;
  readonly cancelledAt: string | null;
  readonly cancelledBy: string | null;
  readonly disposeAfter: string;
}

export interface NewHoldMail {
  readonly name: string;
  readonly beginDate: string;
  readonly endDate: string;
  readonly address: AddressInput;
  readonly endAction: EndAction;
  readonly instructions?: string | null;
  /** The entering agent is recorded as the verifier, now: the console sends neither. */
  readonly verification: Pick<IdentityVerification, 'method' | 'outcome'>;
}

/** One line of the delivery unit's list. */
export interface HeldDelivery {
  readonly id: string;
  readonly name: string;
  readonly address: NormalisedAddress;
  readonly beginDate: string;
  readonly endDate: string;
  readonly endAction: EndAction;
  readonly instructions: string | null;
}

const customerPath = (customerId: string) => `/api/customers/${encodeURIComponent(customerId)}/hold-mail`;
const holdPath = (id: string) => `/api/hold-mail/${encodeURIComponent(id)}`;

export const listHoldMail = (customerId: string) => api.get<HoldMail[]>(customerPath(customerId));

export const createHoldMail = (customerId: string, input: NewHoldMail) => api.post<HoldMail>(customerPath(customerId), input);

export const cancelHoldMail = (id: string) => api.post<HoldMail>(`${holdPath(id)}/cancel`);

/** The holds the screen held, oldest first (fraud.review). */
export const fetchHoldReviewQueue = () => api.get<HoldMail[]>('/api/hold-mail/review', { query: { limit: 200 } });

export const decideHoldMail = (id: string, decision: ReviewDecisionKind, reason: string) =>
  api.post<HoldMail>(`${holdPath(id)}/decision`, { decision, reason });

/** The holds of a ZIP Code on a day, with the addresses: what the carriers need. */
export const fetchDeliveryList = (zip: string, date: string) =>
  api.get<HeldDelivery[]>('/api/hold-mail/delivery-list', { query: { zip, date } });
