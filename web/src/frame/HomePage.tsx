import { Card, CardBody, CardGroup, CardHeader } from '@trussworks/react-uswds';
import { roleDescriptions, isStaffRole } from '../api/roles.ts';
import { useSession } from '../auth/useSession.ts';
import { Page } from './Page.tsx';
import { navItemsFor, nav, type NavItem } from './navItems.ts';

const blurbs: Record<string, string> = {
  [nav.myCases.path]: 'The cases assigned to you that are still being worked.',
  [nav.queue.path]: 'Open cases nobody has taken yet, by business area: take one to work it.',
  [nav.search.path]: 'Find a customer by name, e-mail address, phone number or ZIP code, or register a new one.',
  [nav.registerCustomer.path]: 'Record a person or an organisation who contacts us, with their addresses, identifiers and preferences.',
  [nav.importCustomers.path]: 'Register many customers at once from a CSV file, checked row by row before anything is created.',
  [nav.users.path]: 'Create staff accounts, change roles and business areas, disable accounts and reset lost authenticators.',
  [nav.businessAreas.path]: 'The need-to-know scopes that decide which records each user may see.',
  [nav.settings.path]: 'API tokens and the master key that protects every data key.',
  [nav.records.path]: 'The System of Records Notices Caseline obeys, with each record type’s retention rule.',
  [nav.privacyRequests.path]: 'Privacy Act requests to see or correct records, and appeals: their deadlines, decisions and letters.',
  [nav.disclosures.path]: 'The accounting of disclosures: what went to whom, when and under which routine use.',
  [nav.notices.path]:
    'The notices as the catalog generates them, what changed since their last publication, and the privacy impact assessment.',
  [nav.audit.path]: 'Search the audit log and check that its hash chain is intact.',
  [nav.retention.path]: 'Each record type’s retention rule, what falls due for disposal and what legal holds keep.',
  [nav.legalHolds.path]: 'Keep records past their retention for litigation, audits and requests; release holds when they end.',
  [nav.certificates.path]: 'What each retention sweep disposed of: records, files and keys destroyed, by rule.',
};

export function HomePage() {
  const session = useSession();
  const items: NavItem[] = navItemsFor(session.roles);
  return (
    <Page title="Home" heading={`Welcome, ${session.displayName}`}>
      <ul className="usa-list usa-list--unstyled margin-bottom-3">
        {session.roles.filter(isStaffRole).map((role) => (
          <li key={role}>{roleDescriptions[role]}</li>
        ))}
      </ul>
      {items.length > 0 && <p>Your pages, also in the main navigation:</p>}
      {items.length > 0 ? (
        <CardGroup>
          {items.map((item) => (
            <Card key={item.path} gridLayout={{ tablet: { col: 6 }, desktop: { col: 4 } }}>
              <CardHeader>
                <h2 className="usa-card__heading">{item.label}</h2>
              </CardHeader>
              <CardBody>
                <p>{blurbs[item.path]}</p>
              </CardBody>
            </Card>
          ))}
        </CardGroup>
      ) : (
        <p>Your roles have no console pages yet. Use the account menu to manage your password and API tokens.</p>
      )}
    </Page>
  );
}
