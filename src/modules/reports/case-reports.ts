import { appendAudit, authorize, type AuditContext } from '../../access/index.ts';
import { agencyTimeZone } from '../../catalog/index.ts';
import type { CaseChannel, Principal, Tx } from '../../db/index.ts';
import { agencySlaPolicy, caseChannels, type BusinessCalendar } from '../cases/index.ts';
import { businessRuler } from './business-ruler.ts';
import {
  backlogBuckets,
  type AlertCounts,
  type AreaCount,
  type BacklogArea,
  type BacklogCounts,
  type CaseReport,
  type CaseReportQuery,
  type ChannelCounts,
  type DurationReport,
  type DurationStats,
} from './case-report.ts';
import {
  businessAreaNames,
  countBacklog,
  countOpenedCases,
  countSlaAlerts,
  selectCaseTimes,
  type CaseTimes,
} from './case-report-repository.ts';
import { percentilesOf, type Percentiles } from './nearest-rank.ts';
import { reportPeriod } from './report-period.ts';

export interface CaseReports {
  /**
   * Volume, first-response and resolution times, the backlog's age and SLA alerts over the
   * cases the reader may see (row-level security: a supervisor's areas and the shared
   * queue). Counts and durations only. Supervisors (reports.read). InvalidReportField on a
   * bad period.
   */
  report(trx: Tx, principal: Principal, query: CaseReportQuery, ctx: AuditContext, now: Date): Promise<CaseReport>;
}

export interface CaseReportsOptions {
  /** The agency's time zone: the days of the period and of the volume chart. */
  readonly timeZone?: string;
  /** The business-hours calendar durations are also measured on; the agency's SLA calendar by default. */
  readonly calendar?: BusinessCalendar;
}

const sharedQueueLabel = 'Shared queue (no business area)';
const hourMs = 3_600_000;
const hundredths = (hours: number) => Math.round(hours * 100) / 100;
const roundedPercentiles = (p: Percentiles | null): Percentiles | null =>
  p === null ? null : { p50: hundredths(p.p50), p90: hundredths(p.p90), p99: hundredths(p.p99) };

const noChannels = (): Record<CaseChannel, number> => ({ email: 0, phone: 0, fax: 0, web: 0, letter: 0, walk_in: 0 });

function areaOrder(a: { area: string | null; label: string }, b: { area: string | null; label: string }): number {
  // The shared queue last; areas by name.
  if (a.area === null || b.area === null) return (a.area === null ? 1 : 0) - (b.area === null ? 1 : 0);
  return a.label.localeCompare(b.label) || a.area.localeCompare(b.area);
}

/** The durations from opening to `end` of the cases that have one: elapsed and business hours, overall and by channel. */
function durations(cases: readonly CaseTimes[], end: (c: CaseTimes) => Date | null, businessMinutes: (from: Date, to: Date) => number) {
  const measured = cases.flatMap((c) => {
    const at = end(c);
    return at === null
      ? []
      : [{ channel: c.channel, elapsed: (at.getTime() - c.createdAt.getTime()) / hourMs, business: businessMinutes(c.createdAt, at) / 60 }];
  });
  const stats = (sample: typeof measured): DurationStats => ({
    count: sample.length,
    elapsedHours: roundedPercentiles(percentilesOf(sample.map((m) => m.elapsed))),
    businessHours: roundedPercentiles(percentilesOf(sample.map((m) => m.business))),
  });
  const report: DurationReport = {
    all: stats(measured),
    byChannel: caseChannels.flatMap((channel) => {
      const sample = measured.filter((m) => m.channel === channel);
      return sample.length === 0 ? [] : [{ channel, ...stats(sample) }];
    }),
  };
  return report;
}

