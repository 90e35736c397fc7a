import type { CisaClock } from './incident.ts';

/** One hour from confirmation (OMB M-17-12; US-CERT Federal Incident Notification Guidelines). */
export const cisaReportWindowMs = 60 * 60_000;

/** Where the CISA report of an incident stands at `now`. */
export function cisaClock(times: { readonly confirmedAt: Date | null; readonly reportedToCisaAt: Date | null }, now: Date): CisaClock {
  if (times.confirmedAt === null) return { status: 'not_started', deadline: null, secondsLeft: null };
  const deadline = new Date(times.confirmedAt.getTime() + cisaReportWindowMs);
  if (times.reportedToCisaAt !== null)
    return { status: times.reportedToCisaAt.getTime() <= deadline.getTime() ? 'met' : 'late', deadline, secondsLeft: null };
  const secondsLeft = Math.floor((deadline.getTime() - now.getTime()) / 1000);
  return { status: secondsLeft >= 0 ? 'running' : 'overdue', deadline, secondsLeft };
}
