import { auditFilterKeys, isAuditAction, type AuditFilter } from '../api/audit.ts';

/**
 * The audit filters in the query string, so that a search can be bookmarked and shared.
 * Every filter is an id, an action or a time: no personal data.
 */
export function filterFromParams(params: URLSearchParams): AuditFilter {
  const filter: Record<string, string> = {};
  for (const key of auditFilterKeys) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'action' && !isAuditAction(value)) continue;
    filter[key] = value;
  }
  return filter as AuditFilter;
}

export function paramsFromFilter(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of auditFilterKeys) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  return params;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO instant as the value of a datetime-local input (the reader's local time). */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (local time) as an ISO instant, or undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
