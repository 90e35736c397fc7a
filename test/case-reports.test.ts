import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessDenied, createStaffUser, staffPrincipal, systemPrincipal, upsertBusinessArea } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import { createCaseService, type CaseChannel, type CaseService } from '../src/modules/cases/index.ts';
import { createCustomerService, type CustomerService } from '../src/modules/customers/index.ts';
import { createCaseReports, InvalidReportField, type CaseReport, type CaseReports } from '../src/modules/reports/index.ts';
import { personInput } from './support/customers.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

// A fixed week of cases in one area, opened, answered and resolved at chosen instants on the
// agency's calendar (America/New_York, Monday–Friday 08:00–17:00; November is UTC−5, so
// 08:00 local is 13:00Z), and the report a supervisor of that area gets on the Tuesday after.

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let customers: CustomerService;
let cases: CaseService;
let reports: CaseReports;
let agnes: Principal;
let peter: Principal;
let sue: Principal;
let paul: Principal;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'case report test' };
const reportAt = new Date('2026-11-24T15:00:00Z'); // Tuesday 10:00 local
const week = { from: '2026-11-16', to: '2026-11-22' };
const customerName = 'Rosalind Quimby';
const title = 'Where is my parcel?';

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);
const at = (iso: string) => new Date(iso);

async function opened(agent: Principal, area: string, channel: CaseChannel, createdAt: string): Promise<string> {
  const customer = await as(system, (trx) => customers.create(trx, system, personInput({ name: customerName }), ctx, at(createdAt)));
  const { case: c } = await as(agent, (trx) =>
    cases.open(
      trx,
      agent,
      { customerId: customer.id, channel, recordType: 'usps-880/inquiry', businessArea: area, title, body: 'It has not arrived.' },
      ctx,
      at(createdAt),
    ),
  );
  return c.id;
}
const reply = (agent: Principal, id: string, when: string) =>
  as(agent, (trx) => cases.reply(trx, agent, id, { to: [], body: 'We are looking into it.' }, ctx, at(when)));
const resolve = (agent: Principal, id: string, when: string) =>
  as(agent, (trx) =>
    cases.changeStatus(trx, agent, id, { status: 'resolved', resolutionCode: 'answered', resolution: 'Found it.' }, ctx, at(when)),
  );
const reopen = (agent: Principal, id: string, when: string) =>
  as(agent, (trx) => cases.changeStatus(trx, agent, id, { status: 'reopened' }, ctx, at(when)));
const report = (principal: Principal, query = week, now = reportAt): Promise<CaseReport> =>
  as(principal, (trx) => reports.report(trx, principal, query, ctx, now));

