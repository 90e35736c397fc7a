import type { TableDecl } from '../types.ts';

// Migration 0024_privacy_incidents: privacy incidents, their blast radius and timeline (OMB
// M-17-12). Caseline's own records, about incidents in any notice's records; no record type of
// the catalog fits incident files, so they carry no retention rule yet.
export const privacyIncidentTables = {
  privacy_incidents: {
    personal: true,
    notice: 'system',
    description:
      'Privacy incidents: the window, suspected routes and release, who declared it, and the timeline (discovered, contained, confirmed, reported to CISA, notification completed).',
    columns: {
      id: 'operational',
      number: 'operational',
      title: 'content',
      description: 'content',
      window_start: 'operational',
      window_end: 'operational',
      suspected_routes: 'operational',
      suspected_release: 'operational',
      status: 'operational',
      declared_by: 'operational',
      declared_at: 'operational',
      discovered_at: 'operational',
      contained_at: 'operational',
      confirmed_at: 'operational',
      reported_to_cisa_at: 'operational',
      notification_completed_at: 'operational',
      radius_computed_at: 'operational',
      blocked_responses: 'operational',
    },
  },
  privacy_incident_affected: {
    personal: true,
    notice: 'system',
    description:
      'The people in an incident’s blast radius: what of theirs was exposed (record types and field classes, never values), to which session or staff member, when, and how they were notified.',
    columns: {
      id: 'operational',
      incident_id: 'operational',
      subject_id: 'operational',
      business_area: 'operational',
      record_types: 'operational',
      field_classes: 'operational',
      routes: 'operational',
      recipients: 'operational',
      responses: 'operational',
      first_exposed_at: 'operational',
      last_exposed_at: 'operational',
      letter_generated_at: 'operational',
      email_queued_at: 'operational',
      notice_case_id: 'operational',
    },
  },
  privacy_incident_events: {
    personal: true,
    notice: 'system',
    description: 'The timeline of each privacy incident: each step, who took it and when, as codes and ids.',
    columns: {
      id: 'operational',
      seq: 'operational',
      incident_id: 'operational',
      kind: 'operational',
      actor: 'operational',
      at: 'operational',
      detail: 'operational',
    },
  },
} as const satisfies Record<string, TableDecl>;
