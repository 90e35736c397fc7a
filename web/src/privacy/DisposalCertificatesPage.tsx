import { useState, type FormEvent } from 'react';
import { Button, Form, Table } from '@trussworks/react-uswds';
import { fetchRetentionRules, listCertificates, type DisposalCertificate } from '../api/retention.ts';
import { useSession } from '../auth/useSession.ts';
import { TextField } from '../forms/TextField.tsx';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { formatDateTime } from '../util/formatDateTime.ts';
import { useLoad } from '../util/useLoad.ts';
import { agencyToday, formatCalendarDate, formatDueRange, recordTableLabel, recordTypeNames } from './retentionText.ts';

const sum = (certificate: DisposalCertificate, key: 'records' | 'files' | 'keysDestroyed') =>
  certificate.lines.reduce((n, line) => n + line[key], 0);

const count = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** Who ran a sweep: the server's schedule, or an operator's job from the command line. */
function runner(runBy: string): string {
  const job = runBy.replace(/^system:/, '');
  return job === 'retention' ? 'The scheduled sweep' : `The job “${job}”`;
}

/** The certificates of the retention sweeps: what each run disposed of, by record type (records managers, privacy officers, auditors). */
export function DisposalCertificatesPage() {
  const session = useSession();
  const [from, setFrom] = useState(() => agencyToday(session.timeZone, -90));
  const [to, setTo] = useState(() => agencyToday(session.timeZone));
  const [range, setRange] = useState({ from, to });
  const certificates = useLoad(() => listCertificates(range.from, range.to), [range.from, range.to]);
  // Auditors read the catalog too: the names make the lines readable; the ids are enough without them.
  const rules = useLoad(() => fetchRetentionRules().catch(() => []), []);
  const names = recordTypeNames(rules.data);

  const show = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setRange({ from, to });
  };

  const runs = certificates.data ?? [];
  const method = runs.flatMap((run) => run.lines.map((line) => line.method))[0];

  return (
    <Page title="Disposal certificates">
      <p className="usa-intro">
        Each run of the retention sweep that disposed of records leaves a certificate: how many records, attachment files and data keys
        went, under which rule, and a hash of the ids disposed of (the ids themselves are not kept).
      </p>
      <Form onSubmit={show} className="maxw-full" data-testid="certificate-range">
        <div className="grid-row grid-gap-2 flex-align-end">
          <div className="grid-col-auto">
            <TextField id="certificates-from" label="Finished from" type="date" value={from} onChange={setFrom} />
          </div>
          <div className="grid-col-auto">
            <TextField id="certificates-to" label="to (included)" type="date" value={to} onChange={setTo} />
          </div>
          <div className="grid-col-auto">
            <Button type="submit" className="margin-top-1">
              Show
            </Button>
          </div>
        </div>
      </Form>
      {certificates.error ? (
        <LoadError what="the disposal certificates" error={certificates.error} onRetry={certificates.reload} />
      ) : !certificates.data ? (
        <Loading />
      ) : (
        <>
          <h2 className="margin-top-4" aria-live="polite">
            {runs.length === 0
              ? 'No sweep disposed of anything'
              : `${runs.length} ${runs.length === 1 ? 'run' : 'runs'} that disposed of records`}
            <span className="text-normal font-body-sm">
              {' '}
              from {formatCalendarDate(range.from)} to {formatCalendarDate(range.to)}
            </span>
          </h2>
          <div data-testid="certificates">
            {runs.map((run) => (
              <section
                key={run.runId}
                aria-labelledby={`run-${run.runId}`}
                className="border-1px border-base-lighter radius-md padding-2 margin-bottom-3"
                data-testid="certificate"
              >
                <h3 id={`run-${run.runId}`} className="margin-top-0">
                  Run of {formatDateTime(run.finishedAt)}
                </h3>
                <p className="margin-y-1">
                  {runner(run.runBy)} disposed of <strong>{count(sum(run, 'records'), 'record', 'records')}</strong> and{' '}
                  <strong>{count(sum(run, 'files'), 'attachment file', 'attachment files')}</strong>, and destroyed{' '}
                  <strong>{count(sum(run, 'keysDestroyed'), 'data key', 'data keys')}</strong>. Run{' '}
                  <span className="caseline-mono font-body-3xs">{run.runId}</span>.
                </p>
                <Table caption={`What the run of ${formatDateTime(run.finishedAt)} disposed of`} fullWidth stackedStyle="headers">
                  <thead>
                    <tr>
                      <th scope="col">Record type</th>
                      <th scope="col">Rule</th>
                      <th scope="col" className="text-right">
                        Records
                      </th>
                      <th scope="col" className="text-right">
                        Files
                      </th>
                      <th scope="col" className="text-right">
                        Keys destroyed
                      </th>
                      <th scope="col">Were due</th>
                      <th scope="col">SHA-256 of the ids</th>
                    </tr>
                  </thead>
                  <tbody>
                    {run.lines.map((line) => (
                      <tr key={`${line.recordTable}-${line.recordType}`}>
                        <th scope="row" data-label="Record type">
                          {recordTableLabel(line.recordTable)}: {names.get(line.recordType) ?? line.recordType}
                          <div className="text-base-dark font-body-3xs text-normal caseline-mono text-no-wrap">{line.recordType}</div>
                        </th>
                        <td data-label="Rule">{line.rule}</td>
                        <td data-label="Records" className="text-right">
                          {line.records.toLocaleString()}
                        </td>
                        <td data-label="Files" className="text-right">
                          {line.files.toLocaleString()}
                        </td>
                        <td data-label="Keys destroyed" className="text-right">
                          {line.keysDestroyed.toLocaleString()}
                        </td>
                        <td data-label="Were due">{formatDueRange(line.dueFrom, line.dueTo, session.timeZone)}</td>
                        <td data-label="SHA-256 of the ids" className="caseline-mono font-body-3xs caseline-break">
                          {line.idsSha256}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </Table>
              </section>
            ))}
          </div>
          {method && (
            <p className="font-body-2xs maxw-tablet-lg">
              <strong>Method:</strong> {method}
            </p>
          )}
        </>
      )}
    </Page>
  );
}
