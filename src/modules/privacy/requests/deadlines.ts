import { agencyTimeZone, localDateOf, startOfLocalDay, type LocalDate } from '../../../catalog/index.ts';
import { observedFederalHoliday } from '../../cases/index.ts';

// Privacy Act deadlines, counted on the agency's calendar: pure functions, no I/O, the
// clock passed in. A business day is a Monday–Friday in New York (the agency's time zone)
// on which no federal holiday is observed (5 U.S.C. 6103, as the cases module models it).
// The Act says "days (excluding Saturdays, Sundays, and legal public holidays)"; that is
// this calendar.

/** The kinds of Privacy Act request that start a clock. */
export type PrivacyRequestKind = 'notification' | 'access' | 'amendment' | 'appeal';
export const privacyRequestKinds: readonly PrivacyRequestKind[] = ['notification', 'access', 'amendment', 'appeal'];

export type DeadlineName = 'acknowledge' | 'answer' | 'decide';

export interface Deadline {
  readonly name: DeadlineName;
  /** Business days after the day of receipt. */
  readonly businessDays: number;
  /** The last day to act, on the agency's calendar. */
  readonly due: LocalDate;
  /** The end of that day in New York: the last millisecond before the next local day begins. */
  readonly dueAt: Date;
  /** Where the number comes from. */
  readonly authority: string;
}

export interface PrivacyActDeadlines {
  readonly kind: PrivacyRequestKind;
  /** The day of receipt in New York: day 0, whether or not it is a business day. */
  readonly received: LocalDate;
  /** In the order they fall due. */
  readonly deadlines: readonly Deadline[];
}

export interface AppealWindow {
  readonly calendarDays: number;
  readonly denied: LocalDate;
  /** The last day an appeal is timely. */
  readonly lastDay: LocalDate;
  readonly endsAt: Date;
  readonly authority: string;
}

export type DeadlineStatus = 'ok' | 'due_soon' | 'overdue';

/** A deadline is due soon when this many business days or fewer are left (the due day counts as 0 left). */
export const dueSoonBusinessDays = 3;

/** The agency's appeal window after a denial, in calendar days. */
export const appealWindowDays = 90;

interface Rule {
  readonly name: DeadlineName;
  readonly businessDays: number;
  readonly authority: string;
}

const rules: Readonly<Record<PrivacyRequestKind, readonly Rule[]>> = {
  // The Act sets no time for answering a request for notification or access (552a(d)(1)
  // says only that the agency "shall ... permit him ... to review the record"). The agency
  // answers both within 20 working days, its practice under its Privacy Act rules (39 CFR
  // part 266, which handles a request to be told whether a record exists and one to see it
  // alike) and the period FOIA sets for its requests (5 U.S.C. 552(a)(6)(A)(i)).
  notification: [
    { name: 'answer', businessDays: 20, authority: '39 CFR part 266 practice; as 5 U.S.C. 552(a)(6)(A)(i) (20 working days)' },
  ],
  access: [{ name: 'answer', businessDays: 20, authority: '5 U.S.C. 552a(d)(1); 39 CFR part 266 practice (20 working days)' }],
  amendment: [
    // "not later than 10 days (excluding Saturdays, Sundays, and legal public holidays) after
    // the date of receipt of such request, acknowledge in writing such receipt".
    { name: 'acknowledge', businessDays: 10, authority: '5 U.S.C. 552a(d)(2)(A) (10 days excluding weekends and holidays)' },
    // (d)(2)(B) says "promptly"; the agency holds itself to the 30 days that (d)(3) gives
    // for the review of a refusal, so that a request and its appeal run on one measure.
    { name: 'decide', businessDays: 30, authority: '5 U.S.C. 552a(d)(2)(B), measured as (d)(3) (30 days excluding weekends and holidays)' },
  ],
  // "not later than 30 days (excluding Saturdays, Sundays, and legal public holidays) from
  // the date on which the individual requests such review, complete such review and make a
  // final determination".
  appeal: [{ name: 'decide', businessDays: 30, authority: '5 U.S.C. 552a(d)(3) (30 days excluding weekends and holidays)' }],
};

const dayMs = 86_400_000;
const saturday = 6;
const sunday = 0;

// Dates become whole numbers (days since 1970-01-01) so that stepping and comparing is
// integer arithmetic; the years that matter here are all after 1986.
function dayNumberOf(date: LocalDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / dayMs;
}

