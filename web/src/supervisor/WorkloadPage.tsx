import { Button, Table } from '@trussworks/react-uswds';
import type { CaseStatus } from '../api/cases.ts';
import { fetchWorkload, type WorkloadRow } from '../api/sla.ts';
import { useSession } from '../auth/useSession.ts';
import { formatAgencyTime } from '../cases/agencyTime.ts';
import { statusLabels } from '../cases/caseText.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';

/** The statuses of a case still being worked (openStatuses in src/modules/cases/case-kinds.ts). */
const openColumns: readonly CaseStatus[] = ['new', 'open', 'pending_customer', 'pending_internal', 'reopened'];

/** Queues and workload (GET /api/workload): open cases of the supervisor's areas, by area and assignee. */
export function WorkloadPage() {
  const session = useSession();
  const loaded = useLoad(fetchWorkload, []);
  const who = (row: WorkloadRow) =>
    row.assignee === null ? 'Queue (unassigned)' : row.assignee === session.id ? 'You' : (row.displayName ?? 'A former staff member');
  const areas = [...new Set((loaded.data ?? []).map((r) => r.businessArea))];

  return (
    <Page title="Workload">
      <p className="usa-intro">Cases still being worked in your business areas: each area’s queue, then each person’s open cases.</p>
      <Button type="button" outline onClick={loaded.reload} disabled={loaded.loading}>
        Refresh
      </Button>
      {loaded.error ? (
        <LoadError what="the workload" error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading />
      ) : loaded.data.length === 0 ? (
        <p data-testid="no-workload">No open case in your business areas.</p>
      ) : (
        areas.map((area) => {
          const rows = loaded.data!.filter((r) => r.businessArea === area);
          const name = area ?? 'Shared cases';
          return (
            <section key={name} aria-labelledby={`workload-${name}`} className="margin-top-4">
              <h2 id={`workload-${name}`}>{area === null ? name : `Business area: ${name}`}</h2>
              <Table caption={`Open cases of ${name}, by assignee`} fullWidth stackedStyle="headers">
                <thead>
                  <tr>
                    <th scope="col">Assigned to</th>
                    <th scope="col">Total</th>
                    {openColumns.map((s) => (
                      <th key={s} scope="col">
                        {statusLabels[s]}
                      </th>
                    ))}
                    <th scope="col">Oldest opened</th>
                  </tr>
                </thead>
                <tbody data-testid="workload-rows">
                  {rows.map((row) => (
                    <tr key={row.assignee ?? 'queue'}>
                      <th scope="row" data-label="Assigned to">
                        {who(row)}
                      </th>
                      <td data-label="Total">{row.open}</td>
                      {openColumns.map((s) => (
                        <td key={s} data-label={statusLabels[s]}>
                          {row.byStatus[s] ?? 0}
                        </td>
                      ))}
                      <td data-label="Oldest opened">{formatAgencyTime(row.oldestCreatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </section>
          );
        })
      )}
    </Page>
  );
}
