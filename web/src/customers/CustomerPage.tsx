import { useCallback, useState } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { Alert } from '@trussworks/react-uswds';
import { fetchCustomer, fetchDuplicates, fetchHistory, fetchMerges, type PossibleDuplicate } from '../api/customers.ts';
import { ApiError } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { caseWorkers, customerCreators, hasAnyRole } from '../frame/navItems.ts';
import { Page } from '../frame/Page.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { AddValueForm } from './AddValueForm.tsx';
import { ContactHistory } from './ContactHistory.tsx';
import { CustomerMerges } from './CustomerMerges.tsx';
import { CustomerValues } from './CustomerValues.tsx';
import { CustomerCases } from '../cases/CustomerCases.tsx';
import { CustomerCalls } from '../calls/CustomerCalls.tsx';
import { ChangesOfAddress } from '../tracking/ChangesOfAddress.tsx';
import { HoldMail } from '../tracking/HoldMail.tsx';
import { DeliveryServices } from '../tracking/DeliveryServices.tsx';
import { Mailings } from '../tracking/Mailings.tsx';
import { CustomerTracking } from '../tracking/CustomerTracking.tsx';
import { TrackingAlerts } from '../tracking/TrackingAlerts.tsx';
import { kindLabels, sourceLabels } from './fieldText.ts';
import { KeyContacts } from './KeyContacts.tsx';
import { PossibleDuplicates } from './PossibleDuplicates.tsx';
import { useCustomerFields } from './useCustomerFields.ts';

interface PageState {
  /** Set by the register page when the new record looks like existing ones. */
  readonly possibleDuplicates?: readonly PossibleDuplicate[];
  /** Set when the customer asked for had been merged into this one. */
  readonly mergedFrom?: string;
}

/**
 * One customer: its profile, values (masked ones revealed field by field, each reveal
 * audited), key contacts, contact history, possible duplicates and merges.
 */
export function CustomerPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const session = useSession();
  const state = location.state as PageState | null;
  const [version, setVersion] = useState(0);
  // Once anything changed here (a merge, say) the warning from registration is out of date.
  const justRegisteredLike = version === 0 ? (state?.possibleDuplicates ?? []) : [];
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const customer = useLoad(() => fetchCustomer(id), [id, version]);
  const history = useLoad(() => fetchHistory(id), [id, version]);
  const duplicates = useLoad(() => fetchDuplicates(id), [id, version]);
  const merges = useLoad(() => fetchMerges(id), [id, version]);
  const fields = useCustomerFields();
  const canEdit = hasAnyRole(session.roles, customerCreators);
  const canOpenCases = hasAnyRole(session.roles, caseWorkers);

  const notFound = customer.error instanceof ApiError && customer.error.status === 404;
  const data = customer.data;
  // A merged customer answers 303 to the survivor, which fetch follows: show the survivor at its own address.
  if (data && data.id !== id) return <Navigate to={`/customers/${data.id}`} replace state={{ mergedFrom: id }} />;

  return (
    <Page title="Customer record">
      {customer.loading && !data ? (
        <Loading />
      ) : notFound ? (
        <p>There is no such customer, or it is not one your roles and business areas let you see.</p>
      ) : customer.error && !data ? (
        <LoadError what="the customer" error={customer.error} onRetry={customer.reload} />
      ) : data ? (
        <>
          {state?.mergedFrom && version === 0 && (
            <Alert type="info" slim data-testid="merged-notice">
              <p className="usa-alert__text">The customer you opened was merged into this one.</p>
            </Alert>
          )}
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
                . If it is, merge it into this record under Possible duplicates.
              </p>
            </Alert>
          )}
          <section aria-labelledby="profile-heading">
            <h2 id="profile-heading" className="margin-bottom-1" data-testid="customer-name">
              {data.name}
            </h2>
            <dl className="caseline-fields">
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
                <dt>Last updated</dt>
                <dd>{formatDateTime(data.updatedAt)}</dd>
              </div>
              <div className="caseline-fields__row">
                <dt>Customer id</dt>
                <dd className="caseline-mono caseline-break">{data.id}</dd>
              </div>
            </dl>
          </section>

          <section aria-labelledby="values-heading" className="margin-top-4">
            <h2 id="values-heading">Customer information</h2>
            <p className="usa-hint">
              Masked values are shown only on request; each reveal is recorded in the audit log with your name and purpose.
            </p>
            {fields.error ? (
              <LoadError what="the customer fields" error={fields.error} onRetry={fields.reload} />
            ) : !fields.fields ? (
              <Loading />
            ) : (
              <>
                <CustomerValues
                  key={`${data.updatedAt}-${version}`}
                  customer={data}
                  catalog={fields.fields}
                  canEdit={canEdit}
                  onChanged={changed}
                />
                {canEdit && (
                  <details className="caseline-details margin-top-2">
                    <summary className="text-bold">Add a value</summary>
                    <div className="padding-top-1">
                      <AddValueForm customerId={data.id} kind={data.kind} catalog={fields.fields} onAdded={changed} />
                    </div>
                  </details>
                )}
              </>
            )}
          </section>

          <section aria-labelledby="cases-heading" className="margin-top-4">
            <h2 id="cases-heading">Cases</h2>
            <CustomerCases customerId={data.id} canOpen={canOpenCases} version={version} />
          </section>

          <section aria-labelledby="calls-heading" className="margin-top-4">
            <h2 id="calls-heading">Calls</h2>
            <CustomerCalls customerId={data.id} canLog={canOpenCases} version={version} onLogged={changed} />
          </section>

          <ChangesOfAddress customer={data} canEnter={canEdit} />

          <HoldMail customer={data} canEnter={canEdit} />

          <DeliveryServices customer={data} canEnter={canEdit} />

          <Mailings customer={data} canEnter={canEdit} />

          <CustomerTracking customerId={data.id} version={version} />

          <TrackingAlerts customer={data} canEnter={canEdit} />

          <section aria-labelledby="contacts-heading" className="margin-top-4">
            <h2 id="contacts-heading">Key contacts</h2>
            <KeyContacts customer={data} canEdit={canEdit} onChanged={changed} />
          </section>

          <section aria-labelledby="history-heading" className="margin-top-4">
            <h2 id="history-heading">Contact history</h2>
            <ContactHistory history={history} selfId={session.id} />
          </section>

          <section aria-labelledby="duplicates-heading" className="margin-top-4">
            <h2 id="duplicates-heading">Possible duplicates</h2>
            <PossibleDuplicates
              customerId={data.id}
              customerName={data.name}
              duplicates={duplicates}
              canMerge={canEdit}
              onMerged={changed}
            />
          </section>

          <section aria-labelledby="merges-heading" className="margin-top-4">
            <h2 id="merges-heading">Merges</h2>
            <CustomerMerges merges={merges} canUndo={canEdit} onUndone={changed} />
          </section>

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
