import type { NoticeRules } from '../api/retention.ts';

/** What the rows of each table the sweep disposes of are, for people. */
export const recordTableLabels: Readonly<Record<string, string>> = {
  cases: 'Cases',
  calls: 'Calls',
  survey_responses: 'Survey answers',
  data_subjects: 'Customer records',
};

export const recordTableLabel = (table: string) => recordTableLabels[table] ?? table;

/** Record type id → its name, from the rules of every notice. */
export function recordTypeNames(rules: readonly NoticeRules[] | undefined): ReadonlyMap<string, string> {
  return new Map((rules ?? []).flatMap((notice) => notice.recordTypes.map((type) => [type.id, type.name] as const)));
}

const dateOnly = (timeZone: string) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone });

/** An instant as a calendar day in the agency's time zone: "Nov 23, 2026". */
export function formatAgencyDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly(timeZone).format(date);
}

/** A calendar date, YYYY-MM-DD, as people read it ("Jan 15, 2027"), without any time zone shifting it. */
export function formatCalendarDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** A range of due dates, one date when both ends fall on the same day. */
export function formatDueRange(from: string, to: string, timeZone: string): string {
  const a = formatAgencyDate(from, timeZone);
  const b = formatAgencyDate(to, timeZone);
  return a === b ? a : `${a} – ${b}`;
}

function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - (instant - (instant % 1000));
}

/** The first instant of a calendar day (YYYY-MM-DD) in the agency's time zone, as an ISO string. */
export function startOfAgencyDay(date: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall - offsetAt(wall, timeZone);
  instant = wall - offsetAt(instant, timeZone);
  return new Date(instant).toISOString();
}

/** Today in the agency's time zone, YYYY-MM-DD, moved by `days`. */
export function agencyToday(timeZone: string, days = 0): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [y, m, d] = parts.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
