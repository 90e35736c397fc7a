import type { Role } from './roles.ts';

/**
 * The one authorization matrix: role × action × relation to the record → allowed.
 * The service layer asks it directly (policy.ts); row-level security reads the same
 * cells, shipped into each transaction as 'action:relation' grants (principals.ts).
 */
export const recordActions = [
  'record.read',
  'record.create',
  'record.update',
  'record.delete',
  'record.read_sensitive',
  'record.export',
] as const;
export type RecordAction = (typeof recordActions)[number];

/** Actions on the system rather than on a personal-data record: their relation is always 'any'. */
export const systemActions = [
  'audit.read',
  'audit.verify',
  'user.manage',
  'settings.manage',
  'keys.manage',
  'catalog.read',
  'retention.manage',
  /** Routing rules, queues and assignment of cases (supervisors). */
  'routing.manage',
  /** Macros: reply templates with canned case actions (supervisors). */
  'macros.manage',
  /** Aggregate reports of the reader's areas: satisfaction by agent, area and channel (supervisors). */
  'reports.read',
  /** Record the catalog's notice as the version sent to the Federal Register (the privacy office). */
  'notices.publish',
  /** Print the letters waiting in the print queue (identity codes mailed to the address of record). */
  'letters.print',
  /** Work the change-of-address fraud review queue: approve or deny a held request, with a reason (supervisors). */
  'fraud.review',
  /** Load tracking events from carrier and processing feeds (an integration's API token). */
  'tracking.ingest',
] as const;
export type SystemAction = (typeof systemActions)[number];

export type Action = RecordAction | SystemAction;

/** How a record relates to whoever asks (see caseline.relation() in 0001_db_principal.sql). */
export const staffRelations = ['shared', 'in_area', 'other_area'] as const;
export const customerRelations = ['own', 'other'] as const;
export type StaffRelation = (typeof staffRelations)[number];
export type CustomerRelation = (typeof customerRelations)[number];
export type Relation = StaffRelation | CustomerRelation | 'any';

type Cells = Partial<Record<Action, readonly Relation[]>>;

const ownAreas = ['shared', 'in_area'] as const;
const everyArea = ['shared', 'in_area', 'other_area'] as const;
const always = ['any'] as const;

export const matrix: Record<Role, Cells> = {
  agent: {
    'record.read': ownAreas,
    'record.create': ownAreas,
    'record.update': ownAreas,
    'record.read_sensitive': ownAreas,
    'catalog.read': always,
  },
  supervisor: {
    'record.read': ownAreas,
    'record.create': ownAreas,
    'record.update': ownAreas,
    'record.read_sensitive': ownAreas,
    'record.export': ownAreas,
    'routing.manage': always,
    'macros.manage': always,
    'reports.read': always,
    'letters.print': always,
    'fraud.review': always,
    'catalog.read': always,
  },
  business_area_staff: {
    'record.read': ownAreas,
    'record.create': ['in_area'],
    'record.update': ['in_area'],
    'catalog.read': always,
  },
  contractor: {
    'record.read': ['in_area'],
    'record.create': ['in_area'],
    'record.update': ['in_area'],
    'catalog.read': always,
  },
  privacy_officer: {
    'record.read': everyArea,
    // An accepted Privacy Act amendment is a corrected value written beside the old one.
    'record.create': everyArea,
    'record.update': everyArea,
    'record.delete': everyArea,
    'record.read_sensitive': everyArea,
    'record.export': everyArea,
    'audit.read': always,
    'catalog.read': always,
    'notices.publish': always,
  },
  records_manager: {
    'record.read': everyArea,
    'record.delete': everyArea,
    'retention.manage': always,
    'catalog.read': always,
  },
  auditor: {
    'audit.read': always,
    'audit.verify': always,
    'catalog.read': always,
  },
  administrator: {
    'tracking.ingest': always,
    'user.manage': always,
    'settings.manage': always,
    'keys.manage': always,
    'catalog.read': always,
  },
  customer: {
    'record.read': ['own'],
    'record.create': ['own'],
    'record.update': ['own'],
    // The right of access (5 U.S.C. 552a(d)(1)): a copy of one's own records, once the privacy office releases it.
    'record.export': ['own'],
  },
  system: {
    'record.read': always,
    'record.create': always,
    'record.update': always,
    'record.delete': always,
    'record.read_sensitive': always,
    'record.export': always,
    'audit.read': always,
    'audit.verify': always,
    'catalog.read': always,
    // The operator's CLI on the server's own machine acts as the system.
    'user.manage': always,
    'settings.manage': always,
    'keys.manage': always,
    'retention.manage': always,
    'routing.manage': always,
    'macros.manage': always,
    'reports.read': always,
    'notices.publish': always,
    // The file loader (`caseline tracking load`) feeds events as the system.
    'tracking.ingest': always,
  },
};

export function allowedRelations(role: Role, action: Action): readonly Relation[] {
  return matrix[role][action] ?? [];
}
