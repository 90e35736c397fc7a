import type { NewIncident } from './incident.ts';

/** A field of a new incident or a step that cannot be accepted; its text names no person. */
export class InvalidIncidentField extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidIncidentField';
    this.field = field;
    this.reason = reason;
  }
}

/** A step that does not fit where the incident stands (recorded twice, reported before confirmed). */
export class IncidentConflict extends Error {
  readonly field: string;
  readonly reason: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'IncidentConflict';
    this.field = field;
    this.reason = reason;
  }
}

export class IncidentNotFound extends Error {
  constructor() {
    super('no such incident');
    this.name = 'IncidentNotFound';
  }
}

export const maxTitleLength = 200;
export const maxDescriptionLength = 10_000;
export const maxRoutes = 50;
const routePattern = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/[\x21-\x7e]{0,199}$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuid.test(value);
}

function validDate(field: string, value: Date): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidIncidentField(field, 'must be a date and time');
  return value;
}

/** A time the privacy office says something happened: not in the future. */
export function checkStepTime(field: string, at: Date, now: Date): Date {
  validDate(field, at);
  if (at.getTime() > now.getTime()) throw new InvalidIncidentField(field, 'must not be in the future');
  return at;
}

export interface CheckedIncident {
  readonly title: string;
  readonly description: string;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly suspectedRoutes: string[];
  readonly suspectedRelease: string | null;
  readonly discoveredAt: Date;
}

export function checkIncident(input: NewIncident, now: Date): CheckedIncident {
  const title = input.title.trim();
  if (title.length < 3 || title.length > maxTitleLength)
    throw new InvalidIncidentField('title', `must be 3 to ${maxTitleLength} characters`);
  const description = input.description.trim();
  if (description.length === 0 || description.length > maxDescriptionLength)
    throw new InvalidIncidentField('description', `must be 1 to ${maxDescriptionLength} characters`);
  const windowStart = validDate('windowStart', input.windowStart);
  const windowEnd = validDate('windowEnd', input.windowEnd);
  if (windowEnd.getTime() <= windowStart.getTime()) throw new InvalidIncidentField('windowEnd', 'must be after the start of the window');
  const routes = [...new Set((input.suspectedRoutes ?? []).map((r) => r.trim()).filter(Boolean))];
  if (routes.length > maxRoutes) throw new InvalidIncidentField('suspectedRoutes', `at most ${maxRoutes} routes`);
  for (const route of routes)
    if (!routePattern.test(route))
      throw new InvalidIncidentField('suspectedRoutes', "each must be a method and route pattern, e.g. 'GET /portal/api/cases/:id'");
  const release = input.suspectedRelease?.trim() || null;
  if (release !== null && release.length > 100) throw new InvalidIncidentField('suspectedRelease', 'must be at most 100 characters');
  const discoveredAt = checkStepTime('discoveredAt', input.discoveredAt ?? now, now);
  if (discoveredAt.getTime() < windowStart.getTime())
    throw new InvalidIncidentField('discoveredAt', 'must not be before the start of the window');
  return { title, description, windowStart, windowEnd, suspectedRoutes: routes, suspectedRelease: release, discoveredAt };
}
