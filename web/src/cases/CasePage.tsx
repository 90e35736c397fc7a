import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Grid } from '@trussworks/react-uswds';
import { assignCase, fetchCase } from '../api/cases.ts';
import { fetchCustomer } from '../api/customers.ts';
import { ApiError, problemMessage } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { caseWorkers, hasAnyRole } from '../frame/navItems.ts';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { CaseCalls } from '../calls/CaseCalls.tsx';
import { CaseAttachments } from './CaseAttachments.tsx';
import { CaseCompose } from './CaseCompose.tsx';
import { CaseCorrespondence, senderText } from './CaseCorrespondence.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { CaseLinks } from './CaseLinks.tsx';
import { CaseTracking } from '../tracking/CaseTracking.tsx';
import { CaseSla } from './CaseSla.tsx';
import { CaseStatusForm } from './CaseStatusForm.tsx';
import { PriorityText, StatusTag } from './CaseTable.tsx';
import { assigneeText, channelLabels, recordTypeName, resolutionLabels } from './caseText.ts';

const formatDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function Row({ label, children, testId }: { readonly label: string; readonly children: React.ReactNode; readonly testId?: string }) {
  return (
    <div className="caseline-fields__row" data-testid={testId}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * One case: what it is and where it stands (header and details), its correspondence with
 * a reply / internal note box, its status and assignment, its links and its history.
 */
export function CasePage() {
  const { id = '' } = useParams();
  const session = useSession();
  const { notify } = useNotifications();
  const [version, setVersion] = useState(0);
  const [assigning, setAssigning] = useState(false);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const loaded = useLoad(() => fetchCase(id), [id, version]);
  const data = loaded.data?.id === id ? loaded.data : undefined;
  const customerId = data?.customerId ?? null;
  // The customer's name and e-mail address, for the header and the reply (a case names its customer by id only).
  const customer = useLoad(() => (customerId ? fetchCustomer(customerId) : Promise.resolve(null)), [customerId]);
  const canWork = hasAnyRole(session.roles, caseWorkers);
  const notFound = loaded.error instanceof ApiError && loaded.error.status === 404;

  const assign = async (to: 'me' | null) => {
    setAssigning(true);
    try {
      await assignCase(id, to);
      notify('success', to ? 'The case is now assigned to you.' : 'The case is back in the queue.');
      changed();
    } catch (error) {
      notify('error', `The assignment did not change: ${problemMessage(error)}`);
    } finally {
      setAssigning(false);
    }
  };

  if (!data)
    return (
      <Page title="Case">
        {notFound ? (
          <p>There is no such case, or it is not one your roles and business areas let you see.</p>
        ) : loaded.error ? (
          <LoadError what="the case" error={loaded.error} onRetry={loaded.reload} />
        ) : (
          <Loading />
        )}
      </Page>
    );

  const customerName = customer.data?.name ?? null;
  const replyTo =
    (customer.data?.values.find((v) => v.field === 'email' && v.primary && typeof v.value === 'string')?.value as string | undefined) ??
    (customer.data?.values.find((v) => v.field === 'email' && typeof v.value === 'string')?.value as string | undefined) ??
    data.sender?.email ??
    '';
  const mine = data.assignee === session.id;
  const done = data.status === 'resolved' || data.status === 'closed';

  return (
    <Page
      title={`Case ${data.number}`}
      heading={
        <>
          <span className="caseline-case-number">Case {data.number}</span>
          <span className="caseline-case-title" data-testid="case-title">
            {data.title}
          </span>
        </>
      }
    >
      <div className="caseline-case-strip" data-testid="case-strip">
        <StatusTag status={data.status} />
        <span className="text-bold">
          {data.customerId ? (
            <Link to={`/customers/${data.customerId}`} className="usa-link">
              {customerName ?? 'Customer record'}
            </Link>
          ) : (
            senderText(data.sender) || 'Unknown sender'
          )}
        </span>
        <span>{channelLabels[data.channel]}</span>
        <span>
          Priority <PriorityText priority={data.priority} />
        </span>
        <span>{recordTypeName(data.recordType)}</span>
      </div>

      <Grid row gap="lg">
        <Grid desktop={{ col: 7 }}>
          <section aria-labelledby="correspondence-heading">
            <h2 id="correspondence-heading">Correspondence</h2>
            <CaseCorrespondence
              messages={data.messages}
              selfId={session.id}
              customerName={customerName}
              letters={canWork ? { caseId: data.id, fax: data.channel === 'fax' } : undefined}
            />
          </section>
          {canWork && data.status !== 'closed' && (
            <section aria-labelledby="compose-heading" className="margin-top-4 caseline-compose">
              <h2 id="compose-heading">Respond</h2>
              <CaseCompose key={data.id} caseId={data.id} defaultTo={replyTo} onDone={changed} status={data.status} />
            </section>
          )}
        </Grid>
        <Grid desktop={{ col: 5 }}>
          <section aria-labelledby="details-heading">
            <h2 id="details-heading">Details</h2>
            <dl className="caseline-fields caseline-fields--narrow" data-testid="case-details">
              <Row label="Status" testId="case-status">
                <StatusTag status={data.status} />
              </Row>
              <Row label="Assigned to" testId="case-assignee">
                {assigneeText(data.assignee, session.id)}
                {canWork && !done && (
                  <div className="caseline-actions margin-top-1">
                    {!mine && (
                      <Button type="button" outline disabled={assigning} onClick={() => void assign('me')}>
                        Assign to me
                      </Button>
                    )}
                    {data.assignee !== null && (
                      <Button type="button" unstyled disabled={assigning} onClick={() => void assign(null)}>
                        Put back in the queue
                      </Button>
                    )}
                  </div>
                )}
              </Row>
              {data.customerId ? (
                <Row label="Customer">
                  <Link to={`/customers/${data.customerId}`} className="usa-link">
                    {customerName ?? 'Customer record'}
                  </Link>
                </Row>
              ) : (
                <Row label="Sender">{senderText(data.sender) || 'Not known'}</Row>
              )}
              {data.personnel.length > 0 && (
                <Row label="Staff involved" testId="case-personnel">
                  {data.personnel.map((p) => (p.id === session.id ? 'You' : (p.displayName ?? 'A former staff member'))).join(', ')}
                </Row>
              )}
              <Row label="Kind of inquiry">{recordTypeName(data.recordType)}</Row>
              <Row label="Business area">{data.businessArea ?? 'Shared (no business area)'}</Row>
              {data.category && <Row label="Category">{data.category}</Row>}
              {data.tags.length > 0 && (
                <Row label="Tags">
                  {data.tags.map((t) => (
                    <span key={t} className="usa-tag bg-base-lighter text-ink caseline-tag margin-right-1">
                      {t}
                    </span>
                  ))}
                </Row>
              )}
              <Row label="Opened">{formatDateTime(data.createdAt)}</Row>
              <Row label="First response">{data.firstResponseAt ? formatDateTime(data.firstResponseAt) : 'Not yet'}</Row>
              {data.resolvedAt && <Row label="Resolved">{formatDateTime(data.resolvedAt)}</Row>}
              {data.resolutionCode && (
                <Row label="Resolution" testId="case-resolution">
                  <span className="text-bold">{resolutionLabels[data.resolutionCode] ?? data.resolutionCode}</span>
                  {data.resolution && <span className="display-block caseline-pre">{data.resolution}</span>}
                </Row>
              )}
              {data.closedAt && <Row label="Closed">{formatDateTime(data.closedAt)}</Row>}
              {data.disposeAfter && <Row label="Retention">Kept until {formatDate.format(new Date(data.disposeAfter))}</Row>}
            </dl>
          </section>
          <section aria-labelledby="sla-heading" className="margin-top-4">
            <h2 id="sla-heading">Service levels</h2>
            <CaseSla caseId={data.id} refreshKey={`${data.status}-${data.updatedAt}-${version}`} />
          </section>
          {canWork && (
            <section aria-labelledby="status-heading" className="margin-top-4">
              <h2 id="status-heading">Change status</h2>
              <CaseStatusForm key={`${data.status}-${version}`} caseId={data.id} status={data.status} onChanged={changed} />
            </section>
          )}
          <section aria-labelledby="attachments-heading" className="margin-top-4">
            <h2 id="attachments-heading">Files</h2>
            <CaseAttachments caseId={data.id} canUpload={canWork && data.status !== 'closed'} onUploaded={changed} />
          </section>
          <section aria-labelledby="calls-heading" className="margin-top-4">
            <h2 id="calls-heading">Calls</h2>
            <CaseCalls caseId={data.id} version={version} />
          </section>
          <section aria-labelledby="links-heading" className="margin-top-4">
            <h2 id="links-heading">Linked items</h2>
            <CaseLinks caseId={data.id} links={data.links} canEdit={canWork} onLinked={changed} />
          </section>
        </Grid>
      </Grid>

      <CaseTracking caseId={data.id} version={version} />

      <section aria-labelledby="case-history-heading" className="margin-top-4">
        <h2 id="case-history-heading">History</h2>
        <CaseHistory events={data.events} selfId={session.id} />
      </section>
    </Page>
  );
}
