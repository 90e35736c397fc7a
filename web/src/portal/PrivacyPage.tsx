import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button, Form, Table } from '@trussworks/react-uswds';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { statusLabels } from '../privacy/RequestQueuePage.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { PortalErrorSummary } from './PortalErrorSummary.tsx';
import { portalApi, recordsUrl, type PortalPrivacyRequest, type PortalRequestKind } from './portalApi.ts';
import { present, privacyDeadlineLabels, privacyKindLabels } from './portalText.ts';
import { usePortalFormErrors } from './usePortalFormErrors.ts';

const labels = { kind: 'What you are asking for', details: 'Details' };
const ids = { kind: 'privacy-kind', details: 'privacy-details' };
const kinds: { value: PortalRequestKind; label: string }[] = [
  { value: 'notification', label: 'To know whether you hold records about me' },
  { value: 'access', label: 'A copy of the records you hold about me' },
];

/** /portal/privacy: the customer's Privacy Act rights, requests to use them, and whom their records were disclosed to. */
export function PrivacyPage() {
  const requests = useLoad(() => portalApi.privacyRequests(), []);
  return (
    <Page title="My privacy">
      <p className="usa-intro">
        A law, the Privacy Act of 1974, gives you rights over the records we keep about you. Here you can use them and follow what we do.
      </p>
      <section aria-labelledby="rights-heading" className="maxw-tablet-lg">
        <h2 id="rights-heading">Your rights</h2>
        <ul className="usa-list">
          <li>
            <strong>To know</strong> whether we hold records about you.
          </li>
          <li>
            <strong>To see them:</strong> we send you a copy of the records we hold about you.
          </li>
          <li>
            <strong>To have them corrected</strong> when they are wrong, out of date or incomplete. Ask from{' '}
            <Link to="/portal/profile" className="usa-link">
              My profile
            </Link>
            .
          </li>
          <li>
            <strong>To know whom we shared them with</strong> outside our agency, when and why.
          </li>
        </ul>
        <p>
          We answer a request to know or to see within 20 business days. Because you signed in to an account linked to your record, you do
          not need to prove who you are again.
        </p>
      </section>
      <AskSection onAsked={requests.reload} />
      <section aria-labelledby="requests-heading" className="margin-top-5">
        <h2 id="requests-heading">Your requests</h2>
        {requests.error && !requests.data ? (
          <LoadError what="your requests" error={requests.error} onRetry={requests.reload} />
        ) : !requests.data ? (
          <Loading label="Loading your requests…" />
        ) : requests.data.length === 0 ? (
          <p data-testid="no-privacy-requests">You have made no requests yet.</p>
        ) : (
          <RequestsTable requests={requests.data} />
        )}
      </section>
      <DisclosuresSection />
    </Page>
  );
}

function AskSection({ onAsked }: { readonly onAsked: () => void }) {
  const [kind, setKind] = useState<PortalRequestKind | undefined>(undefined);
  const [details, setDetails] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, fromError, fromChecks, clear } = usePortalFormErrors(labels);
  const { notify } = useNotifications();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checks = present({
      kind: kind ? undefined : 'Choose what you are asking for.',
      details: details.trim() ? undefined : 'Tell us which records you mean.',
    });
    if (!fromChecks(checks) || !kind || busy) return;
    setBusy(true);
    try {
      const opened = await portalApi.askPrivacy(kind, details);
      notify('success', `We received your request. Its number is ${opened.number}; it is listed under Your requests.`);
      setKind(undefined);
      setDetails('');
      clear();
      onAsked();
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="ask-heading" className="margin-top-5">
      <h2 id="ask-heading">Ask us</h2>
      <PortalErrorSummary errors={errors} fieldIds={ids} heading="Your request was not sent" />
      <Form onSubmit={(event) => void submit(event)} noValidate large className="maxw-tablet-lg">
        <RadioGroup
          id={ids.kind}
          name="privacy-kind"
          legend={labels.kind}
          options={kinds}
          value={kind}
          onChange={setKind}
          error={errors.fields.kind}
        />
        <TextAreaField
          id={ids.details}
          label={labels.details}
          hint="Which records you mean: for example a case number, a period, or “everything you hold about me”."
          value={details}
          onChange={setDetails}
          error={errors.fields.details}
          rows={5}
          maxLength={10000}
          aria-required
        />
        <Button type="submit" disabled={busy} className="margin-top-3">
          {busy ? 'Sending…' : 'Send request'}
        </Button>
      </Form>
    </section>
  );
}