function dateOfDayNumber(dayNumber: number): LocalDate {
  const d = new Date(dayNumber * dayMs);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isDate(value: LocalDate | Date): value is Date {
  return value instanceof Date;
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of days, 0 or more`);
}

/** The day on the agency's calendar: an instant's date in New York, a local date as is. */
export function agencyDateOf(at: LocalDate | Date): LocalDate {
  if (isDate(at)) {
    if (Number.isNaN(at.getTime())) throw new RangeError('an instant must be a valid date');
    return localDateOf(at.getTime(), agencyTimeZone);
  }
  return dateOfDayNumber(dayNumberOf(at));
}

/** 'YYYY-MM-DD'. */
export function formatAgencyDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Monday to Friday, and no federal holiday observed that day. */
export function isBusinessDay(date: LocalDate): boolean {
  const weekday = new Date(dayNumberOf(date) * dayMs).getUTCDay();
  return weekday !== saturday && weekday !== sunday && observedFederalHoliday(date) === undefined;
}

/** The date `n` calendar days after `from` (its New York date, for an instant). */
export function addCalendarDays(from: LocalDate | Date, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError('calendar days must be a whole number');
  return dateOfDayNumber(dayNumberOf(agencyDateOf(from)) + n);
}

/**
 * The `n`th business day after `from`. The day of receipt is day 0 whatever it is (a
 * Saturday, a holiday, a weekday after closing): counting starts on the next business
 * day, so the result is always a business day when n ≥ 1. `n = 0` gives `from` itself.
 */
export function addBusinessDays(from: LocalDate | Date, n: number): LocalDate {
  assertCount(n, 'business days');
  let day = dayNumberOf(agencyDateOf(from));
  for (let counted = 0; counted < n;) {
    day += 1;
    if (isBusinessDay(dateOfDayNumber(day))) counted += 1;
  }
  return dateOfDayNumber(day);
}

/**
 * The business days after `a` up to and including `b` (each New York dates): what
 * addBusinessDays added, so businessDaysBetween(d, addBusinessDays(d, n)) = n. Negative
 * when `b` is before `a` (the business days after `b` up to and including `a`).
 */
export function businessDaysBetween(a: LocalDate | Date, b: LocalDate | Date): number {
  const from = dayNumberOf(agencyDateOf(a));
  const to = dayNumberOf(agencyDateOf(b));
  const [low, high] = from <= to ? [from, to] : [to, from];
  let count = 0;
  for (let day = low + 1; day <= high; day += 1) if (isBusinessDay(dateOfDayNumber(day))) count += 1;
  // Not -1 × 0: Object.is(-0, 0) is false, and callers compare counts.
  return from <= to || count === 0 ? count : -count;
}

/** The last instant of a New York day: one millisecond before the next day starts. */
export function endOfAgencyDay(date: LocalDate): Date {
  return new Date(startOfLocalDay(addCalendarDays(date, 1), agencyTimeZone) - 1);
}

/** The deadlines a Privacy Act request of `kind` received at `receivedAt` starts. */
export function privacyActDeadlines(kind: PrivacyRequestKind, receivedAt: Date): PrivacyActDeadlines {
  const received = agencyDateOf(receivedAt);
  const deadlines = rules[kind].map((rule) => {
    const due = addBusinessDays(received, rule.businessDays);
    return { name: rule.name, businessDays: rule.businessDays, due, dueAt: endOfAgencyDay(due), authority: rule.authority };
  });
  return { kind, received, deadlines };
}

/**
 * How long an individual has to appeal a denial of access or amendment: 90 calendar days
 * from the date of the denial letter, the day of denial being day 0. The Act leaves the
 * period to the agency (5 U.S.C. 552a(f)(4)); 90 days is the common federal rule (e.g.
 * 28 CFR 16.45(a)) and this agency's.
 */
export function appealWindowEnd(deniedAt: Date): AppealWindow {
  const denied = agencyDateOf(deniedAt);
  const lastDay = addCalendarDays(denied, appealWindowDays);
  return {
    calendarDays: appealWindowDays,
    denied,
    lastDay,
    endsAt: endOfAgencyDay(lastDay),
    authority: '5 U.S.C. 552a(f)(4); agency rule of 90 calendar days (as 28 CFR 16.45(a))',
  };
}

/**
 * Where a deadline stands at `now`: 'overdue' once the end of its due day has passed,
 * 'due_soon' when at most three business days are left (the due day itself leaves 0),
 * 'ok' otherwise.
 */
export function deadlineStatus(deadline: Pick<Deadline, 'due'>, now: Date): DeadlineStatus {
  if (now.getTime() > endOfAgencyDay(deadline.due).getTime()) return 'overdue';
  return businessDaysBetween(now, deadline.due) <= dueSoonBusinessDays ? 'due_soon' : 'ok';
}
