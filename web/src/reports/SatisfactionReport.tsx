import { useState, type FormEvent } from 'react';
import { Button, Form, Grid, Table } from '@trussworks/react-uswds';
import { api } from '../api/client.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { lastThirtyDays, periodChecks } from './period.ts';

/** GET /api/reports/satisfaction (src/http/routes/survey-reports.ts): counts only, no comments or customers. */
type Dimension = 'agent' | 'area' | 'channel';
interface SatisfactionRow {
  readonly key: string | null;
  readonly label: string;
  readonly invitations: number;
  readonly answered: number;
  readonly responseRate: number | null;
  readonly responses: number;
  readonly average: number | null;
  readonly distribution: readonly number[];
}
interface SatisfactionReportData {
  readonly from: string;
  readonly to: string;
  readonly by: Dimension;
  readonly rows: readonly SatisfactionRow[];
  readonly total: SatisfactionRow;
}
interface Query {
  readonly from: string;
  readonly to: string;
  readonly by: Dimension;
}

const fetchReport = (query: Query) => api.get<SatisfactionReportData>('/api/reports/satisfaction', { query: { ...query } });

const dimensionLabels: Record<Dimension, string> = { agent: 'Agent', area: 'Business area', channel: 'Channel' };
const labels = { from: 'From', to: 'To', by: 'Group by' };
const fieldIds = { from: 'satisfaction-from', to: 'satisfaction-to', by: 'satisfaction-by' };

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const mean = (average: number | null) => (average === null ? '–' : average.toFixed(2));

/**
 * Mean rating per group as horizontal bars on a 1–5 scale. The table beside it holds the
 * same figures for screen readers, so the drawing is described by one sentence.
 */
function AverageChart({ rows, dimension }: { readonly rows: readonly SatisfactionRow[]; readonly dimension: Dimension }) {
  const rated = rows.filter((row) => row.average !== null);
  if (rated.length === 0) return null;
  const barHeight = 28;
  const labelWidth = 220;
  const chartWidth = 360;
  const height = rated.length * (barHeight + 8) + 28;
  const x = (rating: number) => labelWidth + (rating / 5) * chartWidth;
  return (
    <figure className="margin-x-0 margin-y-3">
      <svg
        role="img"
        aria-labelledby="satisfaction-chart-title"
        viewBox={`0 0 ${labelWidth + chartWidth + 60} ${height}`}
        width="100%"
        style={{ maxWidth: `${labelWidth + chartWidth + 60}px` }}
      >
        <title id="satisfaction-chart-title">{`Mean rating by ${dimensionLabels[dimension].toLowerCase()}, on a scale of 1 to 5; the table below gives the figures.`}</title>
        {[1, 2, 3, 4, 5].map((tick) => (
          <g key={tick}>
            <line x1={x(tick)} x2={x(tick)} y1={0} y2={height - 20} stroke="#dfe1e2" />
            <text x={x(tick)} y={height - 4} textAnchor="middle" fontSize="12" fill="#1b1b1b">
              {tick}
            </text>
          </g>
        ))}
        {rated.map((row, index) => {
          const y = index * (barHeight + 8);
          return (
            <g key={row.key ?? 'none'}>
              <text x={labelWidth - 8} y={y + barHeight / 2 + 4} textAnchor="end" fontSize="13" fill="#1b1b1b">
                {row.label.length > 30 ? `${row.label.slice(0, 29)}…` : row.label}
              </text>
              <rect x={labelWidth} y={y} width={x(row.average!) - labelWidth} height={barHeight} fill="#005ea2" />
              <text x={x(row.average!) + 6} y={y + barHeight / 2 + 4} fontSize="13" fill="#1b1b1b">
                {mean(row.average)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="usa-hint">Mean rating (1 very dissatisfied, 5 very satisfied) of the answers given in the period.</figcaption>
    </figure>
  );
}

function ReportTable({ report }: { readonly report: SatisfactionReportData }) {
  const row = (r: SatisfactionRow, header: boolean) => (
    <tr key={header ? (r.key ?? 'none') : 'total'}>
      <th scope="row">{header ? r.label : <strong>All</strong>}</th>
      <td>{r.invitations}</td>
      <td>{r.answered}</td>
      <td>{percent(r.responseRate)}</td>
      <td>{r.responses}</td>
      <td>{mean(r.average)}</td>
      {r.distribution.map((n, i) => (
        <td key={i}>{n}</td>
      ))}
    </tr>
  );
  return (
    <Table
      caption={`Satisfaction by ${dimensionLabels[report.by].toLowerCase()}, ${report.from} to ${report.to}`}
      fullWidth
      stackedStyle="headers"
    >
      <thead>
        <tr>
          <th scope="col">{dimensionLabels[report.by]}</th>
          <th scope="col">Invitations sent</th>
          <th scope="col">Answered</th>
          <th scope="col">Response rate</th>
          <th scope="col">Answers in period</th>
          <th scope="col">Mean rating</th>
          {[1, 2, 3, 4, 5].map((rating) => (
            <th scope="col" key={rating}>
              {`Rated ${rating}`}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {report.rows.map((r) => row(r, true))}
        {row(report.total, false)}
      </tbody>
    </Table>
  );
}

/** The supervisor's satisfaction report: how customers rated resolved cases, by agent, area or channel, over their areas. */
export function SatisfactionReport() {
  const [query, setQuery] = useState<Query>(() => ({ ...lastThirtyDays(), by: 'agent' }));
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [by, setBy] = useState<Dimension>(query.by);
  const { errors, fromChecks, fromError } = useFormErrors(labels);
  const report = useLoad(() => fetchReport(query).catch((error: unknown) => (fromError(error), Promise.reject(error))), [query]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (fromChecks(periodChecks({ from, to }))) setQuery({ from, to, by });
  };

  return (
    <Page title="Satisfaction">
      <p>
        How customers rated the handling of their resolved cases, in the business areas you work in. Counts only: comments are read on each
        case.
      </p>
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <Form onSubmit={submit} noValidate large className="maxw-full">
        <Grid row gap>
          <Grid tablet={{ col: 4 }}>
            <TextField type="date" id={fieldIds.from} label={labels.from} value={from} onChange={setFrom} error={errors.fields.from} />
          </Grid>
          <Grid tablet={{ col: 4 }}>
            <TextField type="date" id={fieldIds.to} label={labels.to} value={to} onChange={setTo} error={errors.fields.to} />
          </Grid>
          <Grid tablet={{ col: 4 }}>
            <SelectField
              id={fieldIds.by}
              label={labels.by}
              value={by}
              onChange={(value) => setBy(value as Dimension)}
              options={(Object.keys(dimensionLabels) as Dimension[]).map((value) => ({ value, label: dimensionLabels[value] }))}
              error={errors.fields.by}
            />
          </Grid>
        </Grid>
        <Button type="submit">Show report</Button>
      </Form>
      {report.loading ? (
        <Loading label="Loading the report…" />
      ) : report.error || !report.data ? (
        <LoadError what="the satisfaction report" error={report.error} onRetry={report.reload} />
      ) : report.data.rows.length === 0 ? (
        <p role="status">No case was resolved and no survey was answered in this period.</p>
      ) : (
        <>
          <AverageChart rows={report.data.rows} dimension={report.data.by} />
          <ReportTable report={report.data} />
        </>
      )}
    </Page>
  );
}
