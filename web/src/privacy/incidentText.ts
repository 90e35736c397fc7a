import type { CisaClock, IncidentStatus } from '../api/incidents.ts';

/** The words for an incident's codes, shared by the register and the incident's page. */
export const incidentStatusLabels: Readonly<Record<IncidentStatus, string>> = {
  open: 'Investigating',
  confirmed: 'Confirmed breach',
  closed: 'Notification completed',
};

/** "1:05:09" or "4:07": a duration in whole seconds, hours only when there are any. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.abs(Math.trunc(totalSeconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The CISA clock in a sentence, at `nowMs` (the server's time as this page knows it). */
export function clockText(clock: CisaClock, nowMs: number): { label: string; tone: 'neutral' | 'ok' | 'warning' | 'overdue' } {
  switch (clock.status) {
    case 'not_started':
      return { label: 'Starts when the breach is confirmed', tone: 'neutral' };
    case 'met':
      return { label: 'Reported to CISA on time', tone: 'ok' };
    case 'late':
      return { label: 'Reported to CISA late', tone: 'overdue' };
    default: {
      const left = Math.floor((Date.parse(clock.deadline!) - nowMs) / 1000);
      return left >= 0
        ? { label: `${formatDuration(left)} left to report to CISA`, tone: left < 15 * 60 ? 'warning' : 'ok' }
        : { label: `Overdue by ${formatDuration(left)}: report to CISA now`, tone: 'overdue' };
    }
  }
}

/** A datetime-local field's value as an instant (the browser's time zone), or null when it is not one. */
export function instantOf(local: string): string | null {
  if (!local) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** An instant as a datetime-local field's value, in the browser's time zone. */
export function localInputOf(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}