let caseB: string;
let caseF: string;

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  customers = createCustomerService(keys.vault);
  cases = createCaseService(keys.vault, { timeZone: 'America/New_York' });
  reports = createCaseReports({ timeZone: 'America/New_York' });
  for (const area of ['trademarks', 'patents'])
    await as(system, (trx) =>
      upsertBusinessArea(trx, system, { id: area, name: area[0]!.toUpperCase() + area.slice(1), description: '' }, ctx, reportAt),
    );
  const staff = async (username: string, roles: ('agent' | 'supervisor')[], areas: string[]) => {
    const user = await as(system, (trx) =>
      createStaffUser(
        trx,
        system,
        {
          username,
          displayName: username,
          password: 'correct horse battery staple',
          roles,
          businessAreas: areas,
          mustChangePassword: false,
        },
        ctx,
        reportAt,
      ),
    );
    return staffPrincipal({ id: user.id, roles, areas, mfaPassed: true });
  };
  agnes = await staff('agnes', ['agent'], ['trademarks']);
  peter = await staff('peter', ['agent'], ['patents']);
  sue = await staff('sue', ['supervisor'], ['trademarks']);
  paul = await staff('paul', ['supervisor'], ['patents']);

  // A: Monday 09:00, answered 11:00, resolved Tuesday 09:00.
  const a = await opened(agnes, 'trademarks', 'email', '2026-11-16T14:00:00Z');
  await reply(agnes, a, '2026-11-16T16:00:00Z');
  await resolve(agnes, a, '2026-11-17T14:00:00Z');
  // B: Monday 16:00, answered Tuesday 09:00, still open.
  caseB = await opened(agnes, 'trademarks', 'email', '2026-11-16T21:00:00Z');
  await reply(agnes, caseB, '2026-11-17T14:00:00Z');
  // C: Friday 16:00 by phone, answered Monday 10:00 and resolved Monday 12:00, after the week.
  const c = await opened(agnes, 'trademarks', 'phone', '2026-11-20T21:00:00Z');
  await reply(agnes, c, '2026-11-23T15:00:00Z');
  await resolve(agnes, c, '2026-11-23T17:00:00Z');
  // D: Saturday 10:00 on the web form, untouched: exactly three days old at the report.
  await opened(agnes, 'trademarks', 'web', '2026-11-21T15:00:00Z');
  // E: a letter logged Tuesday 23:30 local, which is Wednesday in UTC.
  await opened(agnes, 'trademarks', 'letter', '2026-11-18T04:30:00Z');
  // I: Wednesday 09:00, answered 10:00, resolved 12:00, reopened Thursday: no resolution time.
  const i = await opened(agnes, 'trademarks', 'email', '2026-11-18T14:00:00Z');
  await reply(agnes, i, '2026-11-18T15:00:00Z');
  await resolve(agnes, i, '2026-11-18T17:00:00Z');
  await reopen(agnes, i, '2026-11-19T14:00:00Z');
  // K: Sunday 10:00 at the counter.
  await opened(agnes, 'trademarks', 'walk_in', '2026-11-22T15:00:00Z');
  // Outside the week, open: G three weeks before, L in October, J the morning of the report.
  await opened(agnes, 'trademarks', 'email', '2026-11-01T14:00:00Z');
  await opened(agnes, 'trademarks', 'email', '2026-10-01T14:00:00Z');
  await opened(agnes, 'trademarks', 'email', '2026-11-24T05:00:00Z');
  // F: the patents area's case, answered within the hour.
  caseF = await opened(peter, 'patents', 'email', '2026-11-16T15:00:00Z');
  await reply(peter, caseF, '2026-11-16T16:00:00Z');

  // SLA alerts as the monitor records them: two in the week, one after it, one in patents.
  const alert = (caseId: string, area: string, target: 'first_response' | 'resolution', state: 'warning' | 'breached', when: string) =>
    as(system, async (trx) => {
      const row = await trx.selectFrom('cases').select('subject_id').where('id', '=', caseId).executeTakeFirstOrThrow();
      await trx
        .insertInto('case_sla_alerts')
        .values({ case_id: caseId, target, state, subject_id: row.subject_id, business_area: area, due_at: at(when), at: at(when) })
        .execute();
    });
  await alert(caseB, 'trademarks', 'first_response', 'warning', '2026-11-16T22:00:00Z');
  await alert(caseB, 'trademarks', 'first_response', 'breached', '2026-11-17T13:30:00Z');
  await alert(caseB, 'trademarks', 'resolution', 'warning', '2026-11-23T20:00:00Z');
  await alert(caseF, 'patents', 'resolution', 'breached', '2026-11-18T20:00:00Z');
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

