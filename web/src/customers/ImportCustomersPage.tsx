import { useState, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { Alert, Button, ButtonGroup, FormGroup, Label, Table } from '@trussworks/react-uswds';
import { importCustomers, type ImportReport } from '../api/customers.ts';
import { ApiError, problemMessage } from '../api/problem.ts';
import { useSession } from '../auth/useSession.ts';
import { SelectField } from '../forms/SelectField.tsx';
import { describedBy } from '../forms/describedBy.ts';
import { Page } from '../frame/Page.tsx';

interface Problem {
  /** 0 for the header row. */
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
}

type Outcome =
  | { readonly kind: 'checked'; readonly report: ImportReport }
  | { readonly kind: 'imported'; readonly report: ImportReport }
  | { readonly kind: 'rejected'; readonly dryRun: boolean; readonly detail: string; readonly problems: readonly Problem[] }
  | { readonly kind: 'failed'; readonly message: string };

/** The problems of a 422: '/body/line/12/email', '/body/line/7' (CSV syntax), '/body/header/emial'. */
function problemsOf(error: ApiError): Problem[] {
  return (error.problem.errors ?? []).map(({ field, message }) => {
    const [, , where, a, ...rest] = field.split('/');
    if (where === 'line') return { line: Number(a), column: rest.length ? rest.join('/') : null, message };
    if (where === 'header') return { line: 1, column: [a, ...rest].join('/'), message };
    return { line: 0, column: null, message };
  });
}

const maxLinks = 200;

/**
 * POST /api/customers/import with a CSV file: 'Check file' (a dry run) reports every bad cell;
 * 'Import' is all or nothing, so a file with any bad row creates no one.
 */
export function ImportCustomersPage() {
  const session = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<'import' | 'list_provider'>('import');
  const [area, setArea] = useState(session.businessAreas.length === 1 ? (session.businessAreas[0] ?? '') : '');
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    setFile(event.target.files?.[0] ?? null);
    setFileError(null);
    setOutcome(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file) {
      setFileError('Choose a CSV file.');
      document.getElementById('import-file')?.focus();
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const csv = await file.text();
      const report = await importCustomers(csv, { dryRun, recordSource: source, ...(area ? { businessArea: area } : {}) });
      setOutcome(dryRun ? { kind: 'checked', report } : { kind: 'imported', report });
    } catch (error) {
      if (error instanceof ApiError && error.status === 422 && error.problem.errors?.length)
        setOutcome({ kind: 'rejected', dryRun, detail: problemMessage(error), problems: problemsOf(error) });
      else setOutcome({ kind: 'failed', message: problemMessage(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Import customers">
      <p className="usa-intro">
        Register many customers at once from a CSV file. Check the file first: an import with any bad row creates no one.
      </p>
      <details className="caseline-details margin-bottom-3">
        <summary className="text-bold">What the file holds</summary>
        <div className="usa-prose padding-top-1">
          <p>
            The first row names the columns; each other row is one customer. The columns are <code>kind</code> (<code>person</code> or{' '}
            <code>organisation</code>, default person) and any customer field, such as <code>customer_name</code>, <code>company_name</code>
            , <code>email</code>, <code>phone</code>, <code>customer_number</code> or <code>ssn_last4</code>. Give a value a type with a
            colon: <code>phone:mobile</code>. An address takes four columns: <code>mailing_address.lines</code>, <code>.city</code>,{' '}
            <code>.state</code> and <code>.zip</code>, optionally typed (<code>mailing_address:home.zip</code>).
          </p>
          <pre className="caseline-mono bg-base-lightest padding-1 overflow-x-auto">
            {'kind,customer_name,email,phone:mobile,mailing_address.lines,mailing_address.city,mailing_address.state,mailing_address.zip\n' +
              'person,Ada Lovelace,ada@example.org,(202) 555-0101,475 L’Enfant Plaza SW,Washington,DC,20260'}
          </pre>
        </div>
      </details>
      <form
        className="usa-form usa-form--large"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void run(true);
        }}
      >
        <FormGroup error={Boolean(fileError)}>
          <Label htmlFor="import-file" error={Boolean(fileError)}>
            CSV file
          </Label>
          <span className="usa-hint" id="import-file-hint">
            UTF-8, at most 20 MB.
          </span>
          {fileError && (
            <span className="usa-error-message" id="import-file-error">
              {fileError}
            </span>
          )}
          <input
            id="import-file"
            name="import-file"
            type="file"
            accept=".csv,text/csv"
            className="display-block margin-top-1"
            aria-describedby={describedBy('import-file-hint', fileError ? 'import-file-error' : undefined)}
            aria-invalid={fileError ? true : undefined}
            onChange={choose}
          />
        </FormGroup>
        <SelectField
          id="import-source"
          label="Where the customers come from"
          value={source}
          onChange={(value) => setSource(value as 'import' | 'list_provider')}
          options={[
            { value: 'import', label: 'Another system (import)' },
            { value: 'list_provider', label: 'A list provider' },
          ]}
        />
        {session.businessAreas.length > 0 && (
          <SelectField
            id="import-area"
            label="Business area"
            hint="Who may see the records: staff of this business area, or everyone who works with shared records."
            value={area}
            onChange={setArea}
            options={[{ value: '', label: 'Shared (no business area)' }, ...session.businessAreas.map((a) => ({ value: a, label: a }))]}
          />
        )}
        <ButtonGroup className="margin-top-3">
          <Button type="submit" disabled={busy}>
            Check file
          </Button>
          <Button type="button" outline disabled={busy} onClick={() => void run(false)}>
            Import
          </Button>
        </ButtonGroup>
      </form>

      <section aria-labelledby="import-report-heading" className="margin-top-5">
        <h2 id="import-report-heading">Report</h2>
        <div role="status" aria-live="polite">
          {busy ? (
            <p>Reading the file…</p>
          ) : outcome === null ? (
            <p>The report appears here after you check or import a file.</p>
          ) : outcome.kind === 'checked' ? (
            <Alert type="success" slim data-testid="import-checked">
              <p className="usa-alert__text">
                All {outcome.report.rowsRead} row{outcome.report.rowsRead === 1 ? '' : 's'} can be imported. Nothing has been created yet:
                choose Import to register them.
              </p>
            </Alert>
          ) : outcome.kind === 'imported' ? (
            <Alert type="success" slim data-testid="import-created">
              <p className="usa-alert__text">
                {outcome.report.rows.length} customer{outcome.report.rows.length === 1 ? '' : 's'} created.
              </p>
            </Alert>
          ) : outcome.kind === 'rejected' ? (
            <Alert type="error" slim data-testid="import-rejected">
              <p className="usa-alert__text">
                {outcome.dryRun ? 'The file cannot be imported as it is' : 'Nothing was imported'}: {outcome.problems.length} problem
                {outcome.problems.length === 1 ? '' : 's'} found. Correct the file and check it again.
              </p>
            </Alert>
          ) : (
            <Alert type="error" slim>
              <p className="usa-alert__text">{outcome.message}</p>
            </Alert>
          )}
        </div>
        {outcome?.kind === 'rejected' && (
          <Table caption="Problems in the file, by line" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {outcome.problems.map((p, i) => (
                <tr key={i}>
                  <th scope="row" data-label="Line">
                    {p.line === 0 ? '—' : p.line}
                  </th>
                  <td data-label="Column" className="caseline-mono">
                    {p.column ?? '—'}
                  </td>
                  <td data-label="Problem">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {outcome?.kind === 'imported' && outcome.report.rows.length > 0 && (
          <Table caption="Customers created, by line of the file" fullWidth stackedStyle="headers">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Customer</th>
              </tr>
            </thead>
            <tbody>
              {outcome.report.rows.slice(0, maxLinks).map((row) => (
                <tr key={row.line}>
                  <th scope="row" data-label="Line">
                    {row.line}
                  </th>
                  <td data-label="Customer">
                    {row.customerId && (
                      <Link to={`/customers/${row.customerId}`} className="usa-link">
                        {row.name ?? `Customer from line ${row.line}`}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        {outcome?.kind === 'imported' && outcome.report.rows.length > maxLinks && (
          <p>The first {maxLinks} are listed; find the others with the search.</p>
        )}
      </section>
    </Page>
  );
}
