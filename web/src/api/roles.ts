/** Staff roles: a typed copy of src/access/roles.ts. */
export const staffRoles = [
  'agent',
  'supervisor',
  'business_area_staff',
  'privacy_officer',
  'records_manager',
  'auditor',
  'administrator',
  'contractor',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export const roleLabels: Record<StaffRole, string> = {
  agent: 'Agent',
  supervisor: 'Supervisor',
  business_area_staff: 'Business area staff',
  privacy_officer: 'Privacy officer',
  records_manager: 'Records manager',
  auditor: 'Auditor',
  administrator: 'Administrator',
  contractor: 'Contractor',
};

export const roleDescriptions: Record<StaffRole, string> = {
  agent: 'Contact-center agent: finds customers by any key and works cases in their business areas.',
  supervisor: 'Agent rights plus queues, routing, exports and reports for their business areas.',
  business_area_staff: 'Receives cases routed to their business areas; need-to-know only.',
  privacy_officer: 'Privacy Act requests, amendments, disclosures, incidents; reads across areas and the audit log.',
  records_manager: 'Retention, disposal and legal holds across areas; no sensitive fields.',
  auditor: 'Reads and verifies the audit log only; changes nothing and reads no customer records.',
  administrator: 'Manages users, business areas, settings and keys; reads no customer data unless also given a data role.',
  contractor: 'Works only records of the business areas of their contract.',
};

export function isStaffRole(value: string): value is StaffRole {
  return (staffRoles as readonly string[]).includes(value);
}

export function roleLabel(role: string): string {
  return isStaffRole(role) ? roleLabels[role] : role;
}
