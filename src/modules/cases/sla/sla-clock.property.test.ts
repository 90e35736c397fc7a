import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessMinutes, businessMinutesBetween } from './business-calendar.ts';
import { eastern, holidayHeavy, splitShift } from './calendars.test-support.ts';
import { slaClocks } from './sla-clock.ts';
import type { SlaCaseFacts, SlaClocks, StatusChange, TargetClock } from './sla-clock.ts';
import { slaPolicy } from './sla-policy.ts';
import type { SlaPolicy } from './sla-policy.ts';

const minuteMs = 60_000;
type Status = StatusChange['status'];
const allStatuses: readonly Status[] = ['new', 'open', 'pending_customer', 'pending_internal', 'resolved', 'closed', 'reopened'];
const workingStatuses: readonly Status[] = ['open', 'pending_customer', 'pending_internal', 'reopened'];

const policyArb = fc
  .record({
    calendar: fc.constantFrom(eastern, holidayHeavy, splitShift),
    warningFraction: fc.constantFrom(0.5, 0.75, 0.9),
    firstResponseMinutes: fc.integer({ min: 1, max: 1_200 }),
    resolutionMinutes: fc.integer({ min: 60, max: 6_000 }),
  })
  .map(({ calendar, warningFraction, firstResponseMinutes, resolutionMinutes }) =>
    slaPolicy({ calendar, warningFraction, rules: [], fallback: { firstResponseMinutes, resolutionMinutes } }),
  );

const createdArb = fc.integer({ min: Date.parse('2025-10-01T00:00:00Z'), max: Date.parse('2028-01-15T00:00:00Z') });

/** Changes at increasing offsets (real minutes) from creation. */
const historyArb = (statuses: readonly Status[]) =>
  fc.array(fc.record({ after: fc.integer({ min: 0, max: 4_000 }), status: fc.constantFrom(...statuses) }), { maxLength: 8 });

function factsOf(created: number, steps: readonly { after: number; status: Status }[], responseAfter: number | null): SlaCaseFacts {
  let at = created;
  const statusHistory = steps.map((step) => {
    at += step.after * minuteMs;
    return { at: new Date(at), status: step.status };
  });
  const firstResponseAt = responseAfter === null ? null : new Date(created + responseAfter * minuteMs);
  return { channel: 'email', priority: 'normal', createdAt: new Date(created), statusHistory, firstResponseAt };
}

/** The same history with the customer owing a reply over [from, to): the status in force at `to` comes back then. */
function withPause(facts: SlaCaseFacts, from: number, to: number): SlaCaseFacts {
  const inForceAt = (t: number): Status => facts.statusHistory.filter((c) => c.at.getTime() <= t).at(-1)?.status ?? 'new';
  const outside = facts.statusHistory.filter((c) => c.at.getTime() < from || c.at.getTime() > to);
  const pause: StatusChange[] = [
    { at: new Date(from), status: 'pending_customer' },
    { at: new Date(to), status: inForceAt(to) },
  ];
  return { ...facts, statusHistory: [...outside, ...pause].sort((a, b) => a.at.getTime() - b.at.getTime()) };
}

const clocks = (policy: SlaPolicy, facts: SlaCaseFacts, now: number): SlaClocks => slaClocks(policy, facts, new Date(now));
const both = (c: SlaClocks): [TargetClock, TargetClock] => [c.firstResponse, c.resolution];

