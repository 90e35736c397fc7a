import { addBusinessMinutes, businessMinutesBetween } from './business-calendar.ts';
import type { BusinessCalendar } from './business-calendar.ts';
import { slaTargetsFor } from './sla-policy.ts';
import type { SlaPolicy } from './sla-policy.ts';

/** The case statuses of src/db (repeated here: this folder depends on nothing but itself). */
export type CaseStatus = 'new' | 'open' | 'pending_customer' | 'pending_internal' | 'resolved' | 'closed' | 'reopened';

export interface StatusChange {
  readonly at: Date;
  readonly status: CaseStatus;
}

export interface SlaCaseFacts<C extends string = string, P extends string = string> {
  readonly channel: C;
  readonly priority: P;
  readonly createdAt: Date;
  /** The case's changes of status; it is 'new' from `createdAt` until the first. Changes after `now` are ignored. */
  readonly statusHistory: readonly StatusChange[];
  readonly firstResponseAt: Date | null;
}

export type SlaState = 'met' | 'running' | 'paused' | 'warning' | 'breached';

export interface TargetClock {
  readonly state: SlaState;
  readonly targetMinutes: number;
  /** Business minutes the clock has run: until the target was met, else until now. */
  readonly elapsedMinutes: number;
  /** Running or warning: when the target runs out if the clock keeps running. Breached: when it ran out. Otherwise null. */
  readonly dueAt: Date | null;
  /** Running or warning: when the clock warns, or began to, if it keeps running. Otherwise null. */
  readonly warnAt: Date | null;
  /** When the target was met, on time or late; null while it is not. */
  readonly metAt: Date | null;
}

export interface SlaClocks {
  readonly firstResponse: TargetClock;
  readonly resolution: TargetClock;
}

/** Time in one status; `to` is null for the status the case is in now. */
interface Spell {
  readonly status: CaseStatus;
  readonly from: number;
  readonly to: number | null;
}

/** Time the clock ran; `end` is null when it is running now. */
interface Run {
  readonly start: number;
  readonly end: number | null;
}

const minuteMs = 60_000;
const done: readonly CaseStatus[] = ['resolved', 'closed'];

function instantOf(date: Date, name: string): number {
  const instant = date.getTime();
  if (Number.isNaN(instant)) throw new RangeError(`slaClocks: ${name} is an invalid date`);
  return instant;
}

function spellsOf(facts: SlaCaseFacts, created: number, now: number): Spell[] {
  // A change stamped before the case existed (clock skew between writers) counts from its creation.
  const changes = facts.statusHistory
    .map((change) => ({ at: Math.max(created, instantOf(change.at, 'a status change')), status: change.status }))
    .filter((change) => change.at <= now)
    .sort((a, b) => a.at - b.at);
  const spells: Spell[] = [];
  let current: { status: CaseStatus; from: number } = { status: 'new', from: created };
  for (const change of changes) {
    spells.push({ ...current, to: change.at });
    current = { status: change.status, from: change.at };
  }
  spells.push({ ...current, to: null });
  return spells;
}

function runsOf(spells: readonly Spell[], runsIn: (status: CaseStatus) => boolean, until: number | null): Run[] {
  return spells
    .filter((spell) => runsIn(spell.status) && (until === null || spell.from < until))
    .map((spell) => ({ start: spell.from, end: until === null ? spell.to : Math.min(spell.to ?? until, until) }));
}

interface Measure {
  readonly calendar: BusinessCalendar;
  readonly targetMinutes: number;
  readonly warningFraction: number;
  readonly now: number;
}

/** When `runs` first add up to `ms` business milliseconds, or null if they do not. */
function whenRunsReach(calendar: BusinessCalendar, runs: readonly Run[], now: number, ms: number): Date | null {
  let elapsed = 0;
  for (const run of runs) {
    const counted = businessMsBetween(calendar, run.start, run.end ?? now);
    // A clock running now reaches any target, projected past now.
    if (run.end === null || elapsed + counted >= ms) return addBusinessMinutes(calendar, new Date(run.start), (ms - elapsed) / minuteMs);
    elapsed += counted;
  }
  return null;
}