export function createCaseReports(options: CaseReportsOptions = {}): CaseReports {
  const timeZone = options.timeZone ?? agencyTimeZone;
  const calendar = options.calendar ?? agencySlaPolicy(timeZone).calendar;
  return {
    async report(trx, principal, query, ctx, now) {
      authorize(principal, 'reports.read');
      const period = reportPeriod(query.from, query.to, timeZone);

      const opened = await countOpenedCases(trx, period.start, period.end, timeZone);
      const times = await selectCaseTimes(trx, period.start, period.end);
      const since = backlogBuckets.slice(1).map((b) => new Date(now.getTime() - b.fromHours * hourMs));
      const backlog = await countBacklog(trx, since);
      const alerts = await countSlaAlerts(trx, period.start, period.end);
      const areaIds = [...new Set([...opened.map((o) => o.area), ...backlog.map((b) => b.area)])].filter((a): a is string => a !== null);
      const names = await businessAreaNames(trx, areaIds);
      const labelOf = (area: string | null) => (area === null ? sharedQueueLabel : (names.get(area) ?? area));

      // Volume: the day × channel × area counts, summed three ways.
      const byDay = new Map(period.days.map((day) => [day, noChannels()]));
      const byChannel = noChannels();
      const byArea = new Map<string | null, number>();
      for (const o of opened) {
        const day = byDay.get(o.day);
        if (day) day[o.channel] += o.count;
        byChannel[o.channel] += o.count;
        byArea.set(o.area, (byArea.get(o.area) ?? 0) + o.count);
      }
      const sumOf = (counts: ChannelCounts) => caseChannels.reduce((sum, c) => sum + counts[c], 0);

      // Durations: the business hours on a ruler spanning the period and every end measured.
      const latest = times.reduce(
        (max, t) => Math.max(max, t.firstResponseAt?.getTime() ?? max, t.resolvedAt?.getTime() ?? max),
        period.end.getTime(),
      );
      const ruler = businessRuler(calendar, { from: period.start, to: new Date(latest) });

      const ageHours = (oldest: Date) => hundredths((now.getTime() - oldest.getTime()) / hourMs);
      const backlogAreas: BacklogArea[] = backlog
        .map((b) => ({
          area: b.area,
          label: labelOf(b.area),
          buckets: b.buckets,
          total: b.buckets.reduce((sum, n) => sum + n, 0),
          oldestAgeHours: ageHours(b.oldest),
        }))
        .sort(areaOrder);
      const oldest = backlog.reduce<Date | null>((min, b) => (min === null || b.oldest < min ? b.oldest : min), null);
      const allBacklog: BacklogCounts = {
        buckets: backlogBuckets.map((_, i) => backlogAreas.reduce((sum, a) => sum + a.buckets[i]!, 0)),
        total: backlogAreas.reduce((sum, a) => sum + a.total, 0),
        oldestAgeHours: oldest === null ? null : ageHours(oldest),
      };

      const alertCounts = (target: 'first_response' | 'resolution'): AlertCounts => ({
        warning: alerts.find((a) => a.target === target && a.state === 'warning')?.count ?? 0,
        breached: alerts.find((a) => a.target === target && a.state === 'breached')?.count ?? 0,
      });

      // Counts about no one: no subjects to name, but the report is still a reading of case records.
      await appendAudit(trx, {
        at: now,
        actor: principal,
        action: 'search',
        recordType: 'usps-880/inquiry',
        recordId: null,
        subjects: [],
        ...ctx,
        outcome: 'ok',
        detail: { report: 'cases', from: period.from, to: period.to },
      });

      const areas: AreaCount[] = [...byArea.entries()].map(([area, count]) => ({ area, label: labelOf(area), count })).sort(areaOrder);
      return {
        from: period.from,
        to: period.to,
        timeZone,
        volume: {
          total: sumOf(byChannel),
          byDay: [...byDay.entries()].map(([day, counts]) => ({ day, total: sumOf(counts), byChannel: counts })),
          byChannel,
          byArea: areas,
        },
        firstResponse: durations(times, (t) => t.firstResponseAt, ruler.minutesBetween),
        resolution: durations(times, (t) => t.resolvedAt, ruler.minutesBetween),
        backlog: { asOf: now, byArea: backlogAreas, all: allBacklog },
        sla: { firstResponse: alertCounts('first_response'), resolution: alertCounts('resolution') },
      };
    },
  };
}
