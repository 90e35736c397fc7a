import { describe, expect, it } from 'vitest';
import { eastern } from './calendars.test-support.ts';
import { slaClocks } from './sla-clock.ts';
import type { SlaCaseFacts, StatusChange, TargetClock } from './sla-clock.ts';
import { slaPolicy } from './sla-policy.ts';

// Eastern calendar, Mon–Fri 08:00–17:00. March 2025: Monday the 10th is the first day of EDT (UTC-4).
const policy = slaPolicy({
  calendar: eastern,
  warningFraction: 0.75,
  fallback: { firstResponseMinutes: 60, resolutionMinutes: 480 },
  rules: [{ channel: 'letter', firstResponseMinutes: 2400, resolutionMinutes: 9600 }],
});

const d = (iso: string): Date => new Date(iso);
const change = (at: string, status: StatusChange['status']): StatusChange => ({ at: d(at), status });

function facts(createdAt: string, statusHistory: StatusChange[] = [], firstResponseAt: string | null = null): SlaCaseFacts {
  return {
    channel: 'email',
    priority: 'normal',
    createdAt: d(createdAt),
    statusHistory,
    firstResponseAt: firstResponseAt === null ? null : d(firstResponseAt),
  };
}

const clocksAt = (f: SlaCaseFacts, now: string) => slaClocks(policy, f, d(now));
const summary = (clock: TargetClock) => ({
  state: clock.state,
  elapsed: clock.elapsedMinutes,
  dueAt: clock.dueAt?.toISOString() ?? null,
  metAt: clock.metAt?.toISOString() ?? null,
});

describe('slaClocks, first response', () => {
  const friday = facts('2025-03-07T21:30:00Z'); // Friday 16:30 EST

  it('carries a Friday 16:30 case to Monday 08:30, across the change of clocks', () => {
    expect(summary(clocksAt(friday, '2025-03-08T15:00:00Z').firstResponse)).toEqual({
      state: 'running',
      elapsed: 30,
      dueAt: '2025-03-10T12:30:00.000Z',
      metAt: null,
    });
    expect(clocksAt(friday, '2025-03-08T15:00:00Z').firstResponse.warnAt?.toISOString()).toBe('2025-03-10T12:15:00.000Z');
  });

  it('warns with a quarter of the target left, then breaches', () => {
    expect(clocksAt(friday, '2025-03-10T12:15:00Z').firstResponse.state).toBe('warning');
    expect(clocksAt(friday, '2025-03-10T12:30:00Z').firstResponse.state).toBe('warning'); // due now, not yet late
    expect(summary(clocksAt(friday, '2025-03-10T12:31:00Z').firstResponse)).toEqual({
      state: 'breached',
      elapsed: 61,
      dueAt: '2025-03-10T12:30:00.000Z',
      metAt: null,
    });
  });

  it('is met by a response on time and stays met', () => {
    const answered = facts('2025-03-07T21:30:00Z', [], '2025-03-10T12:30:00Z');
    for (const now of ['2025-03-10T12:30:00Z', '2025-06-01T00:00:00Z']) {
      expect(summary(clocksAt(answered, now).firstResponse)).toEqual({
        state: 'met',
        elapsed: 60,
        dueAt: null,
        metAt: '2025-03-10T12:30:00.000Z',
      });
    }
  });

  it('stays breached when the response came late', () => {
    const late = facts('2025-03-07T21:30:00Z', [], '2025-03-10T13:00:00Z');
    expect(summary(clocksAt(late, '2025-03-11T00:00:00Z').firstResponse)).toEqual({
      state: 'breached',
      elapsed: 90,
      dueAt: '2025-03-10T12:30:00.000Z',
      metAt: '2025-03-10T13:00:00.000Z',
    });
  });

  it('is due at close of business when the minutes run out at closing, and late after hours', () => {
    const monday = facts('2025-03-10T20:00:00Z'); // Monday 16:00 EDT
    expect(clocksAt(monday, '2025-03-10T21:00:00Z').firstResponse.state).toBe('warning');
    expect(summary(clocksAt(monday, '2025-03-10T23:00:00Z').firstResponse)).toEqual({
      state: 'breached',
      elapsed: 60,
      dueAt: '2025-03-10T21:00:00.000Z',
      metAt: null,
    });
  });

  it('is met by resolving a case that needed no reply, and ignores a later reopening', () => {
    const spam = facts('2025-03-10T13:00:00Z', [change('2025-03-10T13:10:00Z', 'resolved'), change('2025-03-11T13:00:00Z', 'reopened')]);
    expect(summary(clocksAt(spam, '2025-03-12T13:00:00Z').firstResponse)).toEqual({
      state: 'met',
      elapsed: 10,
      dueAt: null,
      metAt: '2025-03-10T13:10:00.000Z',
    });
  });

  it('pauses while pending the customer', () => {
    const pending = facts('2025-03-10T13:00:00Z', [change('2025-03-10T13:20:00Z', 'pending_customer')]);
    expect(summary(clocksAt(pending, '2025-03-11T13:00:00Z').firstResponse)).toEqual({
      state: 'paused',
      elapsed: 20,
      dueAt: null,
      metAt: null,
    });
  });
});

