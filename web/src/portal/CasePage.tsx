import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Form } from '@trussworks/react-uswds';
import { StatusTag } from '../cases/CaseTable.tsx';
import { resolutionLabels } from '../cases/caseText.ts';
import { ApiError } from '../api/problem.ts';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { CaseFiles } from './CaseFiles.tsx';
import { CaseRating } from './CaseRating.tsx';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi, type PortalCaseDetail } from './portalApi.ts';
import { present } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { body: 'Your reply' };
const ids = { body: 'case-reply' };

/** /portal/cases/:id: one of the customer's cases, our answers and theirs, a reply form, its rating once resolved, and their files. */
export function CasePage() {
  const { id = '' } = useParams();
  const detail = useLoad(() => portalApi.case(id), [id]);

  if (detail.error instanceof ApiError && detail.error.status === 404)
    return (
      <Page title="Case not found">
        <p className="usa-intro">You have no case at this address.</p>
        <p>
          <Link to="/portal/cases" className="usa-link">
            Go to my cases
          </Link>
        </p>
      </Page>
    );
  if (!detail.data)
    return (
      <Page title="Case">
        {detail.error ? <LoadError what="the case" error={detail.error} onRetry={detail.reload} /> : <Loading label="Loading the case…" />}
      </Page>
    );
  return <CaseView key={detail.data.id} detail={detail.data} onChange={detail.setData} />;
}

function CaseView({ detail, onChange }: { readonly detail: PortalCaseDetail; readonly onChange: (next: PortalCaseDetail) => void }) {
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks } = usePortalFormErrors(labels);
  const { notify } = useNotifications();

  const reply = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!fromChecks(present({ body: body.trim() ? undefined : 'Enter your reply.' })) || busy) return;
    setBusy(true);
    try {
      onChange(await portalApi.write(detail.id, body));
      setBody('');
      notify('success', 'Your reply was added to the case.');
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    // The title stays generic: case titles are the customer's words, and titles reach the browser history.
    <Page
      title="Case"
      heading={
        <>
          <span className="caseline-case-number">{detail.number}</span>
          <span className="caseline-case-title caseline-break">{detail.title}</span>
        </>
      }
    >
      <p>
        <Link to="/portal/cases" className="usa-link">
          Back to my cases
        </Link>
      </p>
      <dl className="caseline-case-strip" data-testid="case-strip">
        <div>
          <dt className="display-inline">Status: </dt>
          <dd className="display-inline margin-0" data-testid="case-status">
            <StatusTag status={detail.status} />
          </dd>
        </div>
        <div>
          <dt className="display-inline">Opened: </dt>
          <dd className="display-inline margin-0">{formatDateTime(detail.createdAt)}</dd>
        </div>
        <div>
          <dt className="display-inline">Last change: </dt>
          <dd className="display-inline margin-0">{formatDateTime(detail.updatedAt)}</dd>
        </div>
      </dl>
      {detail.resolution !== null || detail.resolutionCode !== null ? (
        <section aria-labelledby="resolution-heading" className="usa-summary-box margin-bottom-3" data-testid="case-resolution">
          <div className="usa-summary-box__body">
            <h2 id="resolution-heading" className="usa-summary-box__heading">
              How we resolved it
              {detail.resolutionCode && `: ${resolutionLabels[detail.resolutionCode] ?? detail.resolutionCode}`}
            </h2>
            {detail.resolution && <p className="usa-summary-box__text caseline-message__body">{detail.resolution}</p>}
            {detail.resolvedAt && <p className="usa-summary-box__text">Resolved {formatDateTime(detail.resolvedAt)}.</p>}
          </div>
        </section>
      ) : null}
      <CaseRating detail={detail} onChange={onChange} />
      <h2 className="margin-top-4">Messages</h2>
      {detail.messages.length === 0 ? (
        <p>There are no messages on this case yet.</p>
      ) : (
        <ol className="caseline-messages maxw-tablet-lg" data-testid="case-messages">
          {detail.messages.map((m) => (
            <li key={m.id} className={`caseline-message caseline-message--${m.kind}`} data-kind={m.kind}>
              <div className="caseline-message__head">
                <h3 className="caseline-message__title margin-0 font-body-sm">{m.kind === 'inbound' ? 'You wrote' : 'Our answer'}</h3>
                <time dateTime={m.createdAt} className="caseline-message__time">
                  {formatDateTime(m.createdAt)}
                </time>
              </div>
              <div className="caseline-message__body">{m.body}</div>
            </li>
          ))}
        </ol>
      )}
      <h2 className="margin-top-4">Reply</h2>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your reply was not sent" />
      <Form onSubmit={(event) => void reply(event)} noValidate large className="maxw-tablet-lg">
        <TextAreaField
          id={ids.body}
          label={labels.body}
          value={body}
          onChange={setBody}
          error={errors.fields.body}
          rows={6}
          maxLength={100000}
          aria-required
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Sending…' : 'Send reply'}
        </Button>
      </Form>
      <CaseFiles caseId={detail.id} />
    </Page>
  );
}