function businessMsBetween(calendar: BusinessCalendar, from: number, to: number): number {
  return Math.round(businessMinutesBetween(calendar, new Date(from), new Date(to)) * minuteMs);
}

function targetClock(measure: Measure, runs: readonly Run[], metAt: number | null): TargetClock {
  const { calendar, targetMinutes, warningFraction, now } = measure;
  const targetMs = Math.round(targetMinutes * minuteMs);
  const elapsedMs = runs.reduce((sum, run) => sum + businessMsBetween(calendar, run.start, run.end ?? now), 0);
  const dueAt = whenRunsReach(calendar, runs, now, targetMs);
  const running = runs.at(-1)?.end === null;
  const common = { targetMinutes, elapsedMinutes: elapsedMs / minuteMs, metAt: metAt === null ? null : new Date(metAt) };
  // Late is late: reaching the target before it was met (or before now) is a breach for good.
  if (dueAt !== null && dueAt.getTime() < (metAt ?? now)) return { ...common, state: 'breached', dueAt, warnAt: null };
  if (metAt !== null) return { ...common, state: 'met', dueAt: null, warnAt: null };
  if (!running) return { ...common, state: 'paused', dueAt: null, warnAt: null };
  const warnAt = whenRunsReach(calendar, runs, now, Math.round(targetMs * warningFraction));
  const state = warnAt !== null && warnAt.getTime() <= now ? 'warning' : 'running';
  return { ...common, state, dueAt, warnAt };
}

/**
 * The case's first-response and resolution clocks at `now`, on the policy's calendar.
 *
 * Both clocks count business minutes from the case's creation and stand still while it
 * is pending the customer. The first-response clock stops for good at the first
 * response, or at the first resolution or closing if that comes sooner (a case closed
 * without a reply, as spam or a duplicate, owes none). The resolution clock stops while
 * the case is resolved or closed; reopening starts it again from the minutes already
 * used, so a target met and then reopened can still be breached.
 */
export function slaClocks<C extends string, P extends string>(policy: SlaPolicy<C, P>, facts: SlaCaseFacts<C, P>, now: Date): SlaClocks {
  const created = instantOf(facts.createdAt, 'createdAt');
  const nowMs = instantOf(now, 'now');
  if (nowMs < created) throw new RangeError('slaClocks: now is before the case was created');
  const spells = spellsOf(facts, created, nowMs);
  const targets = slaTargetsFor(policy, facts.channel, facts.priority);
  const measure = (targetMinutes: number): Measure => ({
    calendar: policy.calendar,
    targetMinutes,
    warningFraction: policy.warningFraction,
    now: nowMs,
  });

  const responded = facts.firstResponseAt === null ? Infinity : Math.max(created, instantOf(facts.firstResponseAt, 'firstResponseAt'));
  const firstDone = spells.find((spell) => done.includes(spell.status))?.from ?? Infinity;
  const respondedAt = Math.min(responded, firstDone) <= nowMs ? Math.min(responded, firstDone) : null;
  const firstResponse = targetClock(
    measure(targets.firstResponseMinutes),
    runsOf(spells, (status) => status !== 'pending_customer', respondedAt),
    respondedAt,
  );

  const last = spells.length - 1;
  const reopened = spells.findLastIndex((spell) => !done.includes(spell.status));
  const resolvedAt = reopened === last ? null : (spells[reopened + 1]?.from ?? null);
  const resolution = targetClock(
    measure(targets.resolutionMinutes),
    runsOf(spells, (status) => status !== 'pending_customer' && !done.includes(status), null),
    resolvedAt,
  );
  return { firstResponse, resolution };
}
