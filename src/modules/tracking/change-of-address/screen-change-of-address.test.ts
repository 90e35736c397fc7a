import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fraudRules, type ScreeningSignals } from './fraud-rules.ts';
import { outcomeOf, screenChangeOfAddress, screeningThresholds } from './screen-change-of-address.ts';

/** A typical mover: verified, first request, to a street address, name as on the record, no device burst. */
const typical: ScreeningSignals = {
  verificationOutcome: 'passed',
  recentFailedVerifications: 0,
  accountRequests: 0,
  deviceRequests: 0,
  networkRequests: 0,
  newAddressRequests: 0,
  oldAddressRequests: 0,
  forwardsToPoBox: false,
  forwardsToCmra: false,
  nameMatches: true,
};
const screen = (changes: Partial<ScreeningSignals>) => screenChangeOfAddress({ ...typical, ...changes });
const rulesOf = (changes: Partial<ScreeningSignals>) => screen(changes).reasons.map((r) => r.rule);

describe('the change-of-address fraud screen', () => {
  it('a typical mover passes, with no reasons', () => {
    expect(screen({})).toEqual({ score: 0, outcome: 'pass', reasons: [] });
  });

  it('a request entered by an agent (no device, no network) is not held for lacking them', () => {
    expect(screen({ deviceRequests: null, networkRequests: null }).outcome).toBe('pass');
  });

  it('a burst of forwards to one address is held', () => {
    const result = screen({ newAddressRequests: 3 });
    expect(result.outcome).toBe('review');
    expect(result.reasons).toEqual([
      { rule: 'new_address_burst', points: 35, explanation: '3 other customer(s) forwarding to the same new address in 30 days' },
    ]);
  });

  it('two other forwards to the same address are a household, not a burst', () => {
    expect(screen({ newAddressRequests: 2 }).outcome).toBe('pass');
  });

  it('forwarding to a PO box after a failed verification is held', () => {
    const result = screen({ verificationOutcome: 'failed', forwardsToPoBox: true });
    expect(result.outcome).toBe('review');
    expect(result.score).toBe(55);
    expect(result.reasons.map((r) => r.rule)).toEqual(['identity_not_verified', 'forwarding_to_po_box']);
  });

  it('forwarding to a PO box alone passes: many people move to one', () => {
    expect(screen({ forwardsToPoBox: true })).toMatchObject({ outcome: 'pass', score: 15 });
  });

  it('a name that does not match the record is held', () => {
    expect(screen({ nameMatches: false })).toMatchObject({ outcome: 'review', score: 35 });
    expect(rulesOf({ nameMatches: false })).toEqual(['name_mismatch']);
  });

  it('ten requests from one device in an hour are denied', () => {
    // The tenth request sees nine others from the same device.
    const result = screen({ deviceRequests: 9 });
    expect(result.outcome).toBe('deny');
    expect(result.reasons[0]).toMatchObject({ rule: 'device_velocity', points: 70 });
  });

  it('four requests from one device in an hour are held', () => {
    expect(screen({ deviceRequests: 3 })).toMatchObject({ outcome: 'review', score: 30 });
  });

  it('a busy office network alone does not hold a request, a flood from it with a CMRA does', () => {
    expect(screen({ networkRequests: 6 }).outcome).toBe('pass');
    expect(screen({ networkRequests: 25, forwardsToCmra: true }).outcome).toBe('review');
  });

  it('a failed verification alone is held, an inconclusive one alone passes', () => {
    expect(screen({ verificationOutcome: 'failed' }).outcome).toBe('review');
    expect(screen({ verificationOutcome: 'inconclusive' }).outcome).toBe('pass');
  });

  it('an account filing again and again after failed verifications is denied', () => {
    const result = screen({ verificationOutcome: 'failed', recentFailedVerifications: 2, accountRequests: 4 });
    expect(result.outcome).toBe('deny');
    expect(result.score).toBe(screeningThresholds.cap);
  });

  it('forwarding to a CMRA from an address another customer just left, under another name, is denied', () => {
    expect(screen({ forwardsToCmra: true, oldAddressRequests: 1, nameMatches: false })).toMatchObject({ outcome: 'deny', score: 70 });
  });

  it('explains every reason in counts and codes, and lists the heaviest first', () => {
    const result = screen({ verificationOutcome: 'failed', forwardsToCmra: true, oldAddressRequests: 2, accountRequests: 2 });
    expect(result.reasons.map((r) => r.points)).toEqual([40, 20, 20, 15]);
    for (const reason of result.reasons) expect(reason.explanation).toMatch(/^[a-z0-9 ()-]+$/);
  });

  it('scores the capped sum of the fired rules, and decides by the thresholds', () => {
    const signals = fc.record({
      verificationOutcome: fc.constantFrom('passed' as const, 'failed' as const, 'inconclusive' as const),
      recentFailedVerifications: fc.nat(10),
      accountRequests: fc.nat(10),
      deviceRequests: fc.option(fc.nat(20)),
      networkRequests: fc.option(fc.nat(40)),
      newAddressRequests: fc.nat(10),
      oldAddressRequests: fc.nat(5),
      forwardsToPoBox: fc.boolean(),
      forwardsToCmra: fc.boolean(),
      nameMatches: fc.boolean(),
    });
    fc.assert(
      fc.property(signals, (s) => {
        const result = screenChangeOfAddress(s);
        const sum = fraudRules.reduce((total, rule) => total + rule.points(s), 0);
        expect(result.score).toBe(Math.min(screeningThresholds.cap, sum));
        expect(result.outcome).toBe(outcomeOf(result.score));
        expect(result.reasons.every((r) => r.points > 0)).toBe(true);
      }),
    );
  });

  it('puts the thresholds at 30 (review) and 70 (deny)', () => {
    expect([0, 29, 30, 69, 70, 100].map(outcomeOf)).toEqual(['pass', 'pass', 'review', 'review', 'deny', 'deny']);
  });

  it('names every rule once, and describes it', () => {
    const names = fraudRules.map((r) => r.rule);
    expect(new Set(names).size).toBe(names.length);
    for (const rule of fraudRules) expect(rule.description.length).toBeGreaterThan(20);
  });
});
