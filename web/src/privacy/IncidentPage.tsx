import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, ButtonGroup, Table, Tag } from '@trussworks/react-uswds';
import { serverClockOffset } from '../api/client.ts';
import {
  getIncident,
  letterUrl,
  lettersUrl,
  queueEmails,
  recomputeBlastRadius,
  recordStep,
  type CisaClock,
  type Incident,
  type IncidentStep,
} from '../api/incidents.ts';
import { problemMessage } from '../api/problem.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { clockText, incidentStatusLabels } from './incidentText.ts';

const toneClass = { neutral: 'bg-base', ok: 'bg-green', warning: 'bg-gold text-ink', overdue: 'bg-secondary-dark' } as const;

/** The one-hour CISA clock, ticking every second against the server's time. */
function CisaClockPanel({ clock }: { readonly clock: CisaClock }) {
  const [nowMs, setNowMs] = useState(() => Date.now() + serverClockOffset());
  useEffect(() => {
    if (clock.status !== 'running' && clock.status !== 'overdue') return;
    const timer = setInterval(() => setNowMs(Date.now() + serverClockOffset()), 1000);
    return () => clearInterval(timer);
  }, [clock.status]);
  const { label, tone } = clockText(clock, nowMs);
  return (
    <section aria-labelledby="cisa-clock-heading" className="border-1px border-base-lighter radius-md padding-2 margin-y-3">
      <h2 id="cisa-clock-heading" className="margin-top-0">
        Report to CISA
      </h2>
      <p className="margin-y-1">
        {/* role=timer is not announced on every tick; the text is there to read. */}
        <Tag className={`${toneClass[tone]} caseline-tag font-body-md`} role="timer" data-testid="cisa-clock">
          {label}
        </Tag>
      </p>
      {clock.deadline && <p className="margin-y-1">Deadline: {formatDateTime(clock.deadline)}, one hour after the breach was confirmed.</p>}
    </section>
  );
}

const steps: readonly { step: IncidentStep; label: string; button: string; at: (i: Incident) => string | null }[] = [
  { step: 'contained', label: 'Contained', button: 'Record containment', at: (i) => i.containedAt },
  { step: 'confirmed', label: 'Breach confirmed', button: 'Confirm breach', at: (i) => i.confirmedAt },
  { step: 'reported_to_cisa', label: 'Reported to CISA', button: 'Record CISA report', at: (i) => i.reportedToCisaAt },
  {
    step: 'notification_completed',
    label: 'Notification completed',
    button: 'Complete notification',
    at: (i) => i.notificationCompletedAt,
  },
];

function recipientLabel(recipient: string): string {
  if (recipient.startsWith('portal-session:')) return `Portal session ${recipient.slice('portal-session:'.length)}`;
  if (recipient.startsWith('staff:')) return `Staff member ${recipient.slice('staff:'.length)}`;
  return recipient;
}

