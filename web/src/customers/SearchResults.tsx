import { Link } from 'react-router';
import { Table } from '@trussworks/react-uswds';
import type { LookupAnswer } from '../api/customers.ts';
import { formatPhone, kindLabels } from './fieldText.ts';

interface Props {
  readonly results: LookupAnswer['results'];
  /** For a find-customer box lookup: what each customer matched by. */
  readonly showMatchedBy?: boolean;
  /** The phone number searched for, handed to the customer's page (in navigation state, never the URL) to log the call. */
  readonly callerNumber?: string | null;
}

/** The matching customers; sensitive fields are not listed here at all. */
export function SearchResults({ results, showMatchedBy = false, callerNumber = null }: Props) {
  return (
    <Table caption={`${results.length} matching customer${results.length === 1 ? '' : 's'}`} fullWidth stackedStyle="headers">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Kind</th>
          <th scope="col">E-mail address</th>
          <th scope="col">Phone number</th>
          <th scope="col">Address</th>
          <th scope="col">Business area</th>
          {showMatchedBy && <th scope="col">Matched by</th>}
        </tr>
      </thead>
      <tbody>
        {results.map(({ customer, matchedBy }) => (
          <tr key={customer.id}>
            <th scope="row" data-label="Name">
              <Link to={`/customers/${customer.id}`} state={callerNumber ? { callerNumber } : undefined} className="usa-link">
                {customer.name}
              </Link>
            </th>
            <td data-label="Kind">{kindLabels[customer.kind]}</td>
            <td data-label="E-mail address">{customer.email ?? '—'}</td>
            <td data-label="Phone number">{customer.phone ? formatPhone(customer.phone) : '—'}</td>
            <td data-label="Address">{customer.address ?? customer.zip ?? '—'}</td>
            <td data-label="Business area">{customer.businessArea ?? 'Shared'}</td>
            {showMatchedBy && <td data-label="Matched by">{matchedBy || '—'}</td>}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
