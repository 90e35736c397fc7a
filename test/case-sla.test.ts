import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser, systemPrincipal, upsertBusinessArea } from '../src/access/index.ts';
import { withPrincipal, type Database, type Principal } from '../src/db/index.ts';
import {
  agencySlaPolicy,
  createCaseService,
  createCaseSla,
  startSlaMonitor,
  type CaseService,
  type CaseSla,
  type NewCase,
} from '../src/modules/cases/index.ts';
import { testDatabase } from './support/database.ts';
import { testVault } from './support/vault.ts';

let database: Database;
let keys: Awaited<ReturnType<typeof testVault>>;
let cases: CaseService;
let sla: CaseSla;
let supervisorId: string;
const system = systemPrincipal('test');
const ctx = { requestId: null, clientAddr: null, purpose: 'SLA test' };
/** New York wall-clock times of the week of Thanksgiving 2026 (Thursday 26 November), in UTC. */
const et = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour + 5, minute));

beforeAll(async () => {
  database = await testDatabase();
  keys = await testVault();
  cases = createCaseService(keys.vault);
  sla = createCaseSla(agencySlaPolicy('America/New_York'));
  await withPrincipal(database.db, system, async (trx) => {
    await upsertBusinessArea(trx, system, { id: 'retail', name: 'Retail', description: '' }, ctx, et(23, 8));
    await createStaffUser(
      trx,
      system,
      {
        username: 'agnes',
        displayName: 'Agnes',
        password: 'correct horse battery staple 1',
        roles: ['agent'],
        businessAreas: ['retail'],
        mustChangePassword: false,
      },
      ctx,
      et(23, 8),
    );
    supervisorId = (
      await createStaffUser(
        trx,
        system,
        {
          username: 'sol',
          displayName: 'Sol',
          password: 'correct horse battery staple 2',
          roles: ['supervisor'],
          businessAreas: ['retail'],
          mustChangePassword: false,
        },
        ctx,
        et(23, 8),
      )
    ).id;
  });
});
afterAll(async () => {
  await database.close();
  await keys.remove();
});

const as = <T>(principal: Principal, fn: Parameters<typeof withPrincipal<T>>[2]) => withPrincipal(database.db, principal, fn);
const open = (at: Date, input: Partial<NewCase> = {}) =>
  as(system, async (trx) => {
    const opened = await cases.open(
      trx,
      system,
      {
        channel: 'email',
        recordType: 'usps-880/inquiry',
        title: 'Where is my parcel?',
        body: 'It has not arrived.',
        businessArea: 'retail',
        sender: { name: 'Leopold Quince' },
        ...input,
      },
      ctx,
      at,
    );
    return opened.case.id;
  });
const clocks = (id: string, at: Date) => as(system, (trx) => sla.clocksOf(trx, system, id, at));
const sweep = (at: Date) => as(system, (trx) => sla.sweep(trx, system, at));
const slaEvents = (id: string) =>
  database.db
    .selectFrom('case_events')
    .select(['kind', 'detail'])
    .where('case_id', '=', id)
    .where('kind', 'like', 'sla_%')
    .orderBy('seq')
    .execute();

describe('service levels of cases', () => {
  it('count business hours on the federal calendar: a Wednesday-afternoon e-mail is due on Friday afternoon', async () => {
    const id = await open(et(25, 16));
    const { firstResponse, resolution } = await clocks(id, et(25, 16, 30));
    // One business day is 540 minutes: 60 on Wednesday, none on Thanksgiving, 480 on Friday.
    expect(firstResponse).toMatchObject({ state: 'running', targetMinutes: 540, elapsedMinutes: 30, dueAt: et(27, 16) });
    expect(resolution).toMatchObject({ state: 'running', targetMinutes: 5 * 540 });
  });

  it('announce a warning once, then a breach escalated to the area’s supervisors', async () => {
    const id = await open(et(23, 9), { priority: 'urgent' });
    expect(await sweep(et(23, 9, 30))).toMatchObject({ warnings: 0, breaches: 0 });
    // Three quarters of the hour's first-response target gone.
    const warned = await sweep(et(23, 9, 50));
    expect(warned.warnings).toBeGreaterThanOrEqual(1);
    expect(await slaEvents(id)).toEqual([{ kind: 'sla_warning', detail: { target: 'first_response', due_at: et(23, 10).toISOString() } }]);
    expect((await sweep(et(23, 9, 55))).warnings).toBe(0);

    await sweep(et(23, 10, 5));
    expect(await slaEvents(id)).toEqual([
      { kind: 'sla_warning', detail: { target: 'first_response', due_at: et(23, 10).toISOString() } },
      { kind: 'sla_breached', detail: { target: 'first_response', due_at: et(23, 10).toISOString(), escalated_to: [supervisorId] } },
    ]);
    const atRisk = await as(system, (trx) => sla.atRisk(trx, system, et(23, 10, 5)));
    expect(atRisk.filter((c) => c.id === id)).toEqual([
      expect.objectContaining({ target: 'first_response', state: 'breached', dueAt: et(23, 10) }),
    ]);
    expect(JSON.stringify(atRisk)).not.toContain('parcel');
  });

  it('stop the resolution clock while the case waits for the customer, and not after it is resolved', async () => {
    const id = await open(et(23, 9), { priority: 'high' });
    await as(system, (trx) => cases.changeStatus(trx, system, id, { status: 'pending_customer' }, ctx, et(23, 10)));
    // High priority: three business days to resolve; a week later it has still used only one hour.
    const paused = await clocks(id, et(30, 10));
    expect(paused.resolution).toMatchObject({ state: 'paused', elapsedMinutes: 60 });
    await sweep(et(30, 10));
    expect((await slaEvents(id)).filter((e) => (e.detail as { target: string }).target === 'resolution')).toEqual([]);

    await as(system, (trx) =>
      cases.changeStatus(
        trx,
        system,
        id,
        { status: 'resolved', resolutionCode: 'answered', resolution: 'Found at the depot.' },
        ctx,
        et(30, 11),
      ),
    );
    expect((await clocks(id, et(30, 12))).resolution.state).toBe('met');
  });

  it('run from a monitor that sweeps on a timer and stops cleanly', async () => {
    const logged: unknown[] = [];
    const id = await open(et(30, 9), { priority: 'urgent' });
    const monitor = startSlaMonitor({ database, sla, clock: () => et(30, 12), intervalMs: 20, log: (e) => logged.push(e) });
    await expect.poll(() => slaEvents(id).then((e) => e.map((x) => x.kind))).toEqual(['sla_breached']);
    await monitor.stop();
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'SLA sweep announced alerts' }));
    expect(JSON.stringify(logged)).not.toMatch(/parcel|arrived|Quince/);
  });
});
