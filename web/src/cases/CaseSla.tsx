import { fetchCaseSla, type ClockState, type SlaClock } from '../api/sla.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { useLoad } from '../util/useLoad.ts';
import { formatAgencyTime, formatBusinessMinutes } from './agencyTime.ts';

/** Each state in words (the badge's colour only repeats it). */
export const clockStateLabels: Record<ClockState, string> = {
  met: 'Met',
  running: 'On track',
  paused: 'Paused',
  warning: 'At risk',
  breached: 'Overdue',
};

export const clockStateClass: Record<ClockState, string> = {
  met: 'bg-success-darker',
  running: 'bg-primary',
  paused: 'bg-base-dark',
  warning: 'bg-gold text-ink',
  breached: 'bg-secondary-dark',
};

export function ClockBadge({ state }: { readonly state: ClockState }) {
  return <span className={`usa-tag caseline-tag ${clockStateClass[state]}`}>{clockStateLabels[state]}</span>;
}

function clockText(clock: SlaClock): string {
  switch (clock.state) {
    case 'met':
      return `Met on ${formatAgencyTime(clock.metAt)}.`;
    case 'paused':
      return `Paused while waiting for the customer; ${formatBusinessMinutes(clock.elapsedMinutes)} of ${formatBusinessMinutes(clock.targetMinutes)} used.`;
    case 'breached':
      return `Was due ${formatAgencyTime(clock.dueAt)}.`;
    case 'warning':
    case 'running':
      return `Due ${formatAgencyTime(clock.dueAt)}; ${formatBusinessMinutes(clock.elapsedMinutes)} of ${formatBusinessMinutes(clock.targetMinutes)} used.`;
  }
}

function ClockRow({ label, clock, testId }: { readonly label: string; readonly clock: SlaClock; readonly testId: string }) {
  return (
    <div className="caseline-fields__row" data-testid={testId} data-state={clock.state}>
      <dt>{label}</dt>
      <dd>
        <ClockBadge state={clock.state} /> <span className="caseline-sla__text">{clockText(clock)}</span>
      </dd>
    </div>
  );
}

/**
 * The case's service-level clocks (GET /api/cases/{id}/sla), in business hours on the
 * agency's calendar. Loaded again whenever `refreshKey` changes (the case's status or
 * last change), since waiting for the customer pauses them and a reply stops the first.
 */
export function CaseSla({ caseId, refreshKey }: { readonly caseId: string; readonly refreshKey: string }) {
  const loaded = useLoad(() => fetchCaseSla(caseId), [caseId, refreshKey]);
  if (loaded.error) return <LoadError what="the service levels" error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data) return <Loading />;
  return (
    <>
      <dl className="caseline-fields caseline-fields--narrow" data-testid="case-sla">
        <ClockRow label="First response" clock={loaded.data.firstResponse} testId="sla-first-response" />
        <ClockRow label="Resolution" clock={loaded.data.resolution} testId="sla-resolution" />
      </dl>
      <p className="usa-hint margin-top-1">
        Business hours, Monday to Friday 8:00 to 17:00 agency time, federal holidays excepted. The clocks pause while the case waits for the
        customer.
      </p>
    </>
  );
}
