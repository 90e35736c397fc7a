import type { VerificationOutcome } from '../change-of-address/index.ts';

/**
 * What the screen knows about a hold when it is requested: the request's own facts and
 * counts the repository found by the address's keyed digest (never the address itself).
 */
export interface HoldMailSignals {
  readonly verificationOutcome: VerificationOutcome;
  /** The address held is one of the mailing addresses on the customer's record. */
  readonly addressOfRecord: boolean;
  /** Other customers' accepted changes of address moving out of this address in the last 90 days. */
  readonly movedAway: number;
  /** Other customers who asked for a hold at this address in the last 30 days. */
  readonly otherHolds: number;
}

/** One rule of the screen: a name the fraud team reads, what it looks for, and its points for a request (0: it did not fire). */
export interface HoldMailRule {
  readonly rule: string;
  /** What the rule looks for and why, for the review queue and the documentation. */
  readonly description: string;
  readonly points: (signals: HoldMailSignals) => number;
  /** Why it fired for this request, in counts and codes only (it is shown and audited; no personal data). */
  readonly explain: (signals: HoldMailSignals) => string;
}

/** The windows the counts are taken over. */
export const holdMailWindows = {
  /** A change of address away from the address this recently means the mail now forwards elsewhere. */
  movedMs: 90 * 86_400_000,
  /** Holds by different people at one address within a month. */
  recentMs: 30 * 86_400_000,
} as const;

/** Holds by this many other customers at one address in 30 days is more than a household's comings and goings. */
export const otherHoldsLimit = 2;

/**
 * The hold mail screen's rules, against the thresholds of screen-hold-mail.ts (review from
 * 30, refuse from 70). A thief holds a victim's mail to collect it at the counter, or to keep
 * the victim from seeing a fraudulent change of address's validation letter: seed 001,
 * purpose 10, "To identify and mitigate potential fraud in the COA and Hold Mail processes."
 * One suspicious fact holds a request for review; refusing takes several together.
 */
export const holdMailRules: readonly HoldMailRule[] = [
  {
    rule: 'identity_not_verified',
    description:
      'The identity verification recorded with the request failed (40) or was inconclusive (20): the requester may not be the customer (seed 001, purpose 11).',
    points: (s) => (s.verificationOutcome === 'failed' ? 40 : s.verificationOutcome === 'inconclusive' ? 20 : 0),
    explain: (s) => `identity verification ${s.verificationOutcome}`,
  },
  {
    rule: 'address_not_of_record',
    description: 'The address held is not one of the mailing addresses on the customer’s record (35): whose mail is being held?',
    points: (s) => (s.addressOfRecord ? 0 : 35),
    explain: () => 'address held is not an address of the customer record',
  },
  {
    rule: 'moved_away_from_address',
    description:
      'Another customer’s accepted change of address moved out of this address in the last 90 days (30): a hold there may keep that customer from seeing mail about their move.',
    points: (s) => (s.movedAway >= 1 ? 30 : 0),
    explain: (s) => `${s.movedAway} accepted change(s) of address away from this address in 90 days`,
  },
  {
    rule: 'address_hold_burst',
    description: `Holds at the same address by more than ${otherHoldsLimit} other customers in 30 days (35): one address rarely has that many households.`,
    points: (s) => (s.otherHolds > otherHoldsLimit ? 35 : 0),
    explain: (s) => `${s.otherHolds} other customer(s) holding mail at this address in 30 days`,
  },
];