describe('the case report', () => {
  it('counts the cases opened each local day, by channel and by area', async () => {
    const { volume } = await report(sue);
    expect(volume.total).toBe(7);
    expect(volume.byChannel).toEqual({ email: 3, phone: 1, fax: 0, web: 1, letter: 1, walk_in: 1 });
    expect(volume.byArea).toEqual([{ area: 'trademarks', label: 'Trademarks', count: 7 }]);
    expect(volume.byDay.map((d) => [d.day, d.total])).toEqual([
      ['2026-11-16', 2],
      ['2026-11-17', 1], // the letter logged at 23:30 local
      ['2026-11-18', 1],
      ['2026-11-19', 0],
      ['2026-11-20', 1],
      ['2026-11-21', 1],
      ['2026-11-22', 1],
    ]);
    expect(volume.byDay[0]!.byChannel).toEqual({ email: 2, phone: 0, fax: 0, web: 0, letter: 0, walk_in: 0 });
    expect(volume.byDay[1]!.byChannel.letter).toBe(1);
  });

  it('gives nearest-rank first-response percentiles in elapsed and business hours, overall and by channel', async () => {
    const { firstResponse } = await report(sue);
    // A 2 h (2 business), B 17 h (2: one hour each side of the night), C 66 h over a weekend (3), I 1 h (1).
    expect(firstResponse.all).toEqual({
      count: 4,
      elapsedHours: { p50: 2, p90: 66, p99: 66 },
      businessHours: { p50: 2, p90: 3, p99: 3 },
    });
    expect(firstResponse.byChannel).toEqual([
      { channel: 'email', count: 3, elapsedHours: { p50: 2, p90: 17, p99: 17 }, businessHours: { p50: 2, p90: 2, p99: 2 } },
      { channel: 'phone', count: 1, elapsedHours: { p50: 66, p90: 66, p99: 66 }, businessHours: { p50: 3, p90: 3, p99: 3 } },
    ]);
  });

  it('gives resolution percentiles of the cases resolved now, not of one reopened', async () => {
    const { resolution } = await report(sue);
    // A 24 h (9 business), C 68 h (5 business); I was resolved and reopened.
    expect(resolution.all).toEqual({
      count: 2,
      elapsedHours: { p50: 24, p90: 68, p99: 68 },
      businessHours: { p50: 5, p90: 9, p99: 9 },
    });
    expect(resolution.byChannel.map((c) => [c.channel, c.count, c.elapsedHours?.p50, c.businessHours?.p50])).toEqual([
      ['email', 1, 24, 9],
      ['phone', 1, 68, 5],
    ]);
  });

  it('counts the open cases in age classes by area, with the oldest one’s age', async () => {
    const { backlog } = await report(sue);
    expect(backlog.asOf).toEqual(reportAt);
    // J 10 h; K 48 h; D exactly 72 h, E 154.5 h, I 145 h; B 186 h, G 553 h; L 1297 h.
    expect(backlog.byArea).toEqual([{ area: 'trademarks', label: 'Trademarks', buckets: [1, 1, 3, 2, 1], total: 8, oldestAgeHours: 1297 }]);
    expect(backlog.all).toEqual({ buckets: [1, 1, 3, 2, 1], total: 8, oldestAgeHours: 1297 });
    // A week later every one of them has aged a class or more.
    const later = await report(sue, week, new Date(reportAt.getTime() + 7 * 86_400_000));
    expect(later.backlog.all.buckets).toEqual([0, 0, 0, 6, 2]);
  });

  it('counts the SLA warnings and breaches announced in the period', async () => {
    const { sla } = await report(sue);
    expect(sla).toEqual({ firstResponse: { warning: 1, breached: 1 }, resolution: { warning: 0, breached: 0 } });
    const longer = await report(sue, { from: '2026-11-16', to: '2026-11-24' });
    expect(longer.sla.resolution).toEqual({ warning: 1, breached: 0 });
  });

  it('shows another area’s supervisor none of these cases, only their own', async () => {
    const theirs = await report(paul);
    expect(theirs.volume.total).toBe(1);
    expect(theirs.volume.byArea).toEqual([{ area: 'patents', label: 'Patents', count: 1 }]);
    expect(theirs.firstResponse.all).toEqual({
      count: 1,
      elapsedHours: { p50: 1, p90: 1, p99: 1 },
      businessHours: { p50: 1, p90: 1, p99: 1 },
    });
    expect(theirs.resolution.all).toEqual({ count: 0, elapsedHours: null, businessHours: null });
    expect(theirs.backlog.byArea.map((a) => a.area)).toEqual(['patents']);
    expect(theirs.sla).toEqual({ firstResponse: { warning: 0, breached: 0 }, resolution: { warning: 0, breached: 1 } });
  });

  it('is refused to an agent, and records its reading in the audit log', async () => {
    await expect(report(agnes)).rejects.toThrow(AccessDenied);
    await report(sue);
    const audit = await as(system, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['actor_id', 'record_type', 'record_id', 'subjects', 'detail'])
        .where('action', '=', 'search')
        .execute(),
    );
    const readings = audit.filter((row) => (row.detail as { report?: string }).report === 'cases');
    // The supervisors' readings only: the agent's refused one never ran.
    expect(readings.some((row) => row.actor_id === sue.id)).toBe(true);
    expect(readings.every((row) => row.actor_id === sue.id || row.actor_id === paul.id)).toBe(true);
    expect(readings.at(-1)).toMatchObject({
      record_type: 'usps-880/inquiry',
      record_id: null,
      subjects: [],
      detail: { report: 'cases', from: week.from, to: week.to },
    });
  });

  it('names the field of a bad period', async () => {
    const field = (query: { from: string; to: string }) =>
      report(sue, query).then(
        () => null,
        (error: unknown) => (error instanceof InvalidReportField ? error.field : error),
      );
    expect(await field({ from: '2026-02-30', to: '2026-03-01' })).toBe('from');
    expect(await field({ from: '2026-11-16', to: '16/11/2026' })).toBe('to');
    expect(await field({ from: '2026-11-16', to: '2026-11-15' })).toBe('to');
    expect(await field({ from: '2025-01-01', to: '2026-01-02' })).toBe('to');
    expect(await field({ from: '2025-01-01', to: '2026-01-01' })).toBeNull();
  });

  it('holds no customer name, case title or case id', async () => {
    const text = JSON.stringify(await report(sue));
    expect(text).not.toContain('Rosalind');
    expect(text).not.toContain('parcel');
    expect(text).not.toContain(caseB);
    expect(text).not.toMatch(/C-\d{4}-/);
  });
});
