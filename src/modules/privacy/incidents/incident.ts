/** Where an incident stands: open while it is investigated, confirmed once a breach is confirmed, closed when everyone is notified. */
export const incidentStatuses = ['open', 'confirmed', 'closed'] as const;
export type IncidentStatus = (typeof incidentStatuses)[number];

/** The steps of the timeline the privacy office records after the declaration. */
export const incidentSteps = ['contained', 'confirmed', 'reported_to_cisa', 'notification_completed'] as const;
export type IncidentStep = (typeof incidentSteps)[number];

export interface NewIncident {
  readonly title: string;
  readonly description: string;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  /** Method and route pattern, as the audit log names them: 'GET /portal/api/cases/:id'. */
  readonly suspectedRoutes?: readonly string[];
  readonly suspectedRelease?: string | null;
  /** When the incident was discovered; default: now. */
  readonly discoveredAt?: Date;
}

/**
 * The one-hour clock of a confirmed breach (OMB M-17-12; US-CERT Federal Incident
 * Notification Guidelines): not started before confirmation, running until reported, then met
 * or late; overdue while unreported past the deadline.
 */
export type CisaClockStatus = 'not_started' | 'running' | 'overdue' | 'met' | 'late';

export interface CisaClock {
  readonly status: CisaClockStatus;
  readonly deadline: Date | null;
  /** Seconds to the deadline (negative once past); null before confirmation and after the report. */
  readonly secondsLeft: number | null;
}

export interface Incident {
  readonly id: string;
  /** 'PI-2026-000001' */
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly windowStart: Date;
  readonly windowEnd: Date;
  readonly suspectedRoutes: readonly string[];
  readonly suspectedRelease: string | null;
  readonly status: IncidentStatus;
  readonly declaredBy: string;
  readonly declaredAt: Date;
  readonly discoveredAt: Date;
  readonly containedAt: Date | null;
  readonly confirmedAt: Date | null;
  readonly reportedToCisaAt: Date | null;
  readonly notificationCompletedAt: Date | null;
  readonly radiusComputedAt: Date | null;
  /** Responses the portal's egress guard stopped in the window: evidence of the defect, not exposure. */
  readonly blockedResponses: number;
  readonly affectedCount: number;
  readonly cisaClock: CisaClock;
}

/** One person in the blast radius: ids, catalog names and times, never values. */
export interface AffectedPerson {
  readonly subjectId: string;
  readonly businessArea: string | null;
  readonly recordTypes: readonly string[];
  readonly fieldClasses: readonly string[];
  readonly routes: readonly string[];
  /** 'portal-session:<uuid>' or 'staff:<uuid>'. */
  readonly recipients: readonly string[];
  readonly responses: number;
  readonly firstExposedAt: Date;
  readonly lastExposedAt: Date;
  readonly letterGeneratedAt: Date | null;
  readonly emailQueuedAt: Date | null;
  readonly noticeCaseId: string | null;
}

export interface IncidentDetail {
  readonly incident: Incident;
  readonly affected: readonly AffectedPerson[];
}

export interface IncidentEvent {
  readonly kind: string;
  readonly actor: string;
  readonly at: Date;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** What a computation of the blast radius found. */
export interface BlastRadius {
  readonly affected: number;
  /** Rows dropped because a recomputation no longer finds the person (none already notified). */
  readonly removed: number;
  readonly blockedResponses: number;
}

/** The e-mails of one bulk queueing: how many went, and why the others did not. */
export interface EmailOutcome {
  readonly queued: number;
  readonly alreadyQueued: number;
  /** No e-mail consent (preferred means of contact not e-mail) or no e-mail address on record. */
  readonly notByEmail: number;
}
