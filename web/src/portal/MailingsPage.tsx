import { useState } from 'react';
import type { Mailing } from '../api/mailings.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { MailingPerformanceView } from '../tracking/MailingPerformance.tsx';
import { MailingTable } from '../tracking/MailingTable.tsx';
import { useLoad } from '../util/useLoad.ts';
import { portalApi } from './portalApi.ts';

/** How one of my mailings is doing, read when it is opened. */
function Performance({ mailing }: { readonly mailing: Mailing }) {
  const performance = useLoad(() => portalApi.mailingPerformance(mailing.id), [mailing.id]);
  return (
    <section aria-labelledby="performance-heading" className="margin-top-3" data-testid="portal-mailing-performance">
      <h2 id="performance-heading">How mailing {mailing.mailingId} is doing</h2>
      {mailing.problems && (
        <p>
          <strong>Problems noted:</strong> <span className="caseline-break">{mailing.problems}</span>
        </p>
      )}
      {performance.error ? (
        <LoadError what="how the mailing is doing" error={performance.error} onRetry={performance.reload} />
      ) : !performance.data ? (
        <Loading label="Counting your mail’s scans…" />
      ) : (
        <MailingPerformanceView performance={performance.data} />
      )}
    </section>
  );
}

/** /portal/mailings: a business mailer's mailings, and where each one's pieces are in the network. Read-only. */
export function MailingsPage() {
  const mailings = useLoad(() => portalApi.mailings(), []);
  const [open, setOpen] = useState<Mailing | null>(null);
  return (
    <Page title="My mailings">
      <p className="usa-intro">
        The mailings entered for your business, from their postage statements. Choose one to see how many of its pieces have been scanned
        and delivered.
      </p>
      {mailings.error && !mailings.data ? (
        <LoadError what="your mailings" error={mailings.error} onRetry={mailings.reload} />
      ) : !mailings.data ? (
        <Loading label="Loading your mailings…" />
      ) : mailings.data.length === 0 ? (
        <p data-testid="no-mailings">You have no mailings with us.</p>
      ) : (
        <div data-testid="my-mailings">
          <MailingTable mailings={mailings.data} caption="My mailings, latest mailing date first" open={open} onOpen={setOpen} />
        </div>
      )}
      {open && <Performance mailing={open} />}
    </Page>
  );
}
