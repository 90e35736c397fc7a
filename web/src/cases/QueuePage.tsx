import { useState } from 'react';
import { Link } from 'react-router';
import { Button } from '@trussworks/react-uswds';
import { assignCase, listCases, type CaseSummary } from '../api/cases.ts';
import { problemMessage } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { nav } from '../frame/navItems.ts';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { CaseTable } from './CaseTable.tsx';

/** One business area's queue (or the shared one): its unassigned open cases, each with Take. */
function AreaQueue({ area }: { readonly area: string | null }) {
  const { notify } = useNotifications();
  const [taking, setTaking] = useState<string | null>(null);
  const cases = useLoad(() => listCases({ assignee: 'none', status: 'open', businessArea: area ?? 'none' }), [area]);
  const data = cases.data;
  const name = area ?? 'Shared cases';
  const headingId = `queue-${area ?? 'shared'}-heading`;

  const take = async (c: CaseSummary) => {
    setTaking(c.id);
    try {
      await assignCase(c.id, 'me');
      notify('success', `Case ${c.number} is now yours: it is in My cases.`);
      cases.setData((list) => (list ?? []).filter((k) => k.id !== c.id));
    } catch (error) {
      notify('error', `Case ${c.number} was not assigned to you: ${problemMessage(error)}`);
      cases.reload();
    } finally {
      setTaking(null);
    }
  };

  return (
    <section aria-labelledby={headingId} className="margin-top-4">
      <h2 id={headingId}>{area === null ? name : `Business area: ${name}`}</h2>
      {cases.error ? (
        <LoadError what="the queue" error={cases.error} onRetry={cases.reload} />
      ) : !data ? (
        <Loading />
      ) : data.length === 0 ? (
        <p>No case is waiting here.</p>
      ) : (
        <CaseTable
          cases={data}
          caption={`${data.length} case${data.length === 1 ? '' : 's'} waiting for someone to take ${data.length === 1 ? 'it' : 'them'}`}
          testId={`queue-${area ?? 'shared'}`}
          action={(c) => (
            <Button type="button" outline className="margin-top-0" disabled={taking === c.id} onClick={() => void take(c)}>
              Take<span className="usa-sr-only"> case {c.number}</span>
            </Button>
          )}
        />
      )}
    </section>
  );
}

/** GET /api/cases?assignee=none&status=open, by business area: the user's areas, then the shared queue. */
export function QueuePage() {
  const session = useSession();
  return (
    <Page title="Queue">
      <p className="usa-intro">Open cases that nobody has taken yet. Take one to make it yours; it then appears in My cases.</p>
      <p>
        <Link to={nav.myCases.path} className="usa-link">
          My cases
        </Link>
      </p>
      {session.businessAreas.map((area) => (
        <AreaQueue key={area} area={area} />
      ))}
      <AreaQueue area={null} />
    </Page>
  );
}
