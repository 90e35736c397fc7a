import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { Alert } from '@trussworks/react-uswds';
import { fetchCustomer, type Customer, type PossibleDuplicate } from '../api/customers.ts';
import { ApiError } from '../api/problem.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { SensitiveValue } from './SensitiveValue.tsx';
import { customerCatalogFields, useSensitiveFields } from './useSensitiveFields.ts';

const kindLabels = { person: 'Person', organisation: 'Organisation' } as const;
const sourceLabels: Record<string, string> = {
  customer: 'The customer',
  agent: 'An agent',
  list_provider: 'A list provider',
  import: 'An import',
};

type Shown = 'name' | 'email' | 'phone' | 'zip' | 'ssnLast4';
const fieldLabels: Record<Shown, string> = {
  name: 'Name',
  email: 'E-mail address',
  phone: 'Phone number',
  zip: 'ZIP code',
  ssnLast4: 'SSN last four',
};

/** One customer. Fields the catalog classes sensitive are masked until revealed (an audited request). */
export function CustomerPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  /** Set by the register page when the new record looks like existing ones. */
  const justRegisteredLike = (location.state as { possibleDuplicates?: readonly PossibleDuplicate[] } | null)?.possibleDuplicates ?? [];
  const customer = useLoad(() => fetchCustomer(id), [id]);
  const sensitive = useSensitiveFields();
  const [revealed, setRevealed] = useState<Partial<Record<Shown, string>>>({});

  const reveal = async () => {
    const full: Customer = await fetchCustomer(id, true);
    if (full.ssnLast4Revealed && full.ssnLast4 !== null) setRevealed((r) => ({ ...r, ssnLast4: full.ssnLast4 ?? '' }));
  };

  const notFound = customer.error instanceof ApiError && customer.error.status === 404;
  const data = customer.data;
  const rows: Shown[] = ['name', 'email', 'phone', 'zip', 'ssnLast4'];

  return (
    <Page title="Customer record">
      {customer.loading && !data ? (
        <Loading />
      ) : notFound ? (
        <p>There is no such customer, or it is not one your roles and business areas let you see.</p>
      ) : customer.error ? (
        <LoadError what="the customer" error={customer.error} onRetry={customer.reload} />
      ) : data ? (
        <>
          {justRegisteredLike.length > 0 && (
            <Alert type="warning" data-testid="duplicate-warning">
              <h2 className="usa-alert__heading">This customer may already be registered</h2>
              <p className="usa-alert__text">
                Check whether{' '}
                {justRegisteredLike.length === 1 ? 'this record is the same customer' : 'one of these records is the same customer'}:{' '}
                {justRegisteredLike.map((d, i) => (
                  <span key={d.id}>
                    {i > 0 && ', '}
                    <Link to={`/customers/${d.id}`} className="usa-link">
                      {d.name}
                    </Link>{' '}
                    ({Math.round(d.score * 100)}% likely)
                  </span>
                ))}
                .
              </p>
            </Alert>
          )}
          <h2 className="margin-bottom-1">{data.name}</h2>
          <dl className="caseline-fields">
            {rows.map((field) => {
              const value = data[field];
              const isSensitive = sensitive.has(customerCatalogFields[field]);
              return (
                <div key={field} className="caseline-fields__row">
                  <dt>
                    {fieldLabels[field]}
                    {isSensitive && <span className="usa-tag bg-secondary-dark caseline-tag margin-left-1">Sensitive</span>}
                  </dt>
                  <dd>
                    {value === null ? (
                      <span className="text-base">Not recorded</span>
                    ) : isSensitive ? (
                      <SensitiveValue
                        label={fieldLabels[field]}
                        revealed={revealed[field] ?? null}
                        {...(field === 'ssnLast4' ? { onReveal: reveal } : {})}
                        onHide={() => setRevealed((r) => ({ ...r, [field]: undefined }))}
                      />
                    ) : (
                      value
                    )}
                  </dd>
                </div>
              );
            })}
            <div className="caseline-fields__row">
              <dt>Kind</dt>
              <dd>{kindLabels[data.kind]}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Business area</dt>
              <dd>{data.businessArea ?? 'Shared (no business area)'}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Recorded by</dt>
              <dd>{sourceLabels[data.recordSource] ?? data.recordSource}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Registered</dt>
              <dd>{formatDateTime(data.createdAt)}</dd>
            </div>
            <div className="caseline-fields__row">
              <dt>Customer id</dt>
              <dd className="caseline-mono">{data.id}</dd>
            </div>
          </dl>
          <PossibleDuplicates id={data.id} />
          <p className="margin-top-4">
            <Link to="/search" className="usa-link">
              Find another customer
            </Link>
          </p>
        </>
      ) : null}
    </Page>
  );
}