/** One incident: what happened, the people affected, the timeline with the CISA clock, letters and e-mails. */
export function IncidentPage() {
  const { id = '' } = useParams();
  const { notify } = useNotifications();
  const loaded = useLoad(() => getIncident(id), [id]);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      notify('success', await work());
      loaded.reload();
    } catch (error) {
      notify('error', problemMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (loaded.error) return <LoadError what="the incident" error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data)
    return (
      <Page title="Incident">
        <Loading />
      </Page>
    );
  const { incident, affected } = loaded.data;
  const next = steps.filter((s) => s.at(incident) === null);

  return (
    <Page title={`Incident ${incident.number}`}>
      <p>
        <Link to="/privacy/incidents" className="usa-link">
          All incidents
        </Link>
      </p>
      <p className="usa-intro">{incident.title}</p>
      <dl className="caseline-fields">
        <dt>Status</dt>
        <dd data-testid="incident-status">{incidentStatusLabels[incident.status]}</dd>
        <dt>Window of exposure</dt>
        <dd>
          {formatDateTime(incident.windowStart)} to {formatDateTime(incident.windowEnd)}
        </dd>
        <dt>Suspected routes</dt>
        <dd className="caseline-mono">{incident.suspectedRoutes.length ? incident.suspectedRoutes.join(', ') : 'None given'}</dd>
        <dt>Suspected release</dt>
        <dd>{incident.suspectedRelease ?? 'Not known'}</dd>
        <dt>Responses stopped by the portal’s egress guard</dt>
        <dd>{incident.blockedResponses.toLocaleString()}</dd>
      </dl>
      <p className="maxw-tablet-lg">{incident.description}</p>

      <CisaClockPanel clock={incident.cisaClock} />

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="usa-list" data-testid="incident-timeline">
          <li>Discovered: {formatDateTime(incident.discoveredAt)}</li>
          <li>Declared: {formatDateTime(incident.declaredAt)}</li>
          {steps.map((s) => (
            <li key={s.step}>
              {s.label}: {s.at(incident) ? formatDateTime(s.at(incident)) : 'not yet'}
            </li>
          ))}
        </ol>
        {next.length > 0 && (
          <ButtonGroup>
            {next.map((s) => (
              <Button
                key={s.step}
                type="button"
                outline={s.step !== 'reported_to_cisa'}
                disabled={busy}
                onClick={() =>
                  void act(async () => {
                    await recordStep(incident.id, s.step);
                    return `${s.label} recorded.`;
                  })
                }
              >
                {s.button}
              </Button>
            ))}
          </ButtonGroup>
        )}
      </section>

      <section aria-labelledby="affected-heading" className="margin-top-5">
        <h2 id="affected-heading">People affected ({affected.length})</h2>
        <p className="maxw-tablet-lg">
          From the audit log{incident.radiusComputedAt ? `, as of ${formatDateTime(incident.radiusComputedAt)}` : ''}: each person whose
          records went to a portal session not their own or to staff without need-to-know, what was exposed and to whom.
        </p>
        <ButtonGroup>
          <Button
            type="button"
            outline
            disabled={busy}
            onClick={() =>
              void act(async () => {
                const radius = await recomputeBlastRadius(incident.id);
                return `Blast radius recomputed: ${radius.affected} affected.`;
              })
            }
          >
            Recompute blast radius
          </Button>
          <a className="usa-button usa-button--outline" href={lettersUrl(incident.id)} target="_blank" rel="noreferrer">
            Download all letters (PDF)
          </a>
          <Button
            type="button"
            disabled={busy || incident.confirmedAt === null}
            onClick={() =>
              void act(async () => {
                const sent = await queueEmails(incident.id);
                return `${sent.queued} e-mails queued; ${sent.notByEmail} people did not choose e-mail.`;
              })
            }
          >
            Queue e-mails
          </Button>
        </ButtonGroup>
        {incident.confirmedAt === null && (
          <Alert type="info" slim className="maxw-tablet-lg">
            E-mails can be queued once the breach is confirmed.
          </Alert>
        )}
        {affected.length === 0 ? (
          <p data-testid="no-affected">Nobody’s records left to anyone but their owner in the window.</p>
        ) : (
          <Table caption="People affected, by first exposure" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">What was exposed</th>
                <th scope="col">To whom</th>
                <th scope="col">When</th>
                <th scope="col">Notified</th>
              </tr>
            </thead>
            <tbody data-testid="affected-list">
              {affected.map((a) => (
                <tr key={a.subjectId}>
                  <th scope="row" data-label="Person">
                    <Link to={`/customers/${a.subjectId}`} className="usa-link caseline-mono font-body-3xs">
                      {a.subjectId}
                    </Link>
                  </th>
                  <td data-label="What was exposed">
                    {[...a.recordTypes, ...a.routes].join(', ') || 'Records of unknown type'}
                    {a.fieldClasses.length > 0 && (
                      <div className="font-body-3xs text-base-dark">Field classes: {a.fieldClasses.join(', ')}</div>
                    )}
                  </td>
                  <td data-label="To whom" className="caseline-mono font-body-3xs">
                    {a.recipients.map(recipientLabel).join('; ')}
                  </td>
                  <td data-label="When" className="text-no-wrap">
                    {formatDateTime(a.firstExposedAt)}
                    {a.responses > 1 ? ` (${a.responses} responses, last ${formatDateTime(a.lastExposedAt)})` : ''}
                  </td>
                  <td data-label="Notified">
                    <div>{a.letterGeneratedAt ? `Letter ${formatDateTime(a.letterGeneratedAt)}` : 'No letter yet'}</div>
                    <div>{a.emailQueuedAt ? `E-mail queued ${formatDateTime(a.emailQueuedAt)}` : 'No e-mail'}</div>
                    <a className="usa-link" href={letterUrl(incident.id, a.subjectId)} target="_blank" rel="noreferrer">
                      Letter (PDF)
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </Page>
  );
}
