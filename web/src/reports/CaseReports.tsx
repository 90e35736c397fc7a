import { useState, type FormEvent } from 'react';
import { Button, Form, Grid, Table } from '@trussworks/react-uswds';
import { fetchCaseReport, type CaseReport, type CaseReportQuery, type DurationReport, type DurationStats } from '../api/reports.ts';
import { caseChannels, channelLabels } from '../cases/caseText.ts';
import { ErrorSummary } from '../forms/ErrorSummary.tsx';
import { SelectField } from '../forms/SelectField.tsx';
import { TextField } from '../forms/TextField.tsx';
import { useFormErrors } from '../forms/useFormErrors.ts';
import { LoadError } from '../frame/LoadError.tsx';
import { Loading } from '../frame/Loading.tsx';
import { Page } from '../frame/Page.tsx';
import { useLoad } from '../util/useLoad.ts';
import { lastThirtyDays, periodChecks } from './period.ts';
import { HorizontalBarChart, StackedColumnChart, type ChartCategory, type ChartSeries } from './ReportChart.tsx';

type Measure = 'businessHours' | 'elapsedHours';

const labels = { from: 'From', to: 'To' };
const fieldIds = { from: 'case-reports-from', to: 'case-reports-to' };
/** The server's limit (maxReportDays in src/modules/reports). */
const maxDays = 366;
const measureLabels: Record<Measure, string> = { businessHours: 'Business hours (agency calendar)', elapsedHours: 'Elapsed hours' };

// Okabe–Ito colours: told apart with the common colour-vision deficiencies.
const channelColors = { email: '#0072b2', phone: '#e69f00', fax: '#56b4e9', web: '#009e73', letter: '#cc79a7', walk_in: '#d55e00' };
const percentileSeries: readonly ChartSeries[] = [
  { key: 'p50', label: 'Median (p50)', color: '#0072b2' },
  { key: 'p90', label: 'p90', color: '#e69f00' },
  { key: 'p99', label: 'p99', color: '#d55e00' },
];
const ageColors = ['#97d4ea', '#00bde3', '#0072b2', '#e69f00', '#d55e00'];

const hours = (value: number) => `${value < 100 ? value.toFixed(1) : Math.round(value)} h`;
const days = (value: number) => `${(value / 24).toFixed(1)} days`;
const cases = (n: number) => `${n} ${n === 1 ? 'case' : 'cases'}`;

function medianSentence(what: string, stats: DurationStats): string {
  if (stats.count === 0 || !stats.businessHours || !stats.elapsedHours) return `No case opened in the period has had its ${what} yet.`;
  return `${cases(stats.count)} had their ${what}: median ${hours(stats.businessHours.p50)} of business hours (${hours(stats.elapsedHours.p50)} elapsed), 90 % within ${hours(stats.businessHours.p90)} of business hours.`;
}

function KeyFigures({ report }: { readonly report: CaseReport }) {
  const { volume, backlog, sla } = report;
  const busiest = [...volume.byDay].sort((a, b) => b.total - a.total || a.day.localeCompare(b.day))[0];
  return (
    <section aria-labelledby="case-reports-key-figures" className="margin-y-4">
      <h2 id="case-reports-key-figures">Key figures</h2>
      <ul>
        <li>
          {`${cases(volume.total)} opened from ${report.from} to ${report.to}`}
          {busiest && busiest.total > 0 ? `; the busiest day was ${busiest.day} with ${busiest.total}.` : '.'}
        </li>
        <li>{medianSentence('first response', report.firstResponse.all)}</li>
        <li>{medianSentence('resolution', report.resolution.all)}</li>
        <li>
          {`${cases(backlog.all.total)} open now`}
          {backlog.all.oldestAgeHours !== null ? `; the oldest was opened ${days(backlog.all.oldestAgeHours)} ago.` : '.'}
        </li>
        <li>
          {`Service levels in the period: ${sla.firstResponse.warning} first-response warnings and ${sla.firstResponse.breached} breaches; ${sla.resolution.warning} resolution warnings and ${sla.resolution.breached} breaches.`}
        </li>
      </ul>
      <p className="usa-hint">{`Days are read in ${report.timeZone}. The backlog is counted as of ${new Date(report.backlog.asOf).toLocaleString()}.`}</p>
    </section>
  );
}

function VolumeCharts({ report }: { readonly report: CaseReport }) {
  const { volume } = report;
  const used = caseChannels.filter((c) => volume.byChannel[c] > 0);
  const series: ChartSeries[] = used.map((c) => ({ key: c, label: channelLabels[c], color: channelColors[c] }));
  const byDay: ChartCategory[] = volume.byDay.map((d) => ({ key: d.day, label: d.day, values: used.map((c) => d.byChannel[c]) }));
  const channelText = used.map((c) => `${channelLabels[c]} ${volume.byChannel[c]}`).join(', ');
  const top = [...volume.byArea].sort((a, b) => b.count - a.count)[0];
  return (
    <>
      <StackedColumnChart
        id="case-reports-volume-day"
        title="Cases opened per day, by channel"
        summary={
          volume.total === 0
            ? 'No case was opened in the period.'
            : `${cases(volume.total)} over ${volume.byDay.length} days, an average of ${(volume.total / volume.byDay.length).toFixed(1)} a day. By channel: ${channelText}.`
        }
        series={series}
        categories={volume.total === 0 ? [] : byDay}
        categoryHeading="Day"
        collapseTable={volume.byDay.length > 14}
      />
      <HorizontalBarChart
        id="case-reports-volume-area"
        title="Cases opened by business area"
        summary={
          top
            ? `${volume.byArea.length} ${volume.byArea.length === 1 ? 'area' : 'areas'}; the most cases were opened in ${top.label} (${top.count}).`
            : 'No case was opened in the period.'
        }
        series={[{ key: 'count', label: 'Cases opened', color: '#0072b2' }]}
        categories={volume.byArea.map((a) => ({ key: a.area ?? 'shared', label: a.label, values: [a.count] }))}
        categoryHeading="Business area"
        mode="stacked"
      />
    </>
  );
}

