import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, ButtonGroup, Form, Table } from '@trussworks/react-uswds';
import { serverClockOffset } from '../api/client.ts';
import { declareIncident, listIncidents, type IncidentDetail } from '../api/incidents.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { TextAreaField } from '../forms/TextAreaField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { clockText, incidentStatusLabels, instantOf, localInputOf } from './incidentText.ts';

const labels = {
  title: 'Title',
  description: 'What happened',
  windowStart: 'Window start',
  windowEnd: 'Window end',
  suspectedRoutes: 'Suspected routes',
  suspectedRelease: 'Suspected release',
  discoveredAt: 'Discovered at',
};
const ids = {
  title: 'incident-title',
  description: 'incident-description',
  windowStart: 'incident-window-start',
  windowEnd: 'incident-window-end',
  suspectedRoutes: 'incident-routes',
  suspectedRelease: 'incident-release',
  discoveredAt: 'incident-discovered',
};
const routePattern = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \/\S*$/;

/** Declare an incident (POST /api/privacy/incidents): its blast radius is computed at once. */
function DeclareIncidentForm({
  onDeclared,
  onCancel,
}: {
  readonly onDeclared: (d: IncidentDetail) => void;
  readonly onCancel: () => void;
}) {
  const { errors, fromError, fromChecks } = useFormErrors(labels);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [windowStart, setWindowStart] = useState('');
  const [windowEnd, setWindowEnd] = useState('');
  const [routes, setRoutes] = useState('');
  const [release, setRelease] = useState('');
  const [discoveredAt, setDiscoveredAt] = useState(() => localInputOf(new Date()));
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const routeList = routes
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean);
    const start = instantOf(windowStart);
    const end = instantOf(windowEnd);
    const discovered = instantOf(discoveredAt);
    const checks: Record<string, string> = {};
    if (title.trim().length < 3) checks.title = 'Enter a title of at least 3 characters.';
    if (!description.trim()) checks.description = 'Describe what happened, without naming the people affected.';
    if (!start) checks.windowStart = 'Enter when the window of exposure starts.';
    if (!end) checks.windowEnd = 'Enter when the window of exposure ends.';
    else if (start && end <= start) checks.windowEnd = 'The window must end after it starts.';
    if (routeList.some((r) => !routePattern.test(r)))
      checks.suspectedRoutes = 'Enter one route per line as a method and pattern, such as GET /portal/api/cases/:id.';
    if (!discovered) checks.discoveredAt = 'Enter when the incident was discovered.';
    if (!fromChecks(checks) || !start || !end || !discovered) return;
    setBusy(true);
    try {
      onDeclared(
        await declareIncident({
          title: title.trim(),
          description: description.trim(),
          windowStart: start,
          windowEnd: end,
          suspectedRoutes: routeList,
          suspectedRelease: release.trim() || null,
          discoveredAt: discovered,
        }),
      );
    } catch (error) {
      fromError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors} fieldIds={ids} heading="The incident was not declared" />
      <Form onSubmit={(event) => void submit(event)} noValidate className="maxw-tablet-lg" data-testid="incident-form">
        <TextField
          id={ids.title}
          label={labels.title}
          value={title}
          onChange={setTitle}
          error={errors.fields.title}
          maxLength={200}
          aria-required
        />
        <TextAreaField
          id={ids.description}
          label={labels.description}
          hint="The defect or event, as the privacy office knows it. Do not name the people affected: they are listed from the audit log."
          value={description}
          onChange={setDescription}
          error={errors.fields.description}
          maxLength={10000}
          aria-required
        />
        <div className="grid-row grid-gap-2">
          <div className="grid-col-auto">
            <TextField
              id={ids.windowStart}
              label={labels.windowStart}
              type="datetime-local"
              value={windowStart}
              onChange={setWindowStart}
              error={errors.fields.windowStart}
              aria-required
            />
          </div>
          <div className="grid-col-auto">
            <TextField
              id={ids.windowEnd}
              label={labels.windowEnd}
              type="datetime-local"
              value={windowEnd}
              onChange={setWindowEnd}
              error={errors.fields.windowEnd}
              aria-required
            />
          </div>
        </div>
        <TextAreaField
          id={ids.suspectedRoutes}
          label={labels.suspectedRoutes}
          hint="One per line, as the audit log names them: GET /portal/api/cases/:id. Staff responses on these count as exposure."
          value={routes}
          onChange={setRoutes}
          error={errors.fields.suspectedRoutes}
          spellCheck={false}
        />
        <TextField
          id={ids.suspectedRelease}
          label={labels.suspectedRelease}
          hint="The version or commit suspected, if known."
          value={release}
          onChange={setRelease}
          error={errors.fields.suspectedRelease}
          maxLength={100}
        />
        <TextField
          id={ids.discoveredAt}
          label={labels.discoveredAt}
          type="datetime-local"
          value={discoveredAt}
          onChange={setDiscoveredAt}
          error={errors.fields.discoveredAt}
          aria-required
        />
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            Declare incident
          </Button>
          <Button type="button" unstyled className="padding-105" onClick={onCancel}>
            Cancel
          </Button>
        </ButtonGroup>
      </Form>
    </>
  );
}

