import type { VerificationOutcome } from './change-of-address.ts';

/**
 * What the screen knows about a request when it is entered: the request's own facts and
 * counts of earlier requests the repository found by keyed digests (never the values).
 * Counts exclude the request being screened.
 */
export interface ScreeningSignals {
  readonly verificationOutcome: VerificationOutcome;
  /** This customer's failed identity verifications in the last 30 days. */
  readonly recentFailedVerifications: number;
  /** This customer's requests in the last 30 days. */
  readonly accountRequests: number;
  /** Requests from the same device fingerprint in the last hour; null when the request came with none. */
  readonly deviceRequests: number | null;
  /** Requests from the same IP address in the last hour; null when the request came with none. */
  readonly networkRequests: number | null;
  /** Other customers' requests forwarding to the same new address in the last 30 days. */
  readonly newAddressRequests: number;
  /** Other customers' requests moving out of the same old address in the last 30 days. */
  readonly oldAddressRequests: number;
  readonly forwardsToPoBox: boolean;
  readonly forwardsToCmra: boolean;
  /** The name on the request matches the name on the customer's record (see names-match.ts). */
  readonly nameMatches: boolean;
}

/** One rule of the screen: a name the fraud team reads, what it looks for, and its points for a request (0: it did not fire). */
export interface FraudRule {
  readonly rule: string;
  /** What the rule looks for and why, for the review queue and the documentation. */
  readonly description: string;
  readonly points: (signals: ScreeningSignals) => number;
  /** Why it fired for this request, in counts and codes only (it is shown and audited; no personal data). */
  readonly explain: (signals: ScreeningSignals) => string;
}

/** The windows the counts are taken over. */
export const velocityWindows = {
  /** Scripted abuse submits in bursts: device and network counts look back one hour. */
  burstMs: 60 * 60_000,
  /** A household or an account moves once in a while: address and account counts look back 30 days. */
  recentMs: 30 * 86_400_000,
} as const;

/**
 * The fraud screen's rules. Points are set against the thresholds in
 * screen-change-of-address.ts (review from 30, deny from 70): one moderately suspicious fact
 * alone holds a request for review; only overwhelming evidence (a device filing ten
 * requests in an hour) or several facts together refuse one. Seed 001, purpose 10: "To
 * identify and mitigate potential fraud in the COA and Hold Mail processes."
 */
export const fraudRules: readonly FraudRule[] = [
  {
    rule: 'identity_not_verified',
    description:
      'The identity verification recorded with the request failed (40) or was inconclusive (20): the requester may not be the customer (seed 001, purpose 11).',
    points: (s) => (s.verificationOutcome === 'failed' ? 40 : s.verificationOutcome === 'inconclusive' ? 20 : 0),
    explain: (s) => `identity verification ${s.verificationOutcome}`,
  },
  {
    rule: 'recent_verification_failures',
    description: 'The customer failed identity verification on other requests in the last 30 days: 15 points each, at most 30.',
    points: (s) => Math.min(30, 15 * s.recentFailedVerifications),
    explain: (s) => `${s.recentFailedVerifications} failed identity verification(s) on this account in 30 days`,
  },
  {
    rule: 'account_velocity',
    description: 'Many requests for one customer: 2 or 3 others in 30 days (20), 4 or more (40). People rarely move that often.',
    points: (s) => (s.accountRequests >= 4 ? 40 : s.accountRequests >= 2 ? 20 : 0),
    explain: (s) => `${s.accountRequests} other request(s) for this customer in 30 days`,
  },
  {
    rule: 'device_velocity',
    description:
      'Many requests from one device fingerprint within an hour: 3 to 8 others (30), 9 or more (70, alone enough to refuse): one browser filing for many households is a script.',
    points: (s) => (s.deviceRequests === null ? 0 : s.deviceRequests >= 9 ? 70 : s.deviceRequests >= 3 ? 30 : 0),
    explain: (s) => `${s.deviceRequests ?? 0} other request(s) from the same device in an hour`,
  },
  {
    rule: 'network_velocity',
    description:
      'Many requests from one IP address within an hour: 5 to 19 others (15), 20 or more (30). Weighed less than a device: offices and carriers share addresses.',
    points: (s) => (s.networkRequests === null ? 0 : s.networkRequests >= 20 ? 30 : s.networkRequests >= 5 ? 15 : 0),
    explain: (s) => `${s.networkRequests ?? 0} other request(s) from the same IP address in an hour`,
  },
  {
    rule: 'new_address_burst',
    description:
      'Other customers forward to the same new address: 3 or more in 30 days (35), 6 or more (55). A drop address collects many victims’ mail.',
    points: (s) => (s.newAddressRequests >= 6 ? 55 : s.newAddressRequests >= 3 ? 35 : 0),
    explain: (s) => `${s.newAddressRequests} other customer(s) forwarding to the same new address in 30 days`,
  },
  {
    rule: 'old_address_recent_request',
    description:
      'Another customer moved out of the same old address in the last 30 days (15): often a household, but also how a thief follows a victim’s filing.',
    points: (s) => (s.oldAddressRequests >= 1 ? 15 : 0),
    explain: (s) => `${s.oldAddressRequests} other request(s) from the same old address in 30 days`,
  },
  {
    rule: 'forwarding_to_cmra',
    description:
      'The new address is a commercial mail receiving agency (a PMB, or a listed CMRA): anyone can rent one under any name (20).',
    points: (s) => (s.forwardsToCmra ? 20 : 0),
    explain: () => 'new address is a commercial mail receiving agency',
  },
  {
    rule: 'forwarding_to_po_box',
    description: 'The new address is a PO box: mail leaves the street address with no residence behind it (15).',
    points: (s) => (s.forwardsToPoBox ? 15 : 0),
    explain: () => 'new address is a PO box',
  },
  {
    rule: 'name_mismatch',
    description: 'The name on the request is not the name on the customer’s record (35): the requester may be moving someone else’s mail.',
    points: (s) => (s.nameMatches ? 0 : 35),
    explain: () => 'name on the request does not match the customer record',
  },
];
