import type { StaffRole } from '../api/roles.ts';

export interface NavItem {
  readonly label: string;
  readonly path: string;
  /** The roles that see the link; the route behind it admits at least these (see App.tsx). */
  readonly roles: readonly StaffRole[];
}

/** Roles whose grants include reading customer records (record.read in src/access/matrix.ts). */
export const customerReaders: readonly StaffRole[] = [
  'agent',
  'supervisor',
  'business_area_staff',
  'contractor',
  'privacy_officer',
  'records_manager',
];
/** Roles that work cases: take them from the queue, answer, resolve (the agent's and supervisor's pages). */
export const caseWorkers: readonly StaffRole[] = ['agent', 'supervisor'];
/** Roles that may register a customer (record.create). */
export const customerCreators: readonly StaffRole[] = ['agent', 'supervisor', 'business_area_staff', 'contractor'];

/** Each destination once, so that the side navigation and the route guards agree. */
export const nav = {
  myCases: { label: 'My cases', path: '/cases/mine', roles: caseWorkers },
  queue: { label: 'Queue', path: '/cases/queue', roles: caseWorkers },
  newCase: { label: 'New case', path: '/cases/new', roles: caseWorkers },
  search: { label: 'Search', path: '/search', roles: ['agent', 'supervisor', 'business_area_staff', 'contractor'] },
  /** record.read: any role that reads customer records may look mail up (src/http/routes/tracking.ts). */
  tracking: { label: 'Tracking', path: '/tracking', roles: customerReaders },
  registerCustomer: { label: 'Register customer', path: '/customers/new', roles: customerCreators },
  importCustomers: { label: 'Import customers', path: '/customers/import', roles: customerCreators },
  users: { label: 'Users', path: '/admin/users', roles: ['administrator'] },
  businessAreas: { label: 'Business areas', path: '/admin/business-areas', roles: ['administrator'] },
  settings: { label: 'Settings', path: '/admin/settings', roles: ['administrator'] },
  records: { label: 'Records', path: '/records', roles: ['privacy_officer', 'records_manager', 'administrator'] },
  audit: { label: 'Audit', path: '/audit', roles: ['auditor', 'privacy_officer'] },
  /** The privacy office: retention.manage in src/access/matrix.ts (src/http/routes/retention.ts). */
  retention: { label: 'Retention', path: '/privacy/retention', roles: ['records_manager'] },
  legalHolds: { label: 'Legal holds', path: '/privacy/holds', roles: ['records_manager'] },
  /** Certificates: retention.manage or audit.read. */
  certificates: {
    label: 'Disposal certificates',
    path: '/privacy/certificates',
    roles: ['records_manager', 'privacy_officer', 'auditor'],
  },
  /** Privacy Act requests and the accounting of disclosures (src/http/routes/privacy-requests.ts, disclosures.ts). */
  privacyRequests: { label: 'Requests', path: '/privacy/requests', roles: ['privacy_officer'] },
  disclosures: { label: 'Disclosures', path: '/privacy/disclosures', roles: ['privacy_officer'] },
  /** Privacy incidents, their blast radius and notification letters (src/http/routes/privacy-incidents.ts). */
  incidents: { label: 'Incidents', path: '/privacy/incidents', roles: ['privacy_officer'] },
  /** catalog.read for both; publishing is notices.publish (privacy officers), src/http/routes/notices.ts. */
  notices: { label: 'Notices and PIA', path: '/privacy/notices', roles: ['privacy_officer', 'auditor'] },
  /** reports.read in src/access/matrix.ts. */
  satisfaction: { label: 'Satisfaction', path: '/reports/satisfaction', roles: ['supervisor'] },
  /** reports.read in src/access/matrix.ts. */
  caseReports: { label: 'Case reports', path: '/reports/cases', roles: ['supervisor'] },
  /** The service-level list of src/http/routes/sla.ts (supervisors; their areas). */
  /** Queues and workload: GET /api/workload (routing.manage). */
  workload: { label: 'Workload', path: '/supervisor/workload', roles: ['supervisor'] },
  atRisk: { label: 'At risk', path: '/supervisor/at-risk', roles: ['supervisor'] },
  /** routing.manage in src/access/matrix.ts. */
  routingRules: { label: 'Routing rules', path: '/supervisor/routing', roles: ['supervisor'] },
  /** macros.manage in src/access/matrix.ts. */
  macros: { label: 'Macros', path: '/supervisor/macros', roles: ['supervisor'] },
  /** letters.print in src/access/matrix.ts (src/http/routes/print-queue.ts). */
  printQueue: { label: 'Print queue', path: '/supervisor/print-queue', roles: ['supervisor'] },
  /** fraud.review in src/access/matrix.ts (src/http/routes/change-of-address.ts). */
  fraudReview: { label: 'Fraud review', path: '/supervisor/fraud-review', roles: ['supervisor'] },
} as const satisfies Record<string, NavItem>;

/** The side navigation, in order. A role sees only the links it can use. */
export const navItems: readonly NavItem[] = [
  nav.myCases,
  nav.queue,
  nav.search,
  nav.tracking,
  nav.registerCustomer,
  nav.importCustomers,
  nav.satisfaction,
  nav.caseReports,
  nav.workload,
  nav.atRisk,
  nav.routingRules,
  nav.macros,
  nav.printQueue,
  nav.fraudReview,
  nav.users,
  nav.businessAreas,
  nav.settings,
  nav.records,
  nav.privacyRequests,
  nav.disclosures,
  nav.incidents,
  nav.notices,
  nav.retention,
  nav.legalHolds,
  nav.certificates,
  nav.audit,
];

export function hasAnyRole(userRoles: readonly string[], allowed: readonly StaffRole[]): boolean {
  return userRoles.some((role) => (allowed as readonly string[]).includes(role));
}

export function navItemsFor(userRoles: readonly string[]): NavItem[] {
  return navItems.filter((item) => hasAnyRole(userRoles, item.roles));
}