/** The privacy office's incident register, newest first, and the form to declare one. */
export function IncidentsPage() {
  const { notify } = useNotifications();
  const navigate = useNavigate();
  const incidents = useLoad(() => listIncidents(), []);
  const [declaring, setDeclaring] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (declaring) panelHeading.current?.focus();
  }, [declaring]);

  const close = () => {
    setDeclaring(false);
    setTimeout(() => listHeading.current?.focus(), 0);
  };
  const listed = incidents.data ?? [];

  return (
    <Page title="Privacy incidents">
      <p className="usa-intro">
        Incidents the privacy office declared: everyone whose records went to a portal session not their own, or to staff without
        need-to-know, is listed from the audit log. A confirmed breach is reported to CISA within one hour.
      </p>
      {declaring ? (
        <section aria-labelledby="incident-panel-heading">
          <h2 id="incident-panel-heading" ref={panelHeading} tabIndex={-1} className="caseline-focus-heading">
            Declare an incident
          </h2>
          <DeclareIncidentForm
            onDeclared={(declared) => {
              notify('success', `Incident ${declared.incident.number} declared: ${declared.incident.affectedCount} affected.`);
              void navigate(`/privacy/incidents/${declared.incident.id}`);
            }}
            onCancel={close}
          />
        </section>
      ) : (
        <Button type="button" onClick={() => setDeclaring(true)}>
          Declare incident
        </Button>
      )}
      <section aria-labelledby="incident-list-heading" className="margin-top-5">
        <h2 id="incident-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
          Incidents{incidents.data ? ` (${listed.length})` : ''}
        </h2>
        {incidents.error ? (
          <LoadError what="the incidents" error={incidents.error} onRetry={incidents.reload} />
        ) : !incidents.data ? (
          <Loading />
        ) : listed.length === 0 ? (
          <p data-testid="no-incidents">No incident has been declared.</p>
        ) : (
          <Table caption="Incidents, newest first" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Number</th>
                <th scope="col">Title</th>
                <th scope="col">Declared</th>
                <th scope="col">Status</th>
                <th scope="col" className="text-right">
                  Affected
                </th>
                <th scope="col">CISA report</th>
              </tr>
            </thead>
            <tbody data-testid="incident-list">
              {listed.map((i) => (
                <tr key={i.id}>
                  <th scope="row" data-label="Number">
                    <Link to={`/privacy/incidents/${i.id}`} className="usa-link caseline-mono text-no-wrap">
                      {i.number}
                    </Link>
                  </th>
                  <td data-label="Title">{i.title}</td>
                  <td data-label="Declared" className="text-no-wrap">
                    {formatDateTime(i.declaredAt)}
                  </td>
                  <td data-label="Status">{incidentStatusLabels[i.status]}</td>
                  <td data-label="Affected" className="text-right">
                    {i.affectedCount.toLocaleString()}
                  </td>
                  <td data-label="CISA report">{clockText(i.cisaClock, Date.now() + serverClockOffset()).label}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
    </Page>
  );
}
