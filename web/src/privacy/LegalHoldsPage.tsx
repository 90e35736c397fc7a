import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Button, Table, Tag } from '@trussworks/react-uswds';
import { fetchRetentionRules, listHolds, type LegalHold } from '../api/retention.ts';
import { useSession } from '../auth/useSession.ts';
import { RadioGroup } from '../forms/RadioGroup.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useNotifications } from '../frame/useNotifications.ts';
import { useLoad } from '../util/useLoad.ts';
import { HoldForm } from './HoldForm.tsx';
import { ReleaseHoldForm } from './ReleaseHoldForm.tsx';
import { formatAgencyDate, formatCalendarDate, recordTypeNames } from './retentionText.ts';

type Shown = 'active' | 'released' | 'all';
const shownOptions = [
  { value: 'active', label: 'Active holds' },
  { value: 'released', label: 'Released holds' },
  { value: 'all', label: 'All holds' },
] as const;
const shownActive: Record<Shown, boolean | undefined> = { active: true, released: false, all: undefined };

type Panel = { readonly kind: 'place' } | { readonly kind: 'release'; readonly hold: LegalHold } | null;

/** Legal holds: what they keep from the retention sweep, placed and released by records managers. */
export function LegalHoldsPage() {
  const session = useSession();
  const { notify } = useNotifications();
  const [shown, setShown] = useState<Shown>('active');
  const holds = useLoad(() => listHolds(shownActive[shown]), [shown]);
  const rules = useLoad(fetchRetentionRules, []);
  const names = recordTypeNames(rules.data);
  const [panel, setPanel] = useState<Panel>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (panel) panelHeading.current?.focus();
  }, [panel]);

  const close = () => {
    setPanel(null);
    setTimeout(() => listHeading.current?.focus(), 0);
  };

  const who = (actor: string | null) =>
    actor === `staff:${session.id}` ? 'you' : actor?.startsWith('system:') ? 'the system' : 'another user';

  const scopeParts = (hold: LegalHold) => {
    const { scope } = hold;
    const parts: { label: string; value: ReactNode }[] = [];
    if (scope.recordType) parts.push({ label: 'Record type', value: names.get(scope.recordType) ?? scope.recordType });
    if (scope.caseId)
      parts.push({
        label: 'Case',
        value: (
          <Link to={`/cases/${scope.caseId}`} className="usa-link caseline-mono font-body-3xs">
            {scope.caseId}
          </Link>
        ),
      });
    if (scope.subjectId)
      parts.push({ label: 'Data subject', value: <span className="caseline-mono font-body-3xs">{scope.subjectId}</span> });
    if (scope.businessArea) parts.push({ label: 'Business area', value: scope.businessArea });
    if (scope.createdFrom) parts.push({ label: 'Created on or after', value: formatAgencyDate(scope.createdFrom, session.timeZone) });
    if (scope.createdTo) parts.push({ label: 'Created before', value: formatAgencyDate(scope.createdTo, session.timeZone) });
    return parts;
  };

  const listed = holds.data ?? [];
  const shownLabel = shownOptions.find((o) => o.value === shown)!.label;

  return (
    <Page title="Legal holds">
      <p className="usa-intro">
        A legal hold keeps records past their retention for litigation, an investigation, an audit or a Privacy Act or FOIA request: the
        sweep disposes of nothing a hold covers until the hold is released.
      </p>
      {panel?.kind === 'place' ? (
        <section aria-labelledby="hold-panel-heading">
          <h2 id="hold-panel-heading" ref={panelHeading} tabIndex={-1} className="caseline-focus-heading">
            Place a legal hold
          </h2>
          <HoldForm
            rules={rules.data ?? []}
            onPlaced={(hold) => {
              notify('success', `Hold placed: “${hold.reason}”.`);
              setShown('active');
              holds.reload();
              close();
            }}
            onCancel={close}
          />
        </section>
      ) : panel?.kind === 'release' ? (
        <section aria-labelledby="hold-panel-heading">
          <h2 id="hold-panel-heading" ref={panelHeading} tabIndex={-1} className="caseline-focus-heading">
            Release the hold “{panel.hold.reason}”
          </h2>
          <ReleaseHoldForm
            key={panel.hold.id}
            hold={panel.hold}
            onReleased={(hold) => {
              notify('success', `Hold released: “${hold.reason}”.`);
              holds.reload();
              close();
            }}
            onCancel={close}
          />
        </section>
      ) : (
        <Button type="button" onClick={() => setPanel({ kind: 'place' })}>
          Place a hold
        </Button>
      )}

      <section aria-labelledby="hold-list-heading" className="margin-top-5">
        <h2 id="hold-list-heading" ref={listHeading} tabIndex={-1} className="caseline-focus-heading">
          {shownLabel}
          {holds.data ? ` (${listed.length})` : ''}
        </h2>
        <RadioGroup name="holds-shown" legend="Show" options={shownOptions} value={shown} onChange={setShown} />
        {holds.error ? (
          <LoadError what="the legal holds" error={holds.error} onRetry={holds.reload} />
        ) : !holds.data ? (
          <Loading />
        ) : listed.length === 0 ? (
          <p data-testid="no-holds">
            {shown === 'released' ? 'No hold has been released.' : shown === 'active' ? 'No hold is in force.' : 'No hold has been placed.'}
          </p>
        ) : (
          <Table caption={`${shownLabel}, newest first`} fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Keeps</th>
                <th scope="col">Owner</th>
                <th scope="col">Review on</th>
                <th scope="col">Placed</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody data-testid="hold-list">
              {listed.map((hold) => (
                <tr key={hold.id} data-hold-id={hold.id}>
                  <th scope="row" data-label="Reason">
                    {hold.reason}
                  </th>
                  <td data-label="Keeps">
                    <ul className="usa-list usa-list--unstyled">
                      {scopeParts(hold).map((part) => (
                        <li key={part.label}>
                          <span className="text-base-dark">{part.label}:</span> {part.value}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Owner">{hold.owner}</td>
                  <td data-label="Review on" className="text-no-wrap">
                    {formatCalendarDate(hold.reviewOn)}
                  </td>
                  <td data-label="Placed">
                    <span className="text-no-wrap">{formatAgencyDate(hold.placedAt, session.timeZone)}</span>, by {who(hold.placedBy)}
                  </td>
                  <td data-label="Status">
                    {hold.releasedAt ? (
                      <>
                        <Tag className="bg-base caseline-tag">Released</Tag>{' '}
                        <span className="text-no-wrap">{formatAgencyDate(hold.releasedAt, session.timeZone)}</span>, by{' '}
                        {who(hold.releasedBy)}
                        {hold.releaseNote && <div className="font-body-2xs margin-top-05">“{hold.releaseNote}”</div>}
                      </>
                    ) : (
                      <div className="caseline-actions">
                        <Tag className="bg-green caseline-tag">In force</Tag>
                        <Button
                          type="button"
                          unstyled
                          className="text-secondary-dark"
                          aria-label={`Release hold ${hold.reason}`}
                          onClick={() => setPanel({ kind: 'release', hold })}
                        >
                          Release
                        </Button>
                      </div>
                    )}
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
