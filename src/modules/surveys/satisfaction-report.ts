import { appendAudit, authorize, type AuditContext } from '../../access/index.ts';
import { agencyTimeZone } from '../../catalog/index.ts';
import type { Principal, Tx } from '../../db/index.ts';
import { businessAreaNames, reportPeriod } from '../reports/index.ts';
import { countInvitations, countRatings, staffDisplayNames } from './survey-repository.ts';
import type { ReportDimension, SatisfactionQuery, SatisfactionReport, SatisfactionRow } from './survey.ts';

export interface SatisfactionReports {
  /**
   * Counts, mean rating, the distribution of ratings and the response rate per agent,
   * area or channel, over the reader's areas (row-level security) — never a comment, a
   * case or a person. Supervisors (reports.read).
   */
  report(trx: Tx, principal: Principal, query: SatisfactionQuery, ctx: AuditContext, now: Date): Promise<SatisfactionReport>;
}

const channelLabels: Readonly<Record<string, string>> = {
  email: 'E-mail',
  phone: 'Phone',
  fax: 'Fax',
  web: 'Web',
  letter: 'Letter',
  walk_in: 'Walk-in',
};
const noKeyLabels: Readonly<Record<ReportDimension, string>> = {
  agent: 'Unassigned',
  area: 'Shared queue (no business area)',
  channel: 'Unknown channel',
};

type Counts = { invitations: number; answered: number; ratings: [number, number, number, number, number] };

function rowOf(key: string | null, label: string, counts: Counts): SatisfactionRow {
  const responses = counts.ratings.reduce((a, b) => a + b, 0);
  const sum = counts.ratings.reduce((a, n, i) => a + n * (i + 1), 0);
  return {
    key,
    label,
    invitations: counts.invitations,
    answered: counts.answered,
    responseRate: counts.invitations === 0 ? null : counts.answered / counts.invitations,
    responses,
    average: responses === 0 ? null : sum / responses,
    distribution: [...counts.ratings],
  };
}

export function createSatisfactionReports(options: { readonly timeZone?: string } = {}): SatisfactionReports {
  const timeZone = options.timeZone ?? agencyTimeZone;
  return {
    async report(trx, principal, query, ctx, now) {
      authorize(principal, 'reports.read');
      const { start, end } = reportPeriod(query.from, query.to, timeZone);
      const invitations = await countInvitations(trx, query.by, start, end);
      const ratings = await countRatings(trx, query.by, start, end);
      const groups = new Map<string | null, Counts>();
      const countsOf = (key: string | null): Counts => {
        let counts = groups.get(key);
        if (!counts) {
          counts = { invitations: 0, answered: 0, ratings: [0, 0, 0, 0, 0] };
          groups.set(key, counts);
        }
        return counts;
      };
      for (const i of invitations) {
        const counts = countsOf(i.key);
        counts.invitations += i.invitations;
        counts.answered += i.answered;
      }
      for (const r of ratings) countsOf(r.key).ratings[r.rating - 1]! += r.count;
      const keys = [...groups.keys()].filter((k): k is string => k !== null);
      const names =
        query.by === 'agent'
          ? await staffDisplayNames(trx, keys)
          : query.by === 'area'
            ? await businessAreaNames(trx, keys)
            : new Map(keys.map((k) => [k, channelLabels[k] ?? k]));
      const rows = [...groups.entries()]
        .map(([key, counts]) =>
          rowOf(
            key,
            key === null ? noKeyLabels[query.by] : (names.get(key) ?? (query.by === 'agent' ? 'Former staff member' : key)),
            counts,
          ),
        )
        .sort((a, b) => a.label.localeCompare(b.label) || String(a.key).localeCompare(String(b.key)));
      const total: Counts = { invitations: 0, answered: 0, ratings: [0, 0, 0, 0, 0] };
      for (const counts of groups.values()) {
        total.invitations += counts.invitations;
        total.answered += counts.answered;
        counts.ratings.forEach((n, i) => (total.ratings[i]! += n));
      }
      // Counts about no one: no subjects to name, but the report is still an access to survey records.
      await appendAudit(trx, {
        at: now,
        actor: principal,
        action: 'search',
        recordType: 'usps-890/customer-insight',
        recordId: null,
        subjects: [],
        ...ctx,
        outcome: 'ok',
        detail: { report: 'satisfaction', by: query.by, from: query.from, to: query.to },
      });
      return { from: query.from, to: query.to, by: query.by, rows, total: rowOf(null, 'All', total) };
    },
  };
}
