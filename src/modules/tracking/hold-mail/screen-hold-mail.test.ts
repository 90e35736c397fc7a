import { describe, expect, it } from 'vitest';
import type { HoldMailSignals } from './hold-mail-rules.ts';
import { screenHoldMail } from './screen-hold-mail.ts';

const clean: HoldMailSignals = { verificationOutcome: 'passed', addressOfRecord: true, movedAway: 0, otherHolds: 0 };
const rulesOf = (signals: Partial<HoldMailSignals>) => screenHoldMail({ ...clean, ...signals }).reasons.map((r) => r.rule);

describe('screenHoldMail', () => {
  it('passes a verified customer holding mail at their own address', () => {
    expect(screenHoldMail(clean)).toEqual({ score: 0, outcome: 'pass', reasons: [] });
  });

  it('holds for review on one suspicious fact, each with its explanation', () => {
    for (const [signals, rule] of [
      [{ verificationOutcome: 'failed' }, 'identity_not_verified'],
      [{ addressOfRecord: false }, 'address_not_of_record'],
      [{ movedAway: 1 }, 'moved_away_from_address'],
      [{ otherHolds: 3 }, 'address_hold_burst'],
    ] as const) {
      const screening = screenHoldMail({ ...clean, ...signals });
      expect(screening.outcome, rule).toBe('review');
      expect(screening.reasons.map((r) => r.rule)).toEqual([rule]);
      expect(screening.reasons[0]!.explanation).not.toBe('');
    }
  });

  it('lets an inconclusive verification alone pass, and two other holds at the address too', () => {
    expect(screenHoldMail({ ...clean, verificationOutcome: 'inconclusive' })).toMatchObject({ score: 20, outcome: 'pass' });
    expect(rulesOf({ otherHolds: 2 })).toEqual([]);
  });

  it('refuses when facts add up, heaviest reason first, the score capped at 100', () => {
    const screening = screenHoldMail({ verificationOutcome: 'failed', addressOfRecord: false, movedAway: 2, otherHolds: 5 });
    expect(screening.outcome).toBe('refuse');
    expect(screening.score).toBe(100);
    expect(screening.reasons.map((r) => r.rule)).toEqual([
      'identity_not_verified',
      'address_hold_burst',
      'address_not_of_record',
      'moved_away_from_address',
    ]);
    expect(screenHoldMail({ ...clean, addressOfRecord: false, movedAway: 1 })).toMatchObject({ score: 65, outcome: 'review' });
    expect(screenHoldMail({ ...clean, addressOfRecord: false, otherHolds: 3 })).toMatchObject({ score: 70, outcome: 'refuse' });
  });
});