describe('SLA clock properties', () => {
  it('pausing never makes an SLA due earlier, uses no more minutes and breaches nothing new', () => {
    fc.assert(
      fc.property(
        policyArb,
        createdArb,
        historyArb(workingStatuses),
        fc.option(fc.integer({ min: 0, max: 20_000 })),
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (policy, created, steps, responseAfter, pauseAfter, pauseLength, nowAfter) => {
          const facts = factsOf(created, steps, responseAfter);
          const from = created + pauseAfter * minuteMs;
          const paused = withPause(facts, from, from + pauseLength * minuteMs);
          const now = created + nowAfter * minuteMs;
          const targets = both(clocks(policy, facts, now));
          const pausedTargets = both(clocks(policy, paused, now));
          targets.forEach((clock, i) => {
            const withPauseClock = pausedTargets[i]!;
            expect(withPauseClock.elapsedMinutes).toBeLessThanOrEqual(clock.elapsedMinutes);
            if (clock.dueAt !== null && withPauseClock.dueAt !== null)
              expect(withPauseClock.dueAt.getTime()).toBeGreaterThanOrEqual(clock.dueAt.getTime());
            if (withPauseClock.state === 'breached') expect(clock.state).toBe('breached');
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a met target stays met and a breach stands, whatever happens later', () => {
    fc.assert(
      fc.property(
        policyArb,
        createdArb,
        historyArb(allStatuses),
        fc.option(fc.integer({ min: 0, max: 20_000 })),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 0, max: 30_000 }),
        (policy, created, steps, responseAfter, nowAfter, later) => {
          const facts = factsOf(created, steps, responseAfter);
          const now = created + nowAfter * minuteMs;
          const earlier = clocks(policy, facts, now);
          const after = clocks(policy, facts, now + later * minuteMs);
          if (earlier.firstResponse.state === 'met') expect(after.firstResponse).toEqual(earlier.firstResponse);
          both(earlier).forEach((clock, i) => {
            if (clock.state === 'breached') {
              expect(both(after)[i]!.state).toBe('breached');
              expect(both(after)[i]!.dueAt).toEqual(clock.dueAt);
            }
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reports states that agree with the minutes', () => {
    fc.assert(
      fc.property(
        policyArb,
        createdArb,
        historyArb(allStatuses),
        fc.option(fc.integer({ min: 0, max: 20_000 })),
        fc.integer({ min: 0, max: 30_000 }),
        (policy, created, steps, responseAfter, nowAfter) => {
          const now = created + nowAfter * minuteMs;
          const available = businessMinutesBetween(policy.calendar, new Date(created), new Date(now));
          for (const clock of both(clocks(policy, factsOf(created, steps, responseAfter), now))) {
            expect(clock.elapsedMinutes).toBeLessThanOrEqual(available);
            const stop = clock.metAt?.getTime() ?? now;
            switch (clock.state) {
              case 'breached':
                expect(clock.dueAt!.getTime()).toBeLessThan(stop);
                expect(clock.elapsedMinutes).toBeGreaterThanOrEqual(clock.targetMinutes);
                break;
              case 'met':
                expect(clock.elapsedMinutes).toBeLessThanOrEqual(clock.targetMinutes);
                expect(clock.metAt).not.toBeNull();
                break;
              case 'warning':
              case 'running':
                expect(clock.dueAt!.getTime()).toBeGreaterThanOrEqual(now);
                expect(clock.elapsedMinutes).toBeLessThanOrEqual(clock.targetMinutes);
                expect(clock.elapsedMinutes >= clock.targetMinutes * policy.warningFraction).toBe(clock.state === 'warning');
                // Projected: the rest of the target, counted from now.
                expect(clock.dueAt).toEqual(addBusinessMinutes(policy.calendar, new Date(now), clock.targetMinutes - clock.elapsedMinutes));
                break;
              case 'paused':
                expect(clock.dueAt).toBeNull();
                break;
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('without pauses or replies, is due when the calendar says', () => {
    fc.assert(
      fc.property(policyArb, createdArb, fc.integer({ min: 0, max: 30_000 }), (policy, created, nowAfter) => {
        const facts = factsOf(created, [{ after: 0, status: 'open' }], null);
        const { firstResponse, resolution } = clocks(policy, facts, created + nowAfter * minuteMs);
        const due = (minutes: number): Date => addBusinessMinutes(policy.calendar, new Date(created), minutes);
        expect(firstResponse.dueAt).toEqual(due(firstResponse.targetMinutes));
        expect(resolution.dueAt).toEqual(due(resolution.targetMinutes));
      }),
    );
  });
});