function RequestsTable({ requests }: { readonly requests: readonly PortalPrivacyRequest[] }) {
  return (
    <div data-testid="privacy-requests">
      <Table caption="Your Privacy Act requests" fullWidth stackedStyle="headers">
        <thead>
          <tr>
            <th scope="col">Request number</th>
            <th scope="col">What you asked for</th>
            <th scope="col">Status</th>
            <th scope="col">Received</th>
            <th scope="col">Next deadline</th>
            <th scope="col">Records</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id}>
              <th scope="row" data-label="Request number" className="text-no-wrap">
                {r.number}
              </th>
              <td data-label="What you asked for">{privacyKindLabels[r.kind] ?? r.kind}</td>
              <td data-label="Status">
                {statusLabels[r.status] ?? r.status}
                {r.decidedAt && <div className="usa-hint">Decided {formatDateTime(r.decidedAt)}</div>}
                {r.decisionReason && <div className="usa-hint caseline-break">{r.decisionReason}</div>}
              </td>
              <td data-label="Received">{formatDateTime(r.receivedAt)}</td>
              <td data-label="Next deadline">
                {r.nextDeadline ? (
                  <>
                    {privacyDeadlineLabels[r.nextDeadline.name] ?? 'Due'} {formatDateTime(r.nextDeadline.dueAt)}
                  </>
                ) : (
                  'None'
                )}
              </td>
              <td data-label="Records">
                {r.reportReady ? (
                  <ul className="usa-list usa-list--unstyled">
                    <li>
                      <a href={recordsUrl(r.id, 'pdf')} className="usa-link">
                        Download your records (PDF)
                      </a>
                    </li>
                    <li>
                      <a href={recordsUrl(r.id, 'json')} className="usa-link">
                        Download your records (JSON)
                      </a>
                    </li>
                  </ul>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function DisclosuresSection() {
  const disclosures = useLoad(() => portalApi.disclosures(), []);
  return (
    <section aria-labelledby="disclosures-heading" className="margin-top-5" data-testid="disclosures">
      <h2 id="disclosures-heading">Who we have shared your records with</h2>
      <p className="maxw-tablet-lg">
        The law has us account for each time we give your records to someone outside our agency (5 U.S.C. 552a(c)). A few disclosures to
        law-enforcement agencies are left out, as the law allows.
      </p>
      {disclosures.error && !disclosures.data ? (
        <LoadError what="whom we shared your records with" error={disclosures.error} onRetry={disclosures.reload} />
      ) : !disclosures.data ? (
        <Loading label="Loading whom we shared your records with…" />
      ) : disclosures.data.length === 0 ? (
        <p data-testid="no-disclosures">We have not shared your records with anyone outside our agency.</p>
      ) : (
        <Table caption="Disclosures of your records" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Given to</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {disclosures.data.map((d) => (
              <tr key={d.id}>
                <th scope="row" data-label="Date">
                  {formatDateTime(d.disclosedAt)}
                </th>
                <td data-label="Given to" className="caseline-break">
                  {d.recipient.name}
                  {d.recipient.address && <div className="usa-hint">{d.recipient.address}</div>}
                </td>
                <td data-label="What" className="caseline-break">
                  {d.nature}
                </td>
                <td data-label="Why" className="caseline-break">
                  {d.purpose}
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
