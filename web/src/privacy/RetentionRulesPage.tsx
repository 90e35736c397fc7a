import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Table } from '@trussworks/react-uswds';
import { fetchForecast, fetchRetentionCheck, fetchRetentionRules, type ForecastLine } from '../api/retention.ts';
import { useSession } from '../auth/useSession.ts';
import { SelectField } from '../forms/SelectField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { nav } from '../frame/navItems.ts';
import { useLoad } from '../util/useLoad.ts';
import { formatAgencyDate, formatDueRange, recordTableLabel, recordTypeNames } from './retentionText.ts';

const windows = [
  { value: '30', label: 'the next 30 days' },
  { value: '90', label: 'the next 90 days' },
  { value: '365', label: 'the next year' },
  { value: '730', label: 'the next 2 years' },
  { value: '1826', label: 'the next 5 years' },
  { value: '3653', label: 'the next 10 years' },
];

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The retention rules of every notice, what falls due in a chosen window and what legal holds keep (records managers). */
export function RetentionRulesPage() {
  const session = useSession();
  const [days, setDays] = useState('30');
  const rules = useLoad(fetchRetentionRules, []);
  const forecast = useLoad(() => fetchForecast(Number(days)), [days]);
  const check = useLoad(fetchRetentionCheck, []);
  const names = recordTypeNames(rules.data);
  const windowLabel = windows.find((w) => w.value === days)?.label ?? `the next ${days} days`;
  const lines: readonly ForecastLine[] = forecast.data?.lines ?? [];
  const due = lines.reduce((n, line) => n + line.due, 0);
  const held = lines.reduce((n, line) => n + line.held, 0);

  return (
    <Page title="Retention">
      <p className="usa-intro">
        How long each kind of record is kept, as the notices publish it, and what the hourly sweep will dispose of. Records a{' '}
        <Link to={nav.legalHolds.path} className="usa-link">
          legal hold
        </Link>{' '}
        covers are kept until it is released.
      </p>

      {check.error ? (
        <LoadError what="the retention check" error={check.error} onRetry={check.reload} />
      ) : check.data ? (
        <Alert type={check.data.passed ? 'success' : 'warning'} className="margin-y-3" data-testid="retention-check">
          <h2 className="usa-alert__heading">
            {check.data.passed ? 'Nothing is kept past its retention' : 'Records are kept past their retention'}
          </h2>
          <p className="usa-alert__text">
            {check.data.passed
              ? `Every record past its date is kept by a legal hold or is within ${check.data.graceHours} hours of it (the sweep runs hourly).`
              : `${plural(
                  check.data.overdue.reduce((n, line) => n + line.due, 0),
                  'record is',
                  'records are',
                )} more than ${check.data.graceHours} hours past their date and not held: check that the retention sweep is running.`}
          </p>
        </Alert>
      ) : null}

      <section aria-labelledby="forecast-heading" className="margin-top-4">
        <h2 id="forecast-heading">What falls due</h2>
        <div className="maxw-mobile-lg">
          <SelectField
            id="forecast-window"
            label="Records due within"
            hint="Includes what is already due and not yet swept."
            value={days}
            onChange={setDays}
            options={windows}
          />
        </div>
        {forecast.error ? (
          <LoadError what="the forecast" error={forecast.error} onRetry={forecast.reload} />
        ) : !forecast.data ? (
          <Loading />
        ) : (
          <>
            <p data-testid="forecast-summary" aria-live="polite">
              By {formatAgencyDate(forecast.data.until, session.timeZone)} ({windowLabel}):{' '}
              <strong>{plural(due, 'record', 'records')}</strong> to be disposed of, <strong>{plural(held, 'record', 'records')}</strong>{' '}
              kept by legal holds.
            </p>
            {lines.length === 0 ? (
              <p>Nothing falls due in this window.</p>
            ) : (
              <Table caption={`Records due within ${windowLabel}, by record type`} fullWidth stackedStyle="headers">
                <thead>
                  <tr>
                    <th scope="col">Record type</th>
                    <th scope="col">Records</th>
                    <th scope="col">Rule</th>
                    <th scope="col" className="text-right">
                      To dispose of
                    </th>
                    <th scope="col" className="text-right">
                      Held
                    </th>
                    <th scope="col">Due</th>
                  </tr>
                </thead>
                <tbody data-testid="forecast-lines">
                  {lines.map((line) => (
                    <tr key={`${line.recordTable}-${line.recordType}`} data-record-type={line.recordType}>
                      <th scope="row" data-label="Record type">
                        {names.get(line.recordType) ?? line.recordType}
                        <div className="text-base-dark font-body-3xs text-normal caseline-mono">{line.recordType}</div>
                      </th>
                      <td data-label="Records">{recordTableLabel(line.recordTable)}</td>
                      <td data-label="Rule">{line.rule}</td>
                      <td data-label="To dispose of" className="text-right" data-testid="forecast-due">
                        {line.due.toLocaleString()}
                      </td>
                      <td data-label="Held" className="text-right" data-testid="forecast-held">
                        {line.held > 0 ? <strong>{line.held.toLocaleString()}</strong> : '0'}
                      </td>
                      <td data-label="Due">{formatDueRange(line.dueFrom, line.dueTo, session.timeZone)}</td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            )}
          </>
        )}
      </section>

      <section aria-labelledby="rules-heading" className="margin-top-5">
        <h2 id="rules-heading">Rules</h2>
        <p>Each record type’s rule, with the retention item of its notice that publishes it.</p>
        {rules.error ? (
          <LoadError what="the retention rules" error={rules.error} onRetry={rules.reload} />
        ) : !rules.data ? (
          <Loading />
        ) : (
          rules.data.map((notice) => (
            <section key={notice.id} aria-labelledby={`rules-${notice.id}`} className="margin-top-4">
              <h3 id={`rules-${notice.id}`}>
                {notice.designation}, {notice.name}
              </h3>
              {notice.retentionPreamble && <p className="font-body-xs">{notice.retentionPreamble}</p>}
              <Table
                caption={`Retention rules of ${notice.designation}`}
                fullWidth
                stackedStyle="headers"
                className="caseline-record-types"
              >
                <thead>
                  <tr>
                    <th scope="col">Record type</th>
                    <th scope="col">Rule</th>
                    <th scope="col">The notice says</th>
                  </tr>
                </thead>
                <tbody>
                  {notice.recordTypes.map((type) => (
                    <tr key={type.id}>
                      <th scope="row" data-label="Record type">
                        {type.name}
                        <div className="text-base-dark font-body-3xs text-normal caseline-mono">{type.id}</div>
                      </th>
                      <td data-label="Rule" style={{ minWidth: '12rem' }}>
                        <strong>{type.rule}</strong>
                      </td>
                      <td data-label="The notice says" className="font-body-2xs">
                        {type.retentionStatement}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </Table>
              <p className="font-body-2xs">
                <strong>Disposal:</strong> {notice.disposal}
              </p>
            </section>
          ))
        )}
      </section>
    </Page>
  );
}
