import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import type { Customer } from '../api/customers.ts';

const kindLabels = { person: 'Person', organisation: 'Organisation' } as const;

/** The matching customers; sensitive fields are not listed here at all. */
export function SearchResults({ customers }: { readonly customers: readonly Customer[] }) {
  return (
    <Table caption={`${customers.length} matching customer${customers.length === 1 ? '' : 's'}`} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">E-mail address</th>
          <th scope="col">Phone number</th>
          <th scope="col">ZIP code</th>
          <th scope="col">Business area</th>
        </tr>
      </thead>
      <tbody>
        {customers.map((customer) => (
          <tr key={customer.id}>
            <th scope="row" data-label="Name">
              <Link to={`/customers/${customer.id}`} className="usa-link">
                {customer.name}
              </Link>
            </th>
            <td data-label="Kind">{kindLabels[customer.kind]}</td>
            <td data-label="E-mail address">{customer.email ?? '—'}</td>
            <td data-label="Phone number">{customer.phone ?? '—'}</td>
            <td data-label="ZIP code">{customer.zip ?? '—'}</td>
            <td data-label="Business area">{customer.businessArea ?? 'Shared'}</td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
