/** A report's period: two local days (YYYY-MM-DD), both included. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The thirty days ending today, the period a report opens on. */
export function lastThirtyDays(): Period {
  const today = new Date();
  return { from: localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29)), to: localDay(today) };
}

/** The messages for a period's From and To fields, keyed by field; empty when the period is valid. */
export function periodChecks({ from, to }: Period, maxDays?: number): Record<string, string> {
  const checks: Record<string, string> = {};
  if (!isoDay.test(from)) checks.from = 'From must be a date.';
  if (!isoDay.test(to)) checks.to = 'To must be a date.';
  if (checks.from || checks.to) return checks;
  if (to < from) checks.to = 'To must not be before From.';
  else if (maxDays !== undefined && (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > maxDays)
    checks.to = `To must be at most ${maxDays} days after From.`;
  return checks;
}
