import { describe, expect, it } from 'vitest';
import { eastern } from './calendars.test-support.ts';
import { slaPolicy, slaTargetsFor } from './sla-policy.ts';

type Channel = 'email' | 'phone' | 'letter';
type Priority = 'normal' | 'urgent';

const policy = slaPolicy<Channel, Priority>({
  calendar: eastern,
  warningFraction: 0.75,
  fallback: { firstResponseMinutes: 480, resolutionMinutes: 4800 },
  rules: [
    { channel: 'letter', firstResponseMinutes: 2400, resolutionMinutes: 9600 },
    { priority: 'urgent', firstResponseMinutes: 60, resolutionMinutes: 480 },
    { channel: 'phone', priority: 'urgent', firstResponseMinutes: 15, resolutionMinutes: 240 },
  ],
});

describe('slaTargetsFor', () => {
  it('prefers channel and priority, then priority, then channel, then the fallback', () => {
    expect(slaTargetsFor(policy, 'phone', 'urgent')).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 240 });
    expect(slaTargetsFor(policy, 'letter', 'urgent')).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 480 });
    expect(slaTargetsFor(policy, 'letter', 'normal')).toEqual({ firstResponseMinutes: 2400, resolutionMinutes: 9600 });
    expect(slaTargetsFor(policy, 'email', 'normal')).toEqual({ firstResponseMinutes: 480, resolutionMinutes: 4800 });
  });
});

describe('slaPolicy', () => {
  const base = { calendar: eastern, warningFraction: 0.75, fallback: { firstResponseMinutes: 60, resolutionMinutes: 600 }, rules: [] };

  it('refuses targets that are not positive and warning fractions outside (0, 1)', () => {
    expect(() => slaPolicy({ ...base, fallback: { firstResponseMinutes: 0, resolutionMinutes: 600 } })).toThrow(RangeError);
    expect(() => slaPolicy({ ...base, rules: [{ channel: 'email', firstResponseMinutes: 60, resolutionMinutes: NaN }] })).toThrow(
      RangeError,
    );
    expect(() => slaPolicy({ ...base, warningFraction: 1 })).toThrow(RangeError);
    expect(() => slaPolicy({ ...base, warningFraction: 0 })).toThrow(RangeError);
  });

  it('refuses two rules for the same case and a rule that names neither channel nor priority', () => {
    const rule = { channel: 'email', firstResponseMinutes: 60, resolutionMinutes: 600 };
    expect(() => slaPolicy({ ...base, rules: [rule, rule] })).toThrow('two SLA rules for channel email and priority any');
    expect(() => slaPolicy({ ...base, rules: [{ firstResponseMinutes: 60, resolutionMinutes: 600 }] })).toThrow(
      'must name a channel or a priority',
    );
  });
});