describe('slaClocks, resolution', () => {
  // Monday 2025-03-10 09:00 EDT; 480-minute resolution target.
  const created = '2025-03-10T13:00:00Z';

  it('pauses while pending the customer and resumes where it stopped', () => {
    const history = [
      change('2025-03-10T13:05:00Z', 'open'),
      change('2025-03-10T14:00:00Z', 'pending_customer'),
      change('2025-03-11T14:00:00Z', 'open'),
    ];
    const f = facts(created, history, '2025-03-10T14:00:00Z');
    expect(summary(clocksAt(f, '2025-03-11T12:00:00Z').resolution)).toEqual({ state: 'paused', elapsed: 60, dueAt: null, metAt: null });
    // 60 minutes used by Monday 10:00; Tuesday from 10:00 the other 420 run out at closing, 17:00.
    expect(summary(clocksAt(f, '2025-03-11T15:00:00Z').resolution)).toEqual({
      state: 'running',
      elapsed: 120,
      dueAt: '2025-03-11T21:00:00.000Z',
      metAt: null,
    });
  });

  it('does not pause while pending an internal team', () => {
    const f = facts(created, [change('2025-03-10T14:00:00Z', 'pending_internal')]);
    expect(clocksAt(f, '2025-03-10T20:00:00Z').resolution.state).toBe('warning'); // 420 of 480
  });

  it('is met on resolution; reopening restarts the count from where it stopped', () => {
    const history = [
      change('2025-03-10T13:00:00Z', 'open'),
      change('2025-03-10T17:00:00Z', 'resolved'),
      change('2025-03-10T18:00:00Z', 'closed'),
    ];
    const resolved = facts(created, history, '2025-03-10T14:00:00Z');
    expect(summary(clocksAt(resolved, '2025-03-20T00:00:00Z').resolution)).toEqual({
      state: 'met',
      elapsed: 240,
      dueAt: null,
      metAt: '2025-03-10T17:00:00.000Z',
    });
    const reopened = facts(created, [...history, change('2025-03-17T13:00:00Z', 'reopened')], '2025-03-10T14:00:00Z');
    // 240 used; Monday 2025-03-17 09:00 + 240 = 13:00.
    expect(summary(clocksAt(reopened, '2025-03-17T14:00:00Z').resolution)).toEqual({
      state: 'running',
      elapsed: 300,
      dueAt: '2025-03-17T17:00:00.000Z',
      metAt: null,
    });
    expect(clocksAt(reopened, '2025-03-17T17:00:01Z').resolution.state).toBe('breached');
    // Resolved again, late: the breach stands.
    const again = facts(
      created,
      [...history, change('2025-03-17T13:00:00Z', 'reopened'), change('2025-03-18T13:00:00Z', 'resolved')],
      '2025-03-10T14:00:00Z',
    );
    expect(summary(clocksAt(again, '2025-03-19T00:00:00Z').resolution)).toEqual({
      state: 'breached',
      elapsed: 240 + 540, // Monday 09:00–17:00 and Tuesday 08:00–09:00
      dueAt: '2025-03-17T17:00:00.000Z',
      metAt: '2025-03-18T13:00:00.000Z',
    });
  });

  it('uses the channel’s targets', () => {
    const letter = { ...facts(created), channel: 'letter' };
    expect(clocksAt(letter, '2025-03-10T14:00:00Z').firstResponse.targetMinutes).toBe(2400);
    // 9600 minutes: Monday 09:00–17:00, sixteen full days, and Wednesday 2025-04-02 08:00–16:00.
    expect(clocksAt(letter, '2025-03-10T14:00:00Z').resolution.dueAt?.toISOString()).toBe('2025-04-02T20:00:00.000Z');
  });
});

describe('slaClocks, history', () => {
  it('reads changes in time order, ignores those after now and counts early stamps from creation', () => {
    const f = facts('2025-03-10T13:00:00Z', [
      change('2025-03-10T15:00:00Z', 'open'),
      change('2025-03-10T14:00:00Z', 'pending_customer'),
      change('2025-03-10T12:00:00Z', 'open'),
      change('2025-03-12T12:00:00Z', 'resolved'),
    ]);
    // Counted 09:00–10:00, paused 10:00–11:00, counted 11:00–12:00.
    expect(summary(clocksAt(f, '2025-03-10T16:00:00Z').resolution)).toEqual({
      state: 'running',
      elapsed: 120,
      dueAt: '2025-03-11T13:00:00.000Z',
      metAt: null,
    });
  });

  it('refuses a now before creation and invalid dates', () => {
    expect(() => clocksAt(facts('2025-03-10T13:00:00Z'), '2025-03-10T12:00:00Z')).toThrow(RangeError);
    expect(() => clocksAt(facts('2025-03-10T13:00:00Z', [change('garbage', 'open')]), '2025-03-10T14:00:00Z')).toThrow(RangeError);
  });
});