function DurationChart({
  id,
  title,
  what,
  report,
  measure,
}: {
  readonly id: string;
  readonly title: string;
  readonly what: string;
  readonly report: DurationReport;
  readonly measure: Measure;
}) {
  const rows = [
    { label: 'All channels', key: 'all', stats: report.all },
    ...report.byChannel.map((c) => ({ label: channelLabels[c.channel], key: c.channel, stats: c as DurationStats })),
  ];
  const categories: ChartCategory[] =
    report.all.count === 0
      ? []
      : rows.map((r) => {
          const p = r.stats[measure];
          return { key: r.key, label: `${r.label} (${cases(r.stats.count)})`, values: p ? [p.p50, p.p90, p.p99] : [null, null, null] };
        });
  const all = report.all[measure];
  const slowest = [...report.byChannel].sort((a, b) => (b[measure]?.p90 ?? 0) - (a[measure]?.p90 ?? 0))[0];
  const unit = measure === 'businessHours' ? 'business hours' : 'elapsed hours';
  return (
    <HorizontalBarChart
      id={id}
      title={`${title}, ${unit}`}
      summary={
        all === null
          ? `No case opened in the period has had its ${what} yet.`
          : `Over ${cases(report.all.count)}: half within ${hours(all.p50)}, 90 % within ${hours(all.p90)}, 99 % within ${hours(all.p99)} (${unit}, nearest rank).${slowest && report.byChannel.length > 1 ? ` The slowest channel at p90 is ${channelLabels[slowest.channel]}.` : ''}`
      }
      series={percentileSeries}
      categories={categories}
      format={hours}
      categoryHeading="Channel"
      mode="grouped"
    />
  );
}

function BacklogChart({ report }: { readonly report: CaseReport }) {
  const { backlog } = report;
  const series = backlog.bucketLabels.map((label, i) => ({ key: String(i), label, color: ageColors[i] ?? '#565c65' }));
  const older = backlog.all.buckets.slice(3).reduce((a, b) => a + b, 0);
  return (
    <HorizontalBarChart
      id="case-reports-backlog"
      title="Open cases by age and business area"
      summary={
        backlog.all.total === 0
          ? 'No case is open now.'
          : `${cases(backlog.all.total)} open now, ${older} of them older than a week${backlog.all.oldestAgeHours !== null ? `; the oldest was opened ${days(backlog.all.oldestAgeHours)} ago` : ''}.`
      }
      series={series}
      categories={backlog.byArea.map((a) => ({ key: a.area ?? 'shared', label: a.label, values: a.buckets }))}
      categoryHeading="Business area"
      mode="stacked"
    />
  );
}

function SlaTable({ report }: { readonly report: CaseReport }) {
  return (
    <section aria-labelledby="case-reports-sla" className="margin-y-4">
      <h2 id="case-reports-sla">Service-level alerts</h2>
      <Table caption="Warnings and breaches announced in the period" fullWidth>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Warnings</th>
            <th scope="col">Breaches</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">First response</th>
            <td>{report.sla.firstResponse.warning}</td>
            <td>{report.sla.firstResponse.breached}</td>
          </tr>
          <tr>
            <th scope="row">Resolution</th>
            <td>{report.sla.resolution.warning}</td>
            <td>{report.sla.resolution.breached}</td>
          </tr>
        </tbody>
      </Table>
    </section>
  );
}

/** The supervisor's case reports: volume, response and resolution times, and the backlog, over their areas. */
export function CaseReports() {
  const [query, setQuery] = useState<CaseReportQuery>(lastThirtyDays);
  const [from, setFrom] = useState(query.from);
  const [to, setTo] = useState(query.to);
  const [measure, setMeasure] = useState<Measure>('businessHours');
  const { errors, fromChecks, fromError } = useFormErrors(labels);
  const report = useLoad(() => fetchCaseReport(query).catch((error: unknown) => (fromError(error), Promise.reject(error))), [query]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (fromChecks(periodChecks({ from, to }, maxDays))) setQuery({ from, to });
  };

  return (
    <Page title="Case reports">
      <p>
        How many cases came in, how fast they were answered and resolved, and how old the open ones are, in the business areas you work in
        and the shared queue. Counts and durations only: no case or customer is named.
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
        </Grid>
        <Button type="submit">Show reports</Button>
      </Form>
      {report.loading ? (
        <Loading label="Loading the case reports…" />
      ) : report.error || !report.data ? (
        <LoadError what="the case reports" error={report.error} onRetry={report.reload} />
      ) : (
        <>
          <KeyFigures report={report.data} />
          <VolumeCharts report={report.data} />
          <div className="maxw-mobile-lg">
            <SelectField
              id="case-reports-measure"
              label="Measure response and resolution times in"
              value={measure}
              onChange={(value) => setMeasure(value as Measure)}
              options={(Object.keys(measureLabels) as Measure[]).map((value) => ({ value, label: measureLabels[value] }))}
            />
          </div>
          <DurationChart
            id="case-reports-first-response"
            title="Time to first response by channel"
            what="first response"
            report={report.data.firstResponse}
            measure={measure}
          />
          <DurationChart
            id="case-reports-resolution"
            title="Time to resolution by channel"
            what="resolution"
            report={report.data.resolution}
            measure={measure}
          />
          <BacklogChart report={report.data} />
          <SlaTable report={report.data} />
        </>
      )}
    </Page>
  );
}
