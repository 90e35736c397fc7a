import { Link } from 'react-router';
import { Button, Table } from '@trussworks/react-uswds';
import { staffOfArea } from '../api/routing.ts';
import { fetchAtRisk, type AtRiskCase } from '../api/sla.ts';
import { useSession } from '../auth/useSession.ts';
import { PriorityText, StatusTag } from '../cases/CaseTable.tsx';
import { formatAgencyTime } from '../cases/agencyTime.ts';
import { ClockBadge } from '../cases/CaseSla.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';

const targetLabels: Record<AtRiskCase['target'], string> = { first_response: 'First response', resolution: 'Resolution' };

/** The cases and the names of their assignees (GET /api/routing/staff of each area listed; an unknown id stays "Staff member"). */
async function load(): Promise<{ cases: AtRiskCase[]; names: Map<string, string> }> {
  const cases = [...(await fetchAtRisk())].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  const areas = [...new Set(cases.filter((c) => c.assignee).map((c) => c.businessArea ?? ''))];
  const names = new Map<string, string>();
  const staff = await Promise.all(areas.map((area) => staffOfArea(area || undefined).catch(() => [])));
  for (const list of staff) for (const person of list) names.set(person.id, person.displayName);
  return { cases, names };
}

/** Open cases whose service level warns or is breached, most overdue first (GET /api/sla/at-risk; the supervisor's areas). */
export function AtRiskPage() {
  const session = useSession();
  const loaded = useLoad(load, []);
  const count = loaded.data?.cases.length;
  const assignee = (id: string | null) =>
    id === null ? 'Nobody (in the queue)' : id === session.id ? 'You' : (loaded.data?.names.get(id) ?? 'Staff member');

  return (
    <Page title="Cases at risk" heading={count === undefined ? 'Cases at risk' : `Cases at risk (${count})`}>
      <p className="usa-intro">
        Open cases of your business areas whose first response or resolution is due soon or overdue, most overdue first. Times are the
        agency’s; the clocks count business hours only.
      </p>
      <Button type="button" outline onClick={loaded.reload} disabled={loaded.loading}>
        Refresh
      </Button>
      {loaded.error ? (
        <LoadError what="the cases at risk" error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.cases.length === 0 ? (
        <p data-testid="no-cases-at-risk">No case is at risk: every open case is within its service levels.</p>
      ) : (
        <Table caption="Cases at risk, most overdue first" fullWidth stackedStyle="headers">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Business area</th>
              <th scope="col">Assigned to</th>
              <th scope="col">Priority</th>
              <th scope="col">Status</th>
              <th scope="col">Target</th>
              <th scope="col">State</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody data-testid="at-risk-cases">
            {loaded.data.cases.map((c) => (
              <tr key={`${c.id}-${c.target}`} data-state={c.state}>
                <th scope="row" data-label="Case" className="text-no-wrap">
                  <Link to={`/cases/${c.id}`} className="usa-link">
                    {c.number}
                  </Link>
                </th>
                <td data-label="Business area">{c.businessArea ?? 'Shared'}</td>
                <td data-label="Assigned to">{assignee(c.assignee)}</td>
                <td data-label="Priority">
                  <PriorityText priority={c.priority} />
                </td>
                <td data-label="Status">
                  <StatusTag status={c.status} />
                </td>
                <td data-label="Target">{targetLabels[c.target]}</td>
                <td data-label="State">
                  <ClockBadge state={c.state} />
                </td>
                <td data-label="Due">
                  <time dateTime={c.dueAt}>{formatAgencyTime(c.dueAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Page>
  );
}
