import type { NewCustomer, NewValue } from '../../src/modules/customers/index.ts';

export interface PersonFixture {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly address?: { readonly lines: string; readonly city: string; readonly state: string; readonly zip: string };
  readonly ssnLast4?: string;
  readonly businessArea?: string | null;
}

/** A person's registration from the flat shape tests think in: one value per given field. */
export function personInput(p: PersonFixture): NewCustomer {
  const values: NewValue[] = [
    { field: 'customer_name', value: p.name },
    ...(p.email ? [{ field: 'email' as const, value: p.email }] : []),
    ...(p.phone ? [{ field: 'phone' as const, value: p.phone }] : []),
    ...(p.address ? [{ field: 'mailing_address' as const, value: p.address, label: 'home' }] : []),
    ...(p.ssnLast4 ? [{ field: 'ssn_last4' as const, value: p.ssnLast4 }] : []),
  ];
  return { kind: 'person', businessArea: p.businessArea ?? null, recordSource: 'agent', values };
}

/** A valid address at a ZIP, for tests that need one but do not care which. */
export function addressAt(zip: string, lines = '1600 Pennsylvania Ave NW') {
  return { lines, city: 'Washington', state: 'DC', zip };
}
