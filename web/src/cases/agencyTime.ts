/**
 * The agency's time zone, in which service-level clocks run (Monday–Friday 08:00–17:00):
 * the server's CASELINE_TIME_ZONE, which comes with the session (AuthProvider sets it).
 */
let agencyTimeZone = 'America/New_York';
let agencyDateTime = formatterIn(agencyTimeZone);
let zoneName = zoneNameIn(agencyTimeZone);

function formatterIn(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

function zoneNameIn(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'short' });
}

export function setAgencyTimeZone(timeZone: string): void {
  if (timeZone === agencyTimeZone) return;
  agencyTimeZone = timeZone;
  agencyDateTime = formatterIn(timeZone);
  zoneName = zoneNameIn(timeZone);
}

/** An instant in the agency's local time, with the zone's short name: "Nov 25, 2026, 4:00 PM EST". */
export function formatAgencyTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = zoneName.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? agencyTimeZone;
  return `${agencyDateTime.format(date)} ${zone}`;
}

/** A business day on the agency calendar: 08:00 to 17:00. */
const businessDay = 9 * 60;

/** Business minutes in words: 90 → "1 h 30 min", 480 → "8 h", 5400 → "10 business days". */
export function formatBusinessMinutes(minutes: number): string {
  const whole = Math.max(0, Math.round(minutes));
  if (whole >= businessDay && whole % businessDay === 0) {
    const days = whole / businessDay;
    return days === 1 ? '1 business day' : `${days} business days`;
  }
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
